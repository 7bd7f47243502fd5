"""Remove or anonymise personal data past its retention period. Safe to run daily."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import import_string

from portal.retention import PURGES


class Command(BaseCommand):
    help = "Remove or anonymise personal data that is past its retention period."

    def handle(self, *args, **options):
        now = timezone.now()
        for path in PURGES:
            count = import_string(path)(now)
            self.stdout.write(f"{path.rsplit('.', 1)[-1]}: {count}")
