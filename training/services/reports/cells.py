"""The values in a report table's cells, and how each is written on the page, in a
CSV file and in a spreadsheet.

A table holds values, never the text they are shown as: a count is an `int`, a
mean or change with its responses is a `Figure`, one end of an interval or a
share is a `Number`, a month is a `date`. The page shows their text; the CSV
holds the same text (which a spreadsheet reads back as the same number); the
XLSX holds the number itself with a number format, so that Excel can sort, sum
and chart it. A suppressed figure is its text ("fewer than 10 responses") in
every format: there is no number to give.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import localize

from portal.spreadsheets import safe_text

from .statistics import Figure

# How each kind of number reads on the page and which number format it has in Excel.
TEXT_FORMATS = {"mean": "{:.2f}", "change": "{:+.2f}", "share": "{:.0%}", "count": "{:d}"}
EXCEL_FORMATS = {"mean": "0.00", "change": "+0.00;-0.00;0.00", "share": "0%", "count": "0"}
MONTH_TEXT = "%B %Y"
MONTH_EXCEL = "mmmm yyyy"


@dataclass(frozen=True)
class Number:
    """A number of a kind (mean, change, share 0-1, count), or nothing."""

    value: float | None
    kind: str = "mean"

    def __str__(self) -> str:
        return "" if self.value is None else TEXT_FORMATS[self.kind].format(self.value)


@dataclass(frozen=True)
class Blank:
    """An empty cell the page explains in words ("No DSL registered"); the downloads
    keep it empty, so a spreadsheet can still sort and filter the column."""

    text: str

    def __str__(self) -> str:
        return self.text


YES_NO = {True: "yes", False: "no"}


def low(figure: Figure) -> Number:
    """The lower end of a figure's 95% interval (nothing when suppressed)."""
    return Number(None if figure.suppressed else figure.low, figure.kind)


def high(figure: Figure) -> Number:
    return Number(None if figure.suppressed else figure.high, figure.kind)


def share(value: float | None) -> Number:
    return Number(value, "share")


def as_text(value: object) -> str:
    """A cell as the page shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES_NO[value].capitalize()
    if isinstance(value, date):
        return f"{value:{MONTH_TEXT}}"
    if isinstance(value, Figure | Number | Blank):
        return str(value)
    return str(localize(value))


def as_csv(value: object) -> object:
    """A cell in a CSV file: numbers as plain numbers, months as ISO dates, text
    escaped only where a spreadsheet would run it as a formula; yes or no for a
    true or false."""
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, Blank):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Figure | Number):
        return safe_text(str(value))
    if isinstance(value, str):
        return safe_text(value)
    return "" if value is None else value


def as_excel(value: object) -> tuple[object, str | None]:
    """A cell in a spreadsheet: its value and its number format (None for text and
    plain integers; a true or false is a spreadsheet's own boolean)."""
    if isinstance(value, Blank):
        return None, None
    if isinstance(value, date):
        return value, MONTH_EXCEL
    if isinstance(value, Figure):
        if value.suppressed or value.value is None:
            return str(value), None
        return value.value, EXCEL_FORMATS[value.kind]
    if isinstance(value, Number):
        return (None, None) if value.value is None else (value.value, EXCEL_FORMATS[value.kind])
    return value, None
