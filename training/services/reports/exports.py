"""A report table as a file to download: CSV (UTF-8 with a byte order mark, so
spreadsheet programs read it right) or an XLSX workbook of one sheet."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .tables import Table

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_FORMATS = tuple(CONTENT_TYPES)


def table_file(table: Table, fmt: str) -> bytes:
    """The table's headers and rows in `fmt` (one of EXPORT_FORMATS)."""
    if fmt == "csv":
        text = io.StringIO()
        text.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer = csv.writer(text)
        writer.writerow(table.headers)
        writer.writerows([_safe_cell(c) for c in row] for row in table.rows)
        return text.getvalue().encode()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.title[:31]
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_safe_cell(c) for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
