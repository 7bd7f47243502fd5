"""The GOV.UK date input: a date typed as day, month and year, with GOV.UK's error rules.

A browser's date picker is hard to use with a keyboard or a screen reader, and
differs between browsers; GOV.UK asks for three boxes instead. The field
takes a ``subject`` ("the first preferred date") and words every message
from it, as the design system does:

- nothing entered: "Enter the first preferred date";
- a part missing: "The first preferred date must include a month";
- a year of other than 4 numbers: "The year of the first preferred date must include 4 numbers";
- a date that cannot exist: "The first preferred date must be a real date".

Each message names the part (or parts) it is about, so only those boxes are
marked as wrong and the error summary links to the first of them. What the
person typed is shown again as they typed it. Months may be typed as numbers
or names ("3", "Mar", "March").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django import forms
from django.forms.boundfield import BoundField
from django.utils import timezone

PARTS = ("day", "month", "year")
LABELS = {"day": "Day", "month": "Month", "year": "Year"}
WIDTHS = {"day": 2, "month": 2, "year": 4}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def part_names(name: str) -> dict[str, str]:
    """The names the three boxes are posted under: ``<name>-day``, ``-month``, ``-year``."""
    return {part: f"{name}-{part}" for part in PARTS}


def date_data(name: str, day: datetime.date | None) -> dict[str, str]:
    """What a browser posts for ``day`` typed into the date input called ``name``."""
    values = (day.day, day.month, day.year) if day else ("", "", "")
    return {key: str(value) for key, value in zip(part_names(name).values(), values, strict=True)}


class GovukDateInput(forms.Widget):
    """Three text boxes (day, month, year) with numeric keyboards on phones."""

    template_name = "portal/date_input.html"

    def format_value(self, value):
        """The three boxes' text: from a date, from what was posted, or empty."""
        if isinstance(value, str) and value:
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return ["", "", ""]
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, list | tuple) and len(value) == len(PARTS):
            return ["" if v is None else str(v) for v in value]
        return ["", "", ""]

    def parts(self, name, value, id_, error_parts=()):
        names = part_names(name)
        return [
            {
                "part": part,
                "name": names[part],
                "id": f"{id_}-{part}" if id_ else "",
                "label": LABELS[part],
                "width": WIDTHS[part],
                "value": text,
                "error": part in error_parts,
            }
            for part, text in zip(PARTS, self.format_value(value), strict=True)
        ]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["parts"] = self.parts(name, value, context["widget"]["attrs"].get("id"))
        return context

    def value_from_datadict(self, data, files, name):
        return tuple(str(data.get(key) or "") for key in part_names(name).values())

    def value_omitted_from_data(self, data, files, name):
        return not any(key in data for key in part_names(name).values())

    def id_for_label(self, id_):
        return f"{id_}-day" if id_ else id_


class GovukDateBoundField(BoundField):
    """A date field on a form, knowing which of its boxes are wrong."""

    @property
    def error_parts(self) -> list[str]:
        if not self.errors:
            return []
        wrong = set()
        for error in self.form.errors.as_data().get(self.name, []):
            wrong.update((error.params or {}).get("parts") or PARTS)
        return [part for part in PARTS if part in wrong]

    @property
    def parts(self):
        return self.field.widget.parts(self.html_name, self.value(), self.auto_id, self.error_parts)

    @property
    def error_anchor(self):
        """The box the error summary links to: the first one that is wrong."""
        wrong = self.error_parts
        return f"{self.auto_id}-{wrong[0] if wrong else 'day'}"

    @property
    def example(self):
        return self.field.example_date()


class GovukDateField(forms.Field):
    """A date typed into the GOV.UK date input.

    ``subject`` is how messages name the date ("the first preferred date").
    ``example`` is the date the hint gives as an example (a date, or a function
    that returns one; today when not given).
    """

    widget = GovukDateInput
    bound_field_class = GovukDateBoundField
    default_error_messages = {
        "required": "Enter %(subject)s",
        "incomplete": "%(Subject)s must include a %(missing)s",
        "year": "The year of %(subject)s must include 4 numbers",
        "invalid": "%(Subject)s must be a real date",
    }

    def __init__(
        self,
        *,
        subject: str,
        example: datetime.date | Callable[[], datetime.date] | None = None,
        **kwargs,
    ):
        kwargs.setdefault("template_name", "portal/date_field.html")
        super().__init__(**kwargs)
        self.subject = subject
        self.example = example

    def example_date(self) -> datetime.date:
        example = self.example() if callable(self.example) else self.example
        return example or timezone.localdate()

    def _error(self, code, parts, **params):
        return forms.ValidationError(
            self.error_messages[code],
            code=code,
            params={
                "subject": self.subject,
                "Subject": self.subject[:1].upper() + self.subject[1:],
                "parts": tuple(parts),
                **params,
            },
        )

    def validate(self, value):
        if value in self.empty_values and self.required:
            raise self._error("required", PARTS)

    def to_python(self, value):
        if isinstance(value, datetime.date) or value in self.empty_values:
            return value or None
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                raise self._error("invalid", PARTS) from None
        typed = dict(zip(PARTS, (str(v).strip() for v in value), strict=True))
        if not any(typed.values()):
            return None
        missing = [part for part in PARTS if not typed[part]]
        if missing:
            raise self._error("incomplete", missing, missing=" and ".join(missing))
        numbers = {
            "day": _number(typed["day"], 1, 31),
            "month": _month(typed["month"]),
            "year": _number(typed["year"], 1, 9999),
        }
        wrong = [part for part in PARTS if numbers[part] is None]
        if wrong:
            raise self._error("invalid", wrong if len(wrong) == 1 else PARTS)
        if len(typed["year"]) != 4:
            raise self._error("year", ["year"])
        try:
            return datetime.date(numbers["year"], numbers["month"], numbers["day"])
        except ValueError:
            raise self._error("invalid", PARTS) from None

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial) != self.to_python(data)
        except forms.ValidationError:
            return True


def _number(text, lowest, highest):
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        return None
    number = int(text)
    return number if lowest <= number <= highest else None


def _month(text):
    named = MONTHS.get(text.lower().rstrip("."))
    return named or _number(text, 1, 12)
