"""Import or update schools from a GIAS CSV: `manage.py import_schools edubasealldata.csv`."""

from django.core.management.base import BaseCommand, CommandError

from schools.services.schools import ImportFailed, import_schools


class Command(BaseCommand):
    help = "Create or update schools from a Get Information about Schools CSV (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file as downloaded from GIAS.")

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        try:
            result = import_schools(data)
        except ImportFailed as failure:
            raise CommandError(
                "Nothing was imported. Fix these rows and run the import again:\n"
                + "\n".join(failure.problems)
            ) from failure
        self.stdout.write(str(result))
