"""Recount every delivery's feedback totals: `manage.py rebuild_feedback_totals`.

The feedback services keep the totals as answers arrive; this is for after a
bulk load of answers, or as a repair. It is safe while pupils are answering.
"""

from django.core.management.base import BaseCommand

from training.services.feedback import rebuild_feedback_totals


class Command(BaseCommand):
    help = "Recount each delivery's pupil and teacher feedback totals used by the reports."

    def handle(self, *args, **options):
        count = rebuild_feedback_totals()
        self.stdout.write(f"Feedback totals recounted for {count} deliveries.")
