"""Running purge_expired_data as if the clock had moved on."""

from io import StringIO
from unittest import mock

from django.core.management import call_command


def purge_at(when):
    """Run `manage.py purge_expired_data` with timezone.now() at `when`;
    returns the counts it printed, {purge name: count}."""
    out = StringIO()
    with mock.patch("django.utils.timezone.now", return_value=when):
        call_command("purge_expired_data", stdout=out)
    return {
        name: int(count)
        for name, count in (line.split(": ") for line in out.getvalue().splitlines())
    }
