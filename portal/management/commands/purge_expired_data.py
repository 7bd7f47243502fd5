"""Remove or anonymise personal data past its retention period. Safe to run daily."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.retention import run_purges


class Command(BaseCommand):
    help = "Remove or anonymise personal data that is past its retention period."

    def handle(self, *args, **options):
        for name, count in run_purges(timezone.now()).items():
            self.stdout.write(f"{name}: {count}")
