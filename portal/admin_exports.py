"""Spreadsheet downloads from the Wagtail admin: local time, paths across empty
relations, and no cell a spreadsheet would run as a formula.

Wagtail writes an aware datetime to CSV as it is stored (UTC, with
microseconds and an offset) and to XLSX in UTC, and a field with choices as its
stored code ("requested"). Coordinators open these in a spreadsheet to plan
visits and events, so both formats carry local time (Europe/London, summer time
included) to the second, and a choice as the label people see on screen
("Requested"). Wagtail's own reports (site history, aging pages, workflows,
locked pages) get the same through `localise_admin_exports`.

A `list_export` entry is a dotted path (`school.name`): Wagtail follows dots,
never Django's `__` lookups. A path through an empty relation (a closure that
belongs to no school) gives an empty cell rather than stopping the download.

Every admin CSV, Wagtail's own reports included, passes its cells through
`portal.spreadsheets.safe_cell` (see `guard_csv_exports` and
docs/decisions/0007-admin-csv-formula-guard.md).
"""

import datetime
from functools import partial

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.coreutils import multigetattr

from .spreadsheets import safe_cell

BYTE_ORDER_MARK = "\ufeff".encode()  # so spreadsheet programs read the CSV as UTF-8


def local_naive(value):
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0, tzinfo=None)


def follow(item, path):
    """The value at a dotted path, or None where a relation on the way is empty."""
    current = item
    for bit in path.split("."):
        if current is None:
            return None
        current = multigetattr(current, bit)
    return current


def _choices_of(owner, name):
    """The choices of the model field `name` on `owner`, or None."""
    try:
        field = owner._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        return None
    return dict(field.flatchoices) if field.choices and not field.is_relation else None


def export_value(item, path):
    """The value at a dotted path as a person reads it: a stored choice as its label."""
    *through, name = path.split(".")
    owner = follow(item, ".".join(through)) if through else item
    if owner is None:
        return None
    value = multigetattr(owner, name)
    labels = _choices_of(owner, name)
    if labels and isinstance(value, str | int) and value in labels:
        return str(labels[value])
    return value


def _localise(value, export_format):
    value = local_naive(value)
    return value.isoformat(sep=" ") if export_format == "csv" else value


LOCAL_TIME = {
    datetime.datetime: {
        "csv": partial(_localise, export_format="csv"),
        "xlsx": partial(_localise, export_format="xlsx"),
    }
}


class PortalExportMixin:
    FORMAT_CSV = "csv"
    FORMAT_XLSX = "xlsx"
    custom_value_preprocess = {**IndexView.custom_value_preprocess, **LOCAL_TIME}

    def to_row_dict(self, item):
        return {field: export_value(item, field) for field in self.list_export}


class ExportIndexView(PortalExportMixin, IndexView):
    pass


def _write_safe_csv_row(self, writer, row_dict):
    return writer.writerow(
        {
            field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def _stream_csv_with_bom(stream_csv):
    def stream(self, queryset):
        yield BYTE_ORDER_MARK
        yield from stream_csv(self, queryset)

    return stream


def guard_csv_exports():
    """Make every admin CSV download safe to open: each cell through `safe_cell`,
    and a byte order mark first. Wagtail's reports (site history, pages, workflows,
    redirects, form submissions) are its own classes, so the guard is set on the
    mixin they all share rather than on each view. Called once, from
    PortalConfig.ready()."""
    if getattr(SpreadsheetExportMixin, "portal_csv_guarded", False):
        return
    SpreadsheetExportMixin.write_csv_row = _write_safe_csv_row
    SpreadsheetExportMixin.stream_csv = _stream_csv_with_bom(SpreadsheetExportMixin.stream_csv)
    SpreadsheetExportMixin.portal_csv_guarded = True


def _row_as_read(self, item):
    return {field: export_value(item, field) for field in self.list_export}


def localise_admin_exports():
    """Local time to the second and choice labels in every admin download, Wagtail's
    own reports included: they are its own classes, so this is set on the mixin they
    all share. Called once, from PortalConfig.ready()."""
    if getattr(SpreadsheetExportMixin, "portal_localised", False):
        return
    SpreadsheetExportMixin.custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        **LOCAL_TIME,
    }
    SpreadsheetExportMixin.to_row_dict = _row_as_read
    SpreadsheetExportMixin.portal_localised = True
