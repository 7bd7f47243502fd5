"""Build the demo county: accounts for every role, pages, schools and a year of activity."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from portal.demo import demo_secrets, seed_accounts

REFUSAL = (
    "seed_demo creates accounts for every role, a superuser among them. It runs with "
    "the development settings (portal.settings.dev), which give them the published "
    "demo password; anywhere else only with --demo-site, for a site that exists to "
    "show the portal, and then with random passwords and two-factor secrets."
)


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
        parser.add_argument(
            "--demo-site",
            action="store_true",
            help="This site exists to show the portal: load the demo outside development "
            "settings, with random passwords and two-factor secrets, printed once.",
        )

    def handle(self, *args, **options):
        published = getattr(settings, "PORTAL_PUBLISHED_DEMO_SECRETS", False)
        if not (published or options["demo_site"]):
            raise CommandError(REFUSAL)
        if options["if_empty"] and get_user_model().objects.exists():
            self.stdout.write("Demo data already loaded.")
            return
        with transaction.atomic(), demo_secrets(published=published) as secrets:
            accounts = seed_accounts()
            summaries = [seed() for seed in demo_seeders()]
        summary = ", ".join(s for s in summaries if s)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {summary}."))
        self.stdout.write(f"Demo sign-ins (password for all: {secrets.password}):")
        if not published:
            self.stdout.write(
                "  (random for this run and shown only now; accounts that already "
                "existed keep their password and two-factor secret)"
            )
        for email, secret in accounts:
            mfa = f"  TOTP secret: {secret}" if secret else ""
            self.stdout.write(f"  {email}{mfa}")
