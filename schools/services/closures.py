"""Closed days: weekends, bank holidays (from the `holidays` library, for the nation
in SCHOOLS_BANK_HOLIDAYS: ENG, WLS, SCT or NIR), the local authority's school holidays
and INSET days, and a school's own. Notice is counted in school days."""

import csv
import io
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from portal.validators import one_line
from schools.models import Booking, ClosedDays, Delivery, School

from .common import LONDON
from .errors import ClosureError
from .schools import ImportFailed, decode

NATIONS = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}
# Far enough to find the next open day past any summer holiday.
SEARCH_DAYS = 120


def nation() -> str:
    code = getattr(settings, "SCHOOLS_BANK_HOLIDAYS", "ENG")
    if code not in NATIONS:
        raise ValueError(f"SCHOOLS_BANK_HOLIDAYS must be one of {', '.join(NATIONS)}.")
    return code


@lru_cache(maxsize=64)
def _bank_holidays(code: str, year: int) -> dict[date, str]:
    return dict(holidays.UK(subdiv=code, years=year).items())


def bank_holiday(day: date) -> str | None:
    """The bank holiday's name on `day` in the configured nation, or None."""
    return _bank_holidays(nation(), day.year).get(day)


def closed_days(first: date, last: date, school: School | None = None) -> dict[date, str]:
    """Every closed day from `first` to `last` inclusive, with why it is closed."""
    closed: dict[date, str] = {}
    rows = ClosedDays.objects.filter(first_day__lte=last, last_day__gte=first)
    rows = rows.filter(Q(school=None) | Q(school=school)) if school else rows.filter(school=None)
    for row in rows.values_list("first_day", "last_day", "name"):
        day = max(row[0], first)
        while day <= min(row[1], last):
            closed[day] = row[2]
            day += timedelta(days=1)
    day = first
    while day <= last:
        if day.weekday() >= 5:
            closed[day] = "the weekend"
        elif name := bank_holiday(day):
            closed[day] = f"{name}, a bank holiday"
        day += timedelta(days=1)
    return closed


def closure(day: date, school: School | None = None) -> str | None:
    """Why schools (or this school) are closed on `day`, or None when it is open."""
    return closed_days(day, day, school).get(day)


def next_open_day(day: date, school: School | None = None) -> date:
    """`day` itself if open, or the first open day after it."""
    closed = closed_days(day, day + timedelta(days=SEARCH_DAYS), school)
    while day in closed:
        day += timedelta(days=1)
    return day


def add_school_days(start: date, count: int, school: School | None = None) -> date:
    """The day `count` school days after `start` (start itself not counted)."""
    closed = closed_days(start, start + timedelta(days=count * 2 + SEARCH_DAYS), school)
    day = start
    while count > 0:
        day += timedelta(days=1)
        if day not in closed:
            count -= 1
    return day


def school_days_before(day: date, count: int, school: School | None = None) -> date:
    """The school day `count` school days before `day` (day itself not counted), for
    reminders: two school days before a Monday after half term is the Thursday before
    the holiday."""
    closed = closed_days(day - timedelta(days=count * 2 + SEARCH_DAYS), day, school)
    while count > 0:
        day -= timedelta(days=1)
        if day not in closed:
            count -= 1
    return day


# Changes: a school's own INSET days, and the local authority's term dates by CSV --------

MAX_YEARS_AHEAD = 2


def add_school_closure(
    school: School, *, first_day: date, last_day: date, name: str, by: User, today: date
) -> ClosedDays:
    """A school's own INSET day (or run of days). Refused in the past, beyond two
    years, or over a visit already scheduled there (move that first)."""
    if last_day < first_day:
        raise ClosureError(
            f"The last day must be the same as or after {first_day:%-d %B %Y}.",
            code="end_before_start",
            field="last_day",
        )
    if first_day < today:
        raise ClosureError(
            "The first day must be today or later.", code="in_the_past", field="first_day"
        )
    if last_day > today.replace(year=today.year + MAX_YEARS_AHEAD):
        raise ClosureError(
            "Enter days in the next two years.", code="too_far_ahead", field="last_day"
        )
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)
        visit = _scheduled_visit(school, first_day, last_day)
        if visit is not None:
            raise ClosureError(
                f"{school.name} has a visit on {timezone.localtime(visit.start):%A %-d %B %Y} "
                f"({visit.booking.reference}). Ask the partnership to move it first.",
                code="visit_on_closed_day",
                field="first_day",
            )
        row = ClosedDays.objects.create(
            name=name or "INSET day",
            kind=ClosedDays.Kind.INSET,
            first_day=first_day,
            last_day=last_day,
            school=school,
        )
        log(instance=row, action="schools.closed_days.added", user=by)
    return row


def _scheduled_visit(school: School, first_day: date, last_day: date) -> Delivery | None:
    start = datetime.combine(first_day, time.min, tzinfo=LONDON)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=LONDON)
    return (
        Delivery.objects.filter(
            booking__school=school,
            booking__status=Booking.Status.SCHEDULED,
            start__lt=end,
            end__gt=start,
        )
        .select_related("booking")
        .first()
    )


def remove_school_closure(row: ClosedDays, *, by: User) -> None:
    if row.school_id is None:
        raise ClosureError(
            "The local authority's days are changed by the partnership.", code="not_the_schools"
        )
    with transaction.atomic():
        log(instance=row, action="schools.closed_days.removed", user=by)
        row.delete()


CSV_COLUMNS = ("name", "kind", "first_day", "last_day", "school_urn")
REQUIRED_COLUMNS = ("name", "first_day", "last_day")
KINDS = {
    **{value: value for value in ClosedDays.Kind.values},
    **{str(label).lower(): value for value, label in ClosedDays.Kind.choices},
}
MAX_ROWS = 2000


def _parse_day(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _read_row(line: int, row: dict, schools: dict[int, School]) -> tuple[ClosedDays, list[str]]:
    """One CSV row as an unsaved ClosedDays, and what is wrong with it."""
    problems = []
    name = (row.get("name") or "").strip()
    if not name or len(name) > 100 or one_line.regex.search(name):
        problems.append(f"Row {line}: name: enter a name of up to 100 characters on one line.")
    kind = KINDS.get((row.get("kind") or "holiday").strip().lower())
    if kind is None:
        problems.append(f"Row {line}: kind: use holiday, inset or closure.")
    days = {}
    for column in ("first_day", "last_day"):
        text = (row.get(column) or "").strip()
        days[column] = _parse_day(text)
        if days[column] is None:
            problems.append(
                f'Row {line}: {column}: "{text}" is not a date. Write it as 2027-02-15 or 15/02/2027.'
            )
    if days["first_day"] and days["last_day"] and days["last_day"] < days["first_day"]:
        problems.append(f"Row {line}: last_day is before first_day.")
    urn = (row.get("school_urn") or "").strip()
    school = None
    if urn:
        school = schools.get(int(urn)) if urn.isdecimal() else None
        if school is None:
            problems.append(f'Row {line}: school_urn: no school has the URN "{urn}".')
    entry = ClosedDays(
        name=name,
        kind=kind or "",
        school=school,
        first_day=days["first_day"],
        last_day=days["last_day"],
    )
    return entry, problems


def _csv_rows(data: bytes) -> list[tuple[int, dict]]:
    """The file's rows with their line numbers; ImportFailed if it is not a CSV file
    with the columns needed."""
    try:
        reader = csv.DictReader(io.StringIO(decode(data)))
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ImportFailed(
                [
                    f"The file is missing the columns {', '.join(missing)}. The first row "
                    f"must name the columns: {', '.join(CSV_COLUMNS)}."
                ]
            )
        rows = []
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise ImportFailed([f"The file has more than {MAX_ROWS} rows. Split it."])
            rows.append((reader.line_num, row))
        return rows
    except (csv.Error, UnicodeDecodeError) as error:
        raise ImportFailed(
            [
                "The file could not be read as CSV. Save it from the spreadsheet as CSV and try again."
            ]
        ) from error


def read_closed_days_csv(data: bytes) -> list[ClosedDays]:
    """Every row of a term-dates CSV checked; raises ImportFailed listing each bad row."""
    schools = {s.urn: s for s in School.objects.only("pk", "urn", "name")}
    entries, problems = [], []
    for line, row in _csv_rows(data):
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        entry, row_problems = _read_row(line, row, schools)
        entries.append(entry)
        problems += row_problems
    if problems:
        raise ImportFailed(problems)
    if not entries:
        raise ImportFailed(["The file has no rows of days."])
    return entries


def import_closed_days(data: bytes, *, by: User) -> tuple[int, int]:
    """Add the file's closed days, all or nothing. A row already held (same name, kind,
    days and school) is left as it is, so importing a file twice adds nothing.
    Returns (added, already held)."""
    entries = read_closed_days_csv(data)
    added = 0
    with transaction.atomic():
        for entry in entries:
            held = ClosedDays.objects.filter(
                name=entry.name,
                kind=entry.kind,
                first_day=entry.first_day,
                last_day=entry.last_day,
                school=entry.school,
            )
            if held.exists():
                continue
            entry.save()
            log(instance=entry, action="schools.closed_days.imported", user=by)
            added += 1
    return added, len(entries) - added
