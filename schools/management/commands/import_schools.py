"""Import or update schools from GIAS: `manage.py import_schools edubasealldata.csv --la Westshire`."""

from django.core.management.base import BaseCommand, CommandError

from schools.services.schools import ImportFailed, import_schools


class Command(BaseCommand):
    help = (
        "Create or update schools from a Get Information about Schools CSV (all or nothing). "
        "Rows outside the chosen local authorities or types are counted and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file as downloaded from GIAS.")
        parser.add_argument(
            "--la",
            action="append",
            default=[],
            metavar="AUTHORITY",
            help="Keep this local authority's schools, by LA (name) or LA (code); "
            "repeat for more. Without it, every row is kept.",
        )
        parser.add_argument(
            "--type",
            action="append",
            default=[],
            metavar="TYPE",
            help="Keep this TypeOfEstablishment (name), such as 'Community school'; "
            "repeat for more. Without it, every type is kept.",
        )

    def handle(self, *args, file, la, type, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        try:
            result = import_schools(data, authorities=la, types=type)
        except ImportFailed as failure:
            raise CommandError(
                "Nothing was imported. Fix these rows and run the import again:\n"
                + "\n".join(failure.problems)
            ) from failure
        self.stdout.write(str(result))
