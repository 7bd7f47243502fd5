"""Build the demo county: accounts for every role, pages, schools and a year of activity."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from portal.demo import DEMO_PASSWORD, seed_accounts


def demo_seeders():
    """Each app's seeder (the dotted path in its AppConfig's `demo_seeder`), in the
    order of INSTALLED_APPS: an app builds on the ones before it (schools book the
    sessions cms makes; training uses both)."""
    return [
        import_string(config.demo_seeder)
        for config in apps.get_app_configs()
        if getattr(config, "demo_seeder", None)
    ]


class Command(BaseCommand):
    help = "Create demo data (idempotent) and print the demo sign-ins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has accounts (used by `make run`).",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and get_user_model().objects.exists():
            self.stdout.write("Demo data already loaded.")
            return
        with transaction.atomic():
            accounts = seed_accounts()
            summaries = [seed() for seed in demo_seeders()]
        summary = ", ".join(s for s in summaries if s)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {summary}."))
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, secret in accounts:
            mfa = f"  TOTP secret: {secret}" if secret else ""
            self.stdout.write(f"  {email}{mfa}")
