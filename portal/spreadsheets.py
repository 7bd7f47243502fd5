"""Text that a spreadsheet would run as a formula, made inert.

Every CSV the portal writes (its own report downloads and the Wagtail admin's
listing exports) passes its text cells through `safe_text`, so a self-chosen
name such as `=HYPERLINK(...)` opens as text. XLSX cells are typed, so a text
cell there is never a formula and needs no escape.
"""

import re

# A cell starting with one of these is read as a formula (or, for tab and
# carriage return, can make the cell after it one) by Excel, LibreOffice and
# Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain signed number or percentage ("+0.94", "-1.20", "-40%"): a value, not a formula.
SIGNED_NUMBER = re.compile(r"[+-](\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def safe_text(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; a number
    with a sign ("+0.94", "-1.20") or a percentage ("40%") is left as it is."""
    if text.startswith(FORMULA_STARTS) and not SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_cell(value: object) -> object:
    """A CSV cell: text made safe, anything else (numbers, empty) as it is."""
    return safe_text(value) if isinstance(value, str) else value
