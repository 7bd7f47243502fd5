"""Closed days: weekends, bank holidays (from the `holidays` library, for the nation
in SCHOOLS_BANK_HOLIDAYS: ENG, WLS, SCT or NIR), the local authority's school holidays
and INSET days, and a school's own. Notice is counted in school days."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.db.models import Q

from schools.models import ClosedDays, School

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
