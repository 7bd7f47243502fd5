"""Spreadsheet exports from the Wagtail admin give times as people read them.

Wagtail writes an aware datetime to CSV as it is stored (UTC, with
microseconds and an offset) and to XLSX in UTC. Coordinators open these in a
spreadsheet to plan visits and events, so both formats carry local time
(Europe/London, summer time included) to the second.
"""

import datetime

from django.utils import timezone
from wagtail.admin.views.generic import IndexView


def local_naive(value):
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0, tzinfo=None)


class LocalTimeExportMixin:
    FORMAT_CSV = "csv"
    FORMAT_XLSX = "xlsx"
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            FORMAT_CSV: lambda value: local_naive(value).isoformat(sep=" "),
            FORMAT_XLSX: local_naive,
        },
    }


class LocalTimeIndexView(LocalTimeExportMixin, IndexView):
    pass
