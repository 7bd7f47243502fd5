"""Presenters' time: who is free (travel time included) and qualified, time off, and
vetting checks."""

from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.log_actions import log

from cms.models import SessionPage
from portal.models import User
from portal.roles import PRESENTERS
from schools import tasks
from schools.models import (
    Booking,
    DeliveryAssignment,
    PresenterProfile,
    Unavailability,
    travel_buffer,
)

from .common import LONDON, after_commit
from .errors import SchedulingError


def _busy_filter(start: datetime, end: datetime) -> Q:
    """Assignments whose busy time (with travel) overlaps a new delivery's busy time."""
    return Q(start__lt=end + travel_buffer()) & Q(busy_until__gt=start)


def busy_presenter_ids(presenter_ids: Iterable[int], start: datetime, end: datetime) -> set[int]:
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


def qualified_presenter_queryset(session: SessionPage) -> QuerySet:
    """Active presenters qualified for the session, by name (for a form's choices)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            presenter_profile__qualified_sessions=session,
            groups__name=PRESENTERS,
        )
        .select_related("presenter_profile__organisation")
        .order_by("last_name", "first_name")
        .distinct()
    )


def qualified_presenters(session: SessionPage) -> list[User]:
    """Active presenters qualified for the session, by name."""
    return list(qualified_presenter_queryset(session))


def available_presenters(session: SessionPage, start: datetime, end: datetime) -> list[User]:
    """Presenters qualified for the session and free (travel buffer included) then."""
    qualified = qualified_presenters(session)
    busy = busy_presenter_ids([p.pk for p in qualified], start, end)
    return [p for p in qualified if p.pk not in busy]


def what_keeps_busy(presenter: User, start: datetime, end: datetime) -> str:
    """What stops a presenter being at a delivery then: a booking's reference, or time off."""
    assignment = (
        DeliveryAssignment.objects.filter(_busy_filter(start, end), presenter=presenter)
        .select_related("delivery__booking")
        .first()
    )
    if assignment:
        return f"booked for {assignment.delivery.booking.reference}"
    if Unavailability.objects.filter(presenter=presenter, start__lt=end, end__gt=start).exists():
        return "time off recorded"
    # Another coordinator's booking, not yet committed when the database refused this one.
    return "being booked for another visit"


def busy_error(
    presenters: list[User], busy: set[int], start: datetime, end: datetime
) -> SchedulingError:
    """Who is busy, when, and why, in words: "Ann Lee is no longer free on Thursday
    14 January at 9:30am (booked for BK-2027-00012). Choose another presenter or time."."""
    when = f"{timezone.localtime(start, LONDON):%A %-d %B at %-I:%M%p}"
    when = when.replace("AM", "am").replace("PM", "pm")
    reasons = [
        f"{p.get_full_name() or p.email} is no longer free on {when} "
        f"({what_keeps_busy(p, start, end)})."
        for p in presenters
        if p.pk in busy
    ]
    return SchedulingError(
        " ".join([*reasons, "Choose another presenter or time."]),
        code="presenter_busy",
        field="presenter",
    )


def lock_presenters(presenter_ids: Iterable[int]) -> None:
    """Row locks on the presenters, always in the same order so two schedulers cannot deadlock."""
    list(
        get_user_model()
        .objects.select_for_update()
        .filter(pk__in=presenter_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def leave_clashes(presenter: User, start: datetime, end: datetime) -> list[DeliveryAssignment]:
    """The presenter's confirmed visits that time off from start to end would clash with."""
    return list(
        DeliveryAssignment.objects.filter(
            presenter=presenter,
            start__lt=end,
            end__gt=start,
            delivery__booking__status=Booking.Status.SCHEDULED,
        )
        .select_related("delivery__booking__school")
        .order_by("start")
    )


def record_unavailability(
    *, presenter: User, start: datetime, end: datetime, reason: str = "", confirm: bool = False
) -> Unavailability:
    """Time off. Over a confirmed visit it is refused unless `confirm`ed; then each such
    visit is marked as needing cover and the coordinators are emailed."""
    if end <= start:
        raise SchedulingError("The end must be after the start.", code="bad_times", field="end")
    with transaction.atomic():
        lock_presenters([presenter.pk])
        clashes = leave_clashes(presenter, start, end)
        if clashes and not confirm:
            raise _clash_warning(clashes)
        entry = Unavailability.objects.create(
            presenter=presenter, start=start, end=end, reason=reason
        )
        DeliveryAssignment.objects.filter(pk__in=[a.pk for a in clashes]).update(needs_cover=True)
        references = [a.delivery.booking.reference for a in clashes]
        log(
            instance=entry,
            action="schools.unavailability.recorded",
            user=presenter,
            data={"clashes": references},
        )
        if clashes:
            after_commit(tasks.send_leave_clash_email.enqueue, [a.pk for a in clashes])
    return entry


def _clash_warning(clashes: list[DeliveryAssignment]) -> SchedulingError:
    visits = "; ".join(
        f"{a.delivery.booking.reference} at {a.delivery.booking.school.name} on "
        f"{timezone.localtime(a.start):%A %-d %B}"
        for a in clashes
    )
    return SchedulingError(
        f"You are booked for a visit then: {visits}. To record the time off anyway, tick "
        "the box: the coordinators will be told and will find another presenter.",
        code="leave_clash",
        field="confirm",
    )


def delete_unavailability(entry: Unavailability, *, by: User) -> None:
    with transaction.atomic():
        log(instance=entry, action="wagtail.delete", user=by)
        entry.delete()


def confirm_vetting(
    profile: PresenterProfile, *, by: User, on: date | None = None
) -> PresenterProfile:
    profile.vetting_confirmed_on = on or timezone.localdate()
    profile.vetting_confirmed_by = by
    profile.save(update_fields=["vetting_confirmed_on", "vetting_confirmed_by"])
    log(instance=profile, action="schools.presenter.vetting_confirmed", user=by)
    return profile


def set_working_pattern(
    presenter: User, *, weekdays: list[int], daily_max: int, base_district, by: User
) -> PresenterProfile:
    """The days a presenter works, the most visits they take in a day, and where their
    day starts: the term planner keeps to them."""
    days = sorted({int(d) for d in weekdays})
    if not days or any(d < 0 or d > 4 for d in days):
        raise SchedulingError(
            "Choose at least one working day, Monday to Friday.",
            code="no_days",
            field="working_weekdays",
        )
    if not 1 <= daily_max <= 6:
        raise SchedulingError(
            "Choose between 1 and 6 visits a day.", code="bad_daily_max", field="daily_max_visits"
        )
    with transaction.atomic():
        profile, _ = PresenterProfile.objects.select_for_update().get_or_create(user=presenter)
        profile.working_weekdays = days
        profile.daily_max_visits = daily_max
        profile.base_district = base_district
        profile.save(update_fields=["working_weekdays", "daily_max_visits", "base_district"])
        log(
            instance=profile,
            action="schools.presenter.working_pattern",
            user=by,
            data={"days": days, "daily_max": daily_max, "base": getattr(base_district, "pk", None)},
        )
    return profile
