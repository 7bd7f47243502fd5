"""Send reminders that are due. Safe to run every few minutes from cron or the worker."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import import_string

# Each function takes `now` and returns how many reminders it sent. Other packages
# add theirs here (for example training event reminders).
REMINDERS = [
    "schools.reminders.send_delivery_reminders",
    "training.reminders.send_event_reminders",
    # Feedback requests after deliveries and events, each sent once.
    "training.services.feedback.send_feedback_requests",
]


class Command(BaseCommand):
    help = "Send reminders that are due (each at most once)."

    def handle(self, *args, **options):
        now = timezone.now()
        for path in REMINDERS:
            sent = import_string(path)(now)
            if options["verbosity"] >= 1:
                self.stdout.write(f"{path}: {sent} sent")
