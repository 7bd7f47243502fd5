"""Who may see and do what in training: every `can_*` and `visible_to` rule of the
app, shared by views, admin views, services and dashboards.

Small functions of the person (and the thing asked about), answered from the
database afresh; the services check the ones that guard a change again inside
their transaction. Querysets carry no access rules: callers start from these.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from portal import roles
from portal.models import User
from schools import roles as school_roles
from schools.models import Delivery, School, SchoolMembership
from training.models import Certificate, PupilResponse, Registration, TrainingEvent
from training.models.feedback import LIVE_BOOKING_STATUSES

# Events and registers ----------------------------------------------------------------


def can_manage_events(user: User) -> bool:
    """Coordinators cancel events and move or cancel anyone's registration."""
    return roles.is_coordinator(user)


def can_message_event(user: User) -> bool:
    """Messages to everyone with a confirmed place on an event: coordinators."""
    return roles.is_coordinator(user)


def can_book_training(user: User) -> bool:
    """Approved staff of a school register for training events (for that school)."""
    return school_roles.is_school_staff(user)


def can_register_for_school(user: User, school: School | None) -> bool:
    return school is not None and school_roles.approved_schools(user).filter(pk=school.pk).exists()


def can_cancel_after_start(user: User) -> bool:
    """Once an event has started, only a coordinator cancels a registration (a correction)."""
    return roles.is_coordinator(user)


def _all_for_coordinators(user: User, rows: QuerySet, /, **theirs: object) -> QuerySet:
    """Every row for coordinators, none for visitors who are not signed in, and
    otherwise the rows that are the person's own (`theirs`)."""
    if roles.is_coordinator(user):
        return rows
    if not user.is_authenticated:
        return rows.none()
    return rows.filter(**theirs)


def registrations_visible_to(user: User) -> QuerySet[Registration]:
    """Coordinators see every registration; anyone else only their own."""
    return _all_for_coordinators(user, Registration.objects.all(), user=user)


def can_take_event_register(user: User, event: TrainingEvent) -> bool:
    """The event's trainers and coordinators see and change its register."""
    if not user.is_authenticated:
        return False
    return roles.is_coordinator(user) or event.trainers.filter(pk=user.pk).exists()


def events_with_register_for(user: User) -> QuerySet[TrainingEvent]:
    """Events whose register this person may see and change."""
    return _all_for_coordinators(user, TrainingEvent.objects.all(), trainers=user)


def can_record_delivery_register(user: User, delivery: Delivery) -> bool:
    """Presenters assigned to the delivery and coordinators record its register."""
    if not user.is_authenticated:
        return False
    return roles.is_coordinator(user) or delivery.assignments.filter(presenter=user).exists()


def deliveries_with_register_for(user: User) -> QuerySet[Delivery]:
    """School deliveries whose register this person may see and record."""
    # Distinct: a delivery with two presenters would otherwise be joined twice.
    mine = _all_for_coordinators(user, Delivery.objects.all(), assignments__presenter=user)
    return mine.distinct()


# Feedback ---------------------------------------------------------------------------


def can_show_feedback_code(user: User, delivery: Delivery) -> bool:
    """Whoever takes the delivery's register shows its pupils the feedback code; only a
    session for pupils has one."""
    return delivery.booking.session.has_pupil_audience and can_record_delivery_register(
        user, delivery
    )


def can_open_delivery_feedback(user: User, delivery: Delivery) -> bool:
    """Approved staff of the delivery's school see its teacher feedback form."""
    return school_roles.approved_schools(user).filter(pk=delivery.booking.school_id).exists()


def can_give_delivery_feedback(user: User, delivery: Delivery, now: datetime | None = None) -> bool:
    """Approved staff of the school, once the visit is over and if it went ahead."""
    now = now or timezone.now()
    return (
        user.is_authenticated
        and delivery.end <= now
        and delivery.booking.status in LIVE_BOOKING_STATUSES
        and can_open_delivery_feedback(user, delivery)
    )


def attended_registration(user: User, event: TrainingEvent) -> Registration | None:
    """This person's registration at the event, if they were marked as attended."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(
        event=event, user=user, attendance=Registration.Attendance.ATTENDED
    ).first()


def can_give_event_feedback(user: User, event: TrainingEvent, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return event.end <= now and attended_registration(user, event) is not None


def _is_dsl_of(user: User, school_id: int) -> bool:
    return SchoolMembership.objects.filter(
        user=user,
        school_id=school_id,
        role=SchoolMembership.Role.DSL,
        status=SchoolMembership.Status.APPROVED,
    ).exists()


def can_read_flagged(user: User, response: PupilResponse) -> bool:
    """A flagged pupil answer is read by coordinators and the school's approved DSLs."""
    return roles.is_coordinator(user) or _is_dsl_of(user, response.delivery.booking.school_id)


def flagged_responses_visible_to(user: User) -> QuerySet[PupilResponse]:
    qs = PupilResponse.objects.filter(flagged=True).select_related(
        "delivery__booking__school", "delivery__booking__session", "followed_up_by"
    )
    if roles.is_coordinator(user):
        return qs
    return qs.filter(
        delivery__booking__school__memberships__user=user,
        delivery__booking__school__memberships__role=SchoolMembership.Role.DSL,
        delivery__booking__school__memberships__status=SchoolMembership.Status.APPROVED,
    )


def can_list_flagged(user: User) -> bool:
    """Coordinators, and DSLs with flagged answers from their school to read."""
    return roles.is_coordinator(user) or flagged_responses_visible_to(user).exists()


# Certificates ------------------------------------------------------------------------


def can_manage_certificates(user: User) -> bool:
    """Issuing, revoking and bulk runs are for partnership coordinators only."""
    return roles.is_coordinator(user)


def certificates_visible_to(user: User) -> QuerySet[Certificate]:
    """Coordinators see every certificate; holders their own; approved school staff
    their schools' participation certificates; nobody else anything."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    if roles.is_coordinator(user):
        return Certificate.objects.all()
    return Certificate.objects.filter(
        Q(registration__user=user)
        | Q(delivery__booking__school__in=school_roles.approved_schools(user))
    )


# Reports -----------------------------------------------------------------------------


def can_see_reports(user: User) -> bool:
    """The county-wide effectiveness dashboard and its downloads are for coordinators."""
    return roles.is_coordinator(user)


def can_see_school_figures(user: User, school: School) -> bool:
    return (
        roles.is_coordinator(user)
        or school_roles.approved_schools(user).filter(pk=school.pk).exists()
    )
