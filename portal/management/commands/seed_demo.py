"""Build the demo county: accounts for every role, pages, schools and a year of activity."""

from django.core.management.base import BaseCommand
from django.db import transaction

import cms.demo
import schools.demo
import training.demo
from portal.demo import DEMO_PASSWORD, seed_accounts


class Command(BaseCommand):
    help = "Create demo data (idempotent) and print the demo sign-ins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has accounts (used by `make run`).",
        )

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        if options["if_empty"] and get_user_model().objects.exists():
            self.stdout.write("Demo data already loaded.")
            return
        with transaction.atomic():
            accounts = seed_accounts()
            # Order matters: schools book sessions (cms); training uses both.
            summaries = [cms.demo.seed(), schools.demo.seed(), training.demo.seed()]
        summary = ", ".join(s for s in summaries if s)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {summary}."))
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, secret in accounts:
            mfa = f"  TOTP secret: {secret}" if secret else ""
            self.stdout.write(f"  {email}{mfa}")
