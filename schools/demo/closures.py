"""The demo local authority's term dates and a few schools' own INSET days, laid out
as an English county's usually are, for every school year the demo's bookings and
training touch."""

from datetime import date, timedelta

import holidays
from django.utils import timezone

from ..models import ClosedDays, School

HOLIDAY, INSET = ClosedDays.Kind.HOLIDAY, ClosedDays.Kind.INSET


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _good_friday(year: int) -> date:
    return next(d for d, name in holidays.UK(subdiv="ENG", years=year).items() if "Good" in name)


def term_dates(autumn_year: int) -> list[tuple[str, str, date, date]]:
    """(name, kind, first day, last day) for the school year starting in September."""
    y, n = autumn_year, autumn_year + 1
    october = _monday(date(y, 10, 28))
    christmas = _monday(date(y, 12, 22))
    february = _monday(date(n, 2, 16))
    easter = _monday(_good_friday(n))
    may = _monday(date(n, 5, 31))
    return [
        (
            "INSET day",
            INSET,
            _weekday_on_or_after(date(y, 9, 1)),
            _weekday_on_or_after(date(y, 9, 1)),
        ),
        ("October half term", HOLIDAY, october, october + timedelta(days=4)),
        ("Christmas holidays", HOLIDAY, christmas, christmas + timedelta(days=11)),
        ("INSET day", INSET, christmas + timedelta(days=14), christmas + timedelta(days=14)),
        ("February half term", HOLIDAY, february, february + timedelta(days=4)),
        ("Easter holidays", HOLIDAY, easter, easter + timedelta(days=11)),
        ("May half term", HOLIDAY, may, may + timedelta(days=4)),
        ("Summer holidays", HOLIDAY, date(n, 7, 22), date(n, 8, 31)),
    ]


def seed_closed_days() -> int:
    """The authority's holidays for last, this and next school year; an INSET day of
    its own for every seventh school, one past and one to come. Idempotent."""
    if ClosedDays.objects.exists():
        return ClosedDays.objects.count()
    today = timezone.localdate()
    this_year = today.year if today.month >= 9 else today.year - 1
    rows = [
        ClosedDays(name=name, kind=kind, first_day=first, last_day=last)
        for autumn in (this_year - 1, this_year, this_year + 1)
        for name, kind, first, last in term_dates(autumn)
    ]
    for index, school in enumerate(School.objects.filter(is_open=True).order_by("urn")[::7]):
        for offset in (-60 - index, 12 + index):
            day = _weekday_on_or_after(today + timedelta(days=offset))
            rows.append(
                ClosedDays(name="INSET day", kind=INSET, first_day=day, last_day=day, school=school)
            )
    ClosedDays.objects.bulk_create(rows)
    return len(rows)
