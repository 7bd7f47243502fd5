"""A report table as a file to download: CSV (UTF-8 with a byte order mark, so
spreadsheet programs read it right) or an XLSX workbook of one sheet."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from .cells import as_csv, as_excel
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
        writer.writerows([as_csv(c) for c in row] for row in table.rows)
        return text.getvalue().encode()
    return _workbook(table)


def _workbook(table: Table) -> bytes:
    """One sheet: a bold header row, then each cell as a number, a percentage or a
    date with its number format, or as text (never read as a formula)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.sheet_title[:31]
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row, start=1):
            shown, number_format = as_excel(value)
            cell = sheet.cell(row=r, column=c)
            cell.value = shown
            if isinstance(shown, str):
                cell.data_type = "s"  # text starting "=" stays text
            if number_format:
                cell.number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
