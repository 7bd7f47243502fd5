"""Send the daily bookings digest to the coordinators who chose one. Run once a day
(deploy/portal-booking-digest.timer); safe to run again: each period is sent once."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from schools.digests import send_booking_digests


class Command(BaseCommand):
    help = "Email each coordinator who chose a daily digest what schools did since the last one."

    def handle(self, *args, **options):
        sent = send_booking_digests(timezone.now())
        if options["verbosity"] >= 1:
            self.stdout.write(f"{sent} digest(s) queued")
