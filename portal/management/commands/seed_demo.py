"""Build the demo county: accounts for every role, schools, pages and activity."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo import seed_pages
from portal.demo import DEMO_PASSWORD, seed_accounts
from schools.demo import seed_memberships, seed_schools


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
            seed_pages()
            schools = seed_schools()
            seed_memberships()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {schools} schools."))
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, secret in accounts:
            mfa = f"  TOTP secret: {secret}" if secret else ""
            self.stdout.write(f"  {email}{mfa}")
