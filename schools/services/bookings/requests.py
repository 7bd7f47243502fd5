"""Booking requests: asked for, edited, declined, cancelled (a school's withdrawal
included) and marked delivered."""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from typing import Self

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from cms.models import SessionPage
from portal.models import User
from portal.roles import is_coordinator
from schools import tasks
from schools.models import (
    Booking,
    BookingOption,
    MoveRequest,
    ReferenceCounter,
    School,
    SchoolMembership,
)

from ..closures import add_school_days, closure, next_open_day
from ..common import LONDON, after_commit
from ..errors import BookingError
from ..schools import check_year_groups_taught
from .common import change_status, lock_booking

MAX_OPTIONS = 3
# How far ahead a visit may be asked for: beyond it a date is a typing slip (and one
# near 9999-12-31 would overflow every date sum made for the visit afterwards).
BOOKING_HORIZON = timedelta(days=2 * 365)
APPROVED = SchoolMembership.Status.APPROVED


# When a morning or an afternoon visit starts, unless the coordinator says otherwise.
PART_OF_DAY_START = {
    BookingOption.PartOfDay.MORNING: time(9, 30),
    BookingOption.PartOfDay.AFTERNOON: time(13, 30),
}


def date_problem(
    session: SessionPage, day: date, *, today: date | None = None, school: School | None = None
) -> str | None:
    """Why a preferred date cannot be offered, or None. Shared by the form and the service.
    Notice is counted in school days; a closed day is refused with the next open one."""
    today = today or timezone.localdate()
    if day < today:
        return "The date must be in the future."
    if day > today + BOOKING_HORIZON:
        return "Choose a date within the next two years."
    earliest = earliest_date(session, today=today, school=school)
    if day < earliest:
        return (
            f"This session needs {session.minimum_notice_days} school days' notice. "
            f"Choose {earliest:%A %-d %B %Y} or later."
        )
    reason = closure(day, school)
    if reason:
        return (
            f"Schools are closed on {day:%A %-d %B %Y} ({reason}). "
            f"The next open day is {next_open_day(day, school):%A %-d %B %Y}."
        )
    return None


def earliest_date(
    session: SessionPage, *, today: date | None = None, school: School | None = None
) -> date:
    """The first open day the session's notice (in school days) allows."""
    today = today or timezone.localdate()
    return next_open_day(add_school_days(today, session.minimum_notice_days, school), school)


def slot_times(option: BookingOption, session: SessionPage) -> tuple[datetime, datetime]:
    """Start and end (aware, Europe/London) of a preferred morning or afternoon."""
    start = datetime.combine(option.date, PART_OF_DAY_START[option.part_of_day], tzinfo=LONDON)
    return start, start + timedelta(minutes=session.duration_minutes)


def next_reference(year: int) -> str:
    """BK-<year>-<5 digits>: the counter row is locked, so two requests never share one."""
    try:
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(year=year)
    except IntegrityError:
        pass  # Another request created this year's counter first.
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"BK-{year}-{counter.last:05d}"


@dataclass(frozen=True)
class RequestDetails:
    """What a school asks for, as the request form and the edit form give it."""

    expected_pupils: int  # pupils, staff, or parents and carers: the session's audience
    options: list[tuple[date, str]]  # (date, part_of_day), best first
    year_groups: list[int] = field(default_factory=list)  # pupil sessions only
    access_needs: str = ""
    notes: str = ""

    @classmethod
    def from_form(cls, data: Mapping) -> Self:
        """From a booking form's cleaned data (its other fields left out)."""
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


def _checked_year_groups(
    session: SessionPage, school: School, details: RequestDetails, today: date | None
) -> list[int]:
    """The year groups to keep, once the request fits the session, the school and
    the calendar: the same checks for a new request and an edited one."""
    year_groups = _audience_year_groups(session, details.year_groups, details.expected_pupils)
    check_year_groups_taught(school, year_groups)
    _check_options(session, details.options, today, school)
    return year_groups


def request_booking(
    *,
    user: User,
    school: School,
    session: SessionPage,
    details: RequestDetails,
    today: date | None = None,
) -> Booking:
    """A school asks for a session."""
    if not school.memberships.filter(user=user, status=APPROVED).exists():
        raise BookingError("You can only book for a school you belong to.", code="not_member")
    if not session.live or not session.bookable:
        raise BookingError("This session cannot be booked at the moment.", code="not_bookable")
    year_groups = _checked_year_groups(session, school, details, today)

    with transaction.atomic():
        _lock_school(school)
        if _has_open_request(school, session):
            raise _already_requested(session)
        year = (today or timezone.localdate()).year
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    reference=next_reference(year),
                    school=school,
                    session=session,
                    requested_by=user,
                    year_groups=year_groups,
                    expected_pupils=details.expected_pupils,
                    access_needs=details.access_needs,
                    notes=details.notes,
                    status=Booking.Status.REQUESTED,
                    status_changed_by=user,
                    status_changed_at=timezone.now(),
                )
        except IntegrityError as error:
            # The partial unique constraint: the database's last word on open requests.
            raise _already_requested(session) from error
        _save_options(booking, details.options)
        log(instance=booking, action="schools.booking.requested", user=user)
        after_commit(tasks.send_booking_email.enqueue, booking.pk, Booking.Status.REQUESTED)
        after_commit(tasks.send_coordinator_notice.enqueue, booking.pk, tasks.NOTICE_REQUESTED)
    return booking


def _audience_year_groups(
    session: SessionPage, year_groups: list[int], expected_pupils: int
) -> list[int]:
    """The year groups to keep: those chosen for a pupil session (at least one, each
    one the session is for); none for staff or parents, who come from no year group."""
    if expected_pupils < 1 or expected_pupils > session.max_audience:
        raise BookingError(
            f"This session is for up to {session.max_audience} {session.audience_noun} at a time.",
            code="too_many_pupils",
            field="expected_pupils",
        )
    if not session.has_pupil_audience:
        return []
    allowed = {number for number, _ in session.year_groups}
    if not year_groups or not set(year_groups) <= allowed:
        raise BookingError(
            "Choose year groups this session is for.", code="bad_year_groups", field="year_groups"
        )
    return sorted(set(year_groups))


def _check_options(
    session: SessionPage, options: list[tuple[date, str]], today: date | None, school: School
) -> None:
    if not options:
        raise BookingError("Give at least one preferred date.", code="no_options")
    if len(options) > MAX_OPTIONS:
        raise BookingError("Give no more than three preferred dates.", code="too_many_options")
    if len({(d, p) for d, p in options}) != len(options):
        raise BookingError("Each preferred date must be different.", code="duplicate_options")
    for day, _part in options:
        problem = date_problem(session, day, today=today, school=school)
        if problem:
            raise BookingError(problem, code="bad_date")


def _lock_school(school: School) -> None:
    """One request at a time per school, so two identical submissions cannot both pass."""
    School.objects.select_for_update().get(pk=school.pk)


def _has_open_request(school: School, session: SessionPage) -> bool:
    return Booking.objects.open().filter(school=school, session=session).exists()


def _already_requested(session: SessionPage) -> BookingError:
    return BookingError(
        f"Your school already has an open request for “{session.title}”. "
        "You can see it on your dashboard.",
        code="already_requested",
    )


def decline_booking(booking: Booking, *, by: User, reason: str) -> Booking:
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(
            "Tell the school why the request is declined.", code="no_reason", field="reason"
        )
    with transaction.atomic():
        booking = lock_booking(booking)
        if not booking.can_become(Booking.Status.DECLINED):
            raise BookingError("Only new requests can be declined.", code="not_declinable")
        change_status(booking, Booking.Status.DECLINED, by=by, reason=reason)
        log(instance=booking, action="schools.booking.declined", user=by, data={"reason": reason})
        after_commit(tasks.send_booking_email.enqueue, booking.pk, Booking.Status.DECLINED)
    return booking


def cancel_booking(
    booking: Booking, *, by: User, reason: str, now: datetime | None = None
) -> Booking:
    """School staff before the visit (a request not yet scheduled is withdrawn), or a
    coordinator; the presenters are freed, and the coordinators told when a school did it."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise BookingError("Say why the booking is cancelled.", code="no_reason", field="reason")
    with transaction.atomic():
        booking = lock_booking(booking)
        if not booking.can_cancel(now):
            raise BookingError("This booking can no longer be cancelled.", code="not_cancellable")
        presenter_ids = []
        if hasattr(booking, "delivery"):
            assignments = booking.delivery.assignments.all()
            presenter_ids = list(assignments.values_list("presenter_id", flat=True))
            assignments.delete()
            # The cancellation is a change like any other: its CANCEL outranks every
            # invitation sent before it (RFC 5546).
            booking.delivery.sequence += 1
            booking.delivery.save(update_fields=["sequence"])
        was = booking.status
        change_status(booking, Booking.Status.CANCELLED, by=by, reason=reason)
        MoveRequest.objects.filter(booking=booking, resolved_at=None).update(resolved_at=now)
        log(
            instance=booking,
            action="schools.booking.cancelled",
            user=by,
            data={"reason": reason, "presenters": presenter_ids, "was": was},
        )
        after_commit(
            tasks.send_booking_email.enqueue, booking.pk, Booking.Status.CANCELLED, presenter_ids
        )
        if not is_coordinator(by):
            after_commit(tasks.send_coordinator_notice.enqueue, booking.pk, tasks.NOTICE_CANCELLED)
    return booking


def mark_delivered(booking: Booking, *, by: User, now: datetime | None = None) -> Booking:
    """Called when the register is taken: the visit has happened."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = lock_booking(booking)
        if not booking.can_become(Booking.Status.DELIVERED):
            raise BookingError(
                "Only a scheduled booking can be marked as delivered.", code="not_scheduled"
            )
        if booking.delivery.start > now:
            raise BookingError("The visit has not started yet.", code="not_started")
        change_status(booking, Booking.Status.DELIVERED, by=by)
        log(instance=booking, action="schools.booking.delivered", user=by)
        after_commit(tasks.send_booking_email.enqueue, booking.pk, Booking.Status.DELIVERED)
    return booking


def edit_request(
    booking: Booking, *, by: User, details: RequestDetails, today: date | None = None
) -> Booking:
    """The school changes its request while it waits to be scheduled: the same checks as
    a new request; the preferred dates are replaced; the audit entry names what changed."""
    if not booking.school.memberships.filter(user=by, status=APPROVED).exists():
        raise BookingError("Only your school's staff can change this request.", code="not_member")
    year_groups = _checked_year_groups(booking.session, booking.school, details, today)
    with transaction.atomic():
        booking = lock_booking(booking)
        if booking.status != Booking.Status.REQUESTED:
            raise BookingError(
                "This request has been scheduled or closed, so it can no longer be changed.",
                code="not_editable",
            )
        before = _request_fields(booking)
        booking.year_groups = year_groups
        booking.expected_pupils = details.expected_pupils
        booking.access_needs = details.access_needs
        booking.notes = details.notes
        booking.save(
            update_fields=["year_groups", "expected_pupils", "access_needs", "notes", "updated_at"]
        )
        booking.options.all().delete()
        _save_options(booking, details.options)
        after = _request_fields(booking)
        changed = sorted(k for k in after if after[k] != before[k])
        log(instance=booking, action="schools.booking.edited", user=by, data={"changed": changed})
        after_commit(tasks.send_booking_email.enqueue, booking.pk, tasks.EDITED)
    return booking


def _save_options(booking: Booking, options: list[tuple[date, str]]) -> None:
    BookingOption.objects.bulk_create(
        BookingOption(booking=booking, position=i, date=d, part_of_day=p)
        for i, (d, p) in enumerate(options, start=1)
    )


def _request_fields(booking: Booking) -> dict:
    return {
        "year_groups": list(booking.year_groups),
        "expected_pupils": booking.expected_pupils,
        "access_needs": booking.access_needs,
        "notes": booking.notes,
        "options": [(o.date.isoformat(), o.part_of_day) for o in booking.options.all()],
    }
