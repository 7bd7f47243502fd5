"""What the booking services share: the booking's lock, a change of status, and the
checks every date, time and presenter of a visit must pass (scheduling, a proposed
date, a move, a replacement presenter)."""

from datetime import datetime, timedelta

from django.utils import timezone

from portal.models import User
from portal.roles import is_presenter
from schools.models import Booking, PresenterProfile, School

from ..closures import closure, next_open_day
from ..common import LONDON
from ..errors import SchedulingError

# A visit has one presenter, or two who deliver it together.
MAX_PRESENTERS = 2


def lock_booking(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update().select_related("session", "school").get(pk=booking.pk)
    )


def change_status(booking: Booking, status: str, *, by: User, reason: str = "") -> None:
    booking.status = status
    booking.status_reason = reason
    booking.status_changed_by = by
    booking.status_changed_at = timezone.now()
    booking.save(
        update_fields=[
            "status",
            "status_reason",
            "status_changed_by",
            "status_changed_at",
            "updated_at",
        ]
    )


def visit_times(
    booking: Booking, start: datetime, end: datetime | None = None
) -> tuple[datetime, datetime]:
    """Start and end of a visit (end from the session's length unless given), checked:
    in the future, ending after it starts, on a day the school is open."""
    if timezone.is_naive(start):
        start = timezone.make_aware(start, LONDON)
    end = end or start + timedelta(minutes=booking.session.duration_minutes)
    if end <= start:
        raise SchedulingError("The visit must end after it starts.", code="bad_times")
    if start <= timezone.now():
        raise SchedulingError("The visit must be in the future.", code="in_past", field="date")
    check_open_day(booking, start)
    return start, end


def check_open_day(booking: Booking, start: datetime) -> None:
    day = timezone.localtime(start, LONDON).date()
    reason = closure(day, booking.school)
    if reason:
        raise SchedulingError(
            f"{booking.school.name} is closed on {day:%A %-d %B %Y} ({reason}). "
            f"The next open day is {next_open_day(day, booking.school):%A %-d %B %Y}.",
            code="closed_day",
            field="date",
        )


def lock_school_open_on(booking: Booking, start: datetime) -> None:
    """The school's row lock, then its closed days checked again under it. A school
    adding an INSET day takes the same lock (closures.add_school_closure), so a visit
    and a closure on one day never both go through: whichever comes second sees the
    other and is refused. Taken after the booking's lock, before the presenters'."""
    School.objects.select_for_update().get(pk=booking.school_id)
    check_open_day(booking, start)


def check_presenters(presenters: list[User], booking: Booking) -> None:
    """One or two different people, each a presenter qualified for the booking's session."""
    if not presenters:
        raise SchedulingError("Choose a presenter.", code="no_presenter", field="presenter")
    if len(presenters) > MAX_PRESENTERS:
        raise SchedulingError(
            "Choose one presenter, or two who deliver it together.",
            code="too_many_presenters",
            field="presenter",
        )
    if len({p.pk for p in presenters}) != len(presenters):
        raise SchedulingError(
            "Choose two different presenters, or leave the second one blank.",
            code="same_presenter",
            field="second_presenter",
        )
    for person in presenters:
        profile = PresenterProfile.objects.filter(user=person).first()
        if not is_presenter(person) or profile is None:
            raise SchedulingError(
                f"{person.get_full_name()} is not a presenter.", code="not_presenter"
            )
        if not profile.qualified_sessions.filter(pk=booking.session_id).exists():
            raise SchedulingError(
                f"{person.get_full_name()} is not qualified to deliver this session.",
                code="not_qualified",
                field="presenter",
            )
