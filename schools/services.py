"""The rules for memberships, bookings and deliveries.

Every write that changes a status goes through one of these functions: guard
clauses raise a `SchoolsError` with a stable `code`; the contested row is
re-read with `select_for_update()`; the change is logged in Wagtail's audit log;
emails go out only after the transaction commits.
"""

from datetime import datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from portal.roles import is_presenter

from . import tasks
from .models import (
    Booking,
    BookingOption,
    Delivery,
    DeliveryAssignment,
    PresenterProfile,
    ReferenceCounter,
    School,
    SchoolMembership,
    Unavailability,
    new_calendar_token,
    travel_buffer,
)

LONDON = ZoneInfo("Europe/London")
# When a morning or an afternoon visit starts, unless the coordinator says otherwise.
PART_OF_DAY_START = {
    BookingOption.PartOfDay.MORNING: time(9, 30),
    BookingOption.PartOfDay.AFTERNOON: time(13, 30),
}
MAX_OPTIONS = 3
# How far ahead a visit may be asked for: beyond it a date is a typing slip (and one
# near 9999-12-31 would overflow every date sum made for the visit afterwards).
BOOKING_HORIZON = timedelta(days=2 * 365)


class SchoolsError(Exception):
    """A rule was broken; `code` is stable for tests and callers, the message is for people."""

    def __init__(self, message, *, code, field=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class MembershipError(SchoolsError):
    pass


class BookingError(SchoolsError):
    pass


class SchedulingError(SchoolsError):
    pass


def _after_commit(func, *args, **kwargs):
    transaction.on_commit(partial(func, *args, **kwargs))


# Memberships -----------------------------------------------------------------


def request_membership(*, user, school, role):
    """Ask to join a school. Asking again after a rejection or leaving starts afresh."""
    if role not in SchoolMembership.Role.values:
        raise MembershipError("Choose your role at the school.", code="bad_role", field="role")
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)
        membership = SchoolMembership.objects.filter(user=user, school=school).first()
        if membership and membership.status == SchoolMembership.Status.APPROVED:
            raise MembershipError(
                f"You are already a member of {school.name}.", code="already_member"
            )
        if membership and membership.status == SchoolMembership.Status.PENDING:
            raise MembershipError(
                f"You have already asked to join {school.name}. We will email you when it has "
                "been checked.",
                code="already_requested",
            )
        if membership:
            membership.role = role
            membership.status = SchoolMembership.Status.PENDING
            membership.decided_by = None
            membership.decided_at = None
            membership.save(update_fields=["role", "status", "decided_by", "decided_at"])
        else:
            membership = SchoolMembership.objects.create(
                user=user, school=school, role=role, status=SchoolMembership.Status.PENDING
            )
        log(instance=membership, action="schools.membership.requested", user=user)
        _after_commit(tasks.send_membership_email.enqueue, membership.pk, "requested")
    return membership


def _decide_membership(membership, *, by, status, action):
    with transaction.atomic():
        membership = SchoolMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != SchoolMembership.Status.PENDING:
            raise MembershipError("This request has already been dealt with.", code="not_pending")
        if membership.user_id == by.pk:
            raise MembershipError(
                "You cannot approve or reject your own request.", code="own_request"
            )
        membership.status = status
        membership.decided_by = by
        membership.decided_at = timezone.now()
        membership.save(update_fields=["status", "decided_by", "decided_at"])
        log(instance=membership, action=action, user=by)
        _after_commit(tasks.send_membership_email.enqueue, membership.pk, status)
    return membership


def approve_membership(membership, *, by):
    return _decide_membership(
        membership,
        by=by,
        status=SchoolMembership.Status.APPROVED,
        action="schools.membership.approved",
    )


def reject_membership(membership, *, by):
    return _decide_membership(
        membership,
        by=by,
        status=SchoolMembership.Status.REJECTED,
        action="schools.membership.rejected",
    )


# Booking requests --------------------------------------------------------------


def date_problem(session, day, *, today=None):
    """Why a preferred date cannot be offered, or None. Shared by the form and the service."""
    today = today or timezone.localdate()
    if day < today:
        return "The date must be in the future."
    if day.weekday() >= 5:
        return "Choose a weekday: schools are closed at weekends."
    earliest = today + timedelta(days=session.minimum_notice_days)
    if day < earliest:
        return (
            f"This session needs {session.minimum_notice_days} days' notice. "
            f"Choose {earliest:%-d %B %Y} or later."
        )
    if day > today + BOOKING_HORIZON:
        return "Choose a date within the next two years."
    return None


def next_reference(year):
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


def request_booking(
    *,
    user,
    school,
    session,
    year_groups,
    expected_pupils,
    options,
    access_needs="",
    notes="",
    today=None,
):
    """A school asks for a session. `options` is a list of (date, part_of_day), best first."""
    if not school.memberships.filter(user=user, status="approved").exists():
        raise BookingError("You can only book for a school you belong to.", code="not_member")
    if not session.live or not session.bookable:
        raise BookingError("This session cannot be booked at the moment.", code="not_bookable")
    allowed = {number for number, _ in session.year_groups}
    if not year_groups or not set(year_groups) <= allowed:
        raise BookingError(
            "Choose year groups this session is for.", code="bad_year_groups", field="year_groups"
        )
    if expected_pupils < 1 or expected_pupils > session.max_audience:
        raise BookingError(
            f"This session is for up to {session.max_audience} pupils at a time.",
            code="too_many_pupils",
            field="expected_pupils",
        )
    if not options:
        raise BookingError("Give at least one preferred date.", code="no_options")
    if len(options) > MAX_OPTIONS:
        raise BookingError("Give no more than three preferred dates.", code="too_many_options")
    if len({(d, p) for d, p in options}) != len(options):
        raise BookingError("Each preferred date must be different.", code="duplicate_options")
    for day, _part in options:
        problem = date_problem(session, day, today=today)
        if problem:
            raise BookingError(problem, code="bad_date")

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
                    year_groups=sorted(set(year_groups)),
                    expected_pupils=expected_pupils,
                    access_needs=access_needs,
                    notes=notes,
                    status=Booking.Status.REQUESTED,
                    status_changed_by=user,
                    status_changed_at=timezone.now(),
                )
        except IntegrityError as error:
            # The partial unique constraint: the database's last word on open requests.
            raise _already_requested(session) from error
        BookingOption.objects.bulk_create(
            BookingOption(booking=booking, position=i, date=d, part_of_day=p)
            for i, (d, p) in enumerate(options, start=1)
        )
        log(instance=booking, action="schools.booking.requested", user=user)
        _after_commit(tasks.send_booking_email.enqueue, booking.pk, "requested")
    return booking


def _lock_school(school):
    """One request at a time per school, so two identical submissions cannot both pass."""
    School.objects.select_for_update().get(pk=school.pk)


def _has_open_request(school, session):
    return Booking.objects.open().filter(school=school, session=session).exists()


def _already_requested(session):
    return BookingError(
        f"Your school already has an open request for “{session.title}”. "
        "You can see it on your dashboard.",
        code="already_requested",
    )


def _lock_booking(booking):
    return (
        Booking.objects.select_for_update().select_related("session", "school").get(pk=booking.pk)
    )


def _change_status(booking, status, *, by, reason=""):
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


def decline_booking(booking, *, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(
            "Tell the school why the request is declined.", code="no_reason", field="reason"
        )
    with transaction.atomic():
        booking = _lock_booking(booking)
        if not booking.can_become(Booking.Status.DECLINED):
            raise BookingError("Only new requests can be declined.", code="not_declinable")
        _change_status(booking, Booking.Status.DECLINED, by=by, reason=reason)
        log(instance=booking, action="schools.booking.declined", user=by, data={"reason": reason})
        _after_commit(tasks.send_booking_email.enqueue, booking.pk, "declined")
    return booking


def cancel_booking(booking, *, by, reason, now=None):
    """School staff before the visit, or a coordinator; the presenters are freed."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise BookingError("Say why the booking is cancelled.", code="no_reason", field="reason")
    with transaction.atomic():
        booking = _lock_booking(booking)
        if not booking.can_cancel(now):
            raise BookingError("This booking can no longer be cancelled.", code="not_cancellable")
        presenter_ids = []
        if hasattr(booking, "delivery"):
            assignments = booking.delivery.assignments.all()
            presenter_ids = list(assignments.values_list("presenter_id", flat=True))
            assignments.delete()
        _change_status(booking, Booking.Status.CANCELLED, by=by, reason=reason)
        log(
            instance=booking,
            action="schools.booking.cancelled",
            user=by,
            data={"reason": reason, "presenters": presenter_ids},
        )
        _after_commit(tasks.send_booking_email.enqueue, booking.pk, "cancelled", presenter_ids)
    return booking


def mark_delivered(booking, *, by, now=None):
    """Called when the register is taken: the visit has happened."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock_booking(booking)
        if not booking.can_become(Booking.Status.DELIVERED):
            raise BookingError(
                "Only a scheduled booking can be marked as delivered.", code="not_scheduled"
            )
        if booking.delivery.start > now:
            raise BookingError("The visit has not started yet.", code="not_started")
        _change_status(booking, Booking.Status.DELIVERED, by=by)
        log(instance=booking, action="schools.booking.delivered", user=by)
        _after_commit(tasks.send_booking_email.enqueue, booking.pk, "delivered")
    return booking


# Scheduling ---------------------------------------------------------------------


def slot_times(option, session):
    """Start and end (aware, Europe/London) of a preferred morning or afternoon."""
    start = datetime.combine(option.date, PART_OF_DAY_START[option.part_of_day], tzinfo=LONDON)
    return start, start + timedelta(minutes=session.duration_minutes)


def _busy_filter(start, end):
    """Assignments whose busy time (with travel) overlaps a new delivery's busy time."""
    return Q(start__lt=end + travel_buffer()) & Q(busy_until__gt=start)


def busy_presenter_ids(presenter_ids, start, end):
    """Presenters among `presenter_ids` who cannot be at a delivery from start to end."""
    ids = set(presenter_ids)
    busy = set(
        DeliveryAssignment.objects.filter(
            _busy_filter(start, end), presenter_id__in=ids
        ).values_list("presenter_id", flat=True)
    )
    busy |= set(
        Unavailability.objects.filter(
            presenter_id__in=ids, start__lt=end, end__gt=start
        ).values_list("presenter_id", flat=True)
    )
    return busy


def available_presenters(session, start, end):
    """Presenters qualified for the session and free (travel buffer included) then."""
    qualified = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            presenter_profile__qualified_sessions=session,
            groups__name="Presenters",
        )
        .select_related("presenter_profile__organisation")
        .order_by("last_name", "first_name")
        .distinct()
    )
    busy = busy_presenter_ids([p.pk for p in qualified], start, end)
    return [p for p in qualified if p.pk not in busy]


def _lock_presenters(presenter_ids):
    """Row locks on the presenters, always in the same order so two schedulers cannot deadlock."""
    list(
        get_user_model()
        .objects.select_for_update()
        .filter(pk__in=presenter_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def schedule_delivery(booking, *, by, presenters, start, end=None, place=""):
    """Turn a request into a visit with one or more presenters, never double-booking them."""
    presenters = list(presenters)
    if not presenters:
        raise SchedulingError("Choose a presenter.", code="no_presenter", field="presenter")
    if timezone.is_naive(start):
        start = timezone.make_aware(start, LONDON)
    end = end or start + timedelta(minutes=booking.session.duration_minutes)
    if end <= start:
        raise SchedulingError("The visit must end after it starts.", code="bad_times")
    if start <= timezone.now():
        raise SchedulingError("The visit must be in the future.", code="in_past")
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
            )
    ids = [p.pk for p in presenters]
    with transaction.atomic():
        booking = _lock_booking(booking)
        if not booking.can_become(Booking.Status.SCHEDULED):
            raise SchedulingError("Only new requests can be scheduled.", code="not_schedulable")
        _lock_presenters(ids)
        busy = busy_presenter_ids(ids, start, end)
        if busy:
            raise _busy_error(presenters, busy)
        try:
            with transaction.atomic():
                delivery, _ = Delivery.objects.update_or_create(
                    booking=booking, defaults={"start": start, "end": end, "place": place}
                )
                delivery.assignments.all().delete()
                for person in presenters:
                    DeliveryAssignment.objects.create(
                        delivery=delivery,
                        presenter=person,
                        start=start,
                        end=end,
                        busy_until=end + travel_buffer(),
                    )
        except IntegrityError as error:
            # PostgreSQL's exclusion constraint caught what the lock should have.
            raise _busy_error(presenters, set(ids)) from error
        _change_status(booking, Booking.Status.SCHEDULED, by=by)
        log(
            instance=booking,
            action="schools.booking.scheduled",
            user=by,
            data={
                "start": start.isoformat(),
                "end": end.isoformat(),
                "presenters": ids,
            },
        )
        _after_commit(tasks.send_booking_email.enqueue, booking.pk, "scheduled")
        _after_commit(_give_feedback_code, delivery)
    return delivery


def _give_feedback_code(delivery):
    """Every scheduled visit gets the short code pupils use to give feedback."""
    from training.services.feedback import feedback_code_for

    feedback_code_for(delivery)


def _busy_error(presenters, busy):
    names = ", ".join(p.get_full_name() or p.email for p in presenters if p.pk in busy)
    return SchedulingError(
        f"{names} is not free then: another visit (with travel time) or time off overlaps. "
        "Choose another presenter or time.",
        code="presenter_busy",
        field="presenter",
    )


# Presenters' time and calendars ----------------------------------------------------


def record_unavailability(*, presenter, start, end, reason=""):
    if end <= start:
        raise SchedulingError("The end must be after the start.", code="bad_times", field="end")
    with transaction.atomic():
        entry = Unavailability.objects.create(
            presenter=presenter, start=start, end=end, reason=reason
        )
        log(instance=entry, action="schools.unavailability.recorded", user=presenter)
    return entry


def delete_unavailability(entry, *, by):
    with transaction.atomic():
        log(instance=entry, action="wagtail.delete", user=by)
        entry.delete()


def reset_calendar_token(owner, *, by):
    """A new secret address; the old one stops working at once."""
    owner.calendar_token = new_calendar_token()
    owner.save(update_fields=["calendar_token"])
    log(instance=owner, action="schools.calendar.reset", user=by)
    return owner


def confirm_vetting(profile, *, by, on=None):
    profile.vetting_confirmed_on = on or timezone.localdate()
    profile.vetting_confirmed_by = by
    profile.save(update_fields=["vetting_confirmed_on", "vetting_confirmed_by"])
    log(instance=profile, action="schools.presenter.vetting_confirmed", user=by)
    return profile


def working_days_before(day, count):
    """The date `count` working days (Monday to Friday) before `day`."""
    while count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day
