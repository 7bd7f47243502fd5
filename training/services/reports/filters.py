"""What a report counts: the academic year and the filters chosen, and the
deliveries, schools and training registrations they select."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from cms.models import SessionPage
from schools.models import Booking, Delivery, School
from training.models import Registration, TrainingEvent

# Academic years ----------------------------------------------------------------


def academic_year_of(day: date) -> int:
    """2025 for any day from 1 September 2025 to 31 August 2026."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year_label(year: int) -> str:
    return f"{year} to {year + 1}"


def academic_year_bounds(year: int) -> tuple[datetime, datetime]:
    """Start (inclusive) and end (exclusive), as aware datetimes in local time."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(date(year, 9, 1), time.min, tzinfo=tz)
    end = datetime.combine(date(year + 1, 9, 1), time.min, tzinfo=tz)
    return start, end


# Filters -----------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    year: int
    district: int | None = None
    topic: int | None = None
    session: int | None = None
    format: str | None = None
    presenter: int | None = None
    school: int | None = None

    @classmethod
    def current(cls, **kwargs: object) -> Filters:
        return cls(year=academic_year_of(timezone.localdate()), **kwargs)


# How each kind of row is reached from each filter, in the order they are applied
# (each a filter() of its own, so a session's topics or a delivery's presenters
# are matched one relation at a time, as they always were).
DELIVERY_LOOKUPS = {
    "district": "booking__school__district",
    "topic": "booking__session__topics",
    "session": "booking__session",
    "format": "booking__session__format",
    "presenter": "assignments__presenter",
    "school": "booking__school",
}
SCHOOL_LOOKUPS = {"district": "district", "school": "pk"}
REGISTRATION_LOOKUPS = {"district": "school__district", "school": "school"}


def _filtered(rows: QuerySet, filters: Filters, lookups: dict[str, str]) -> QuerySet:
    """`rows` narrowed by every filter that is set."""
    for name, lookup in lookups.items():
        value = getattr(filters, name)
        if value:
            rows = rows.filter(**{lookup: value})
    return rows


def delivered(filters: Filters) -> QuerySet[Delivery]:
    """Deliveries in the year that took place: the booking is marked delivered or a
    register was recorded. Cancelled and declined bookings never count."""
    start, end = academic_year_bounds(filters.year)
    return ever_delivered(filters).filter(start__gte=start, start__lt=end)


def ever_delivered(filters: Filters) -> QuerySet[Delivery]:
    """Deliveries in any year that took place, matching every filter but the year."""
    qs = Delivery.objects.filter(
        Q(booking__status=Booking.Status.DELIVERED)
        | Q(register__isnull=False, booking__status=Booking.Status.SCHEDULED)
    )
    return _filtered(qs, filters, DELIVERY_LOOKUPS)


def to_pupils(deliveries: QuerySet[Delivery]) -> QuerySet[Delivery]:
    """Only the deliveries of sessions for pupils: the ones that reach a school's pupils."""
    return deliveries.filter(booking__session__audience=SessionPage.Audience.PUPILS)


def schools_in_scope(filters: Filters) -> QuerySet[School]:
    """The schools of the district or school chosen, open or closed."""
    return _filtered(School.objects.all(), filters, SCHOOL_LOOKUPS)


def open_schools(filters: Filters) -> QuerySet[School]:
    return _filtered(School.objects.filter(is_open=True), filters, SCHOOL_LOOKUPS)


def training_registrations(filters: Filters) -> QuerySet[Registration]:
    start, end = academic_year_bounds(filters.year)
    qs = Registration.objects.filter(
        event__start__gte=start,
        event__start__lt=end,
        event__status=TrainingEvent.Status.SCHEDULED,
    )
    return _filtered(qs, filters, REGISTRATION_LOOKUPS)
