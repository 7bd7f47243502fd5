"""Who may see and do what with schools, memberships, bookings and calendars.

Every `can_*` and `visible_to` rule of the schools app, as small functions shared
by views, admin viewsets, querysets and tests. Staff of one school never see
another school's records; presenters see the bookings they deliver;
coordinators see everything.
"""

from django.db.models import Q
from django.utils import timezone

from portal.roles import is_coordinator, is_presenter

from .models import Booking, DateProposal, SchoolMembership
from .roles import approved_schools

APPROVED = SchoolMembership.Status.APPROVED
DSL = SchoolMembership.Role.DSL


def is_approved_member(user, school):
    return user.is_authenticated and school.memberships.filter(user=user, status=APPROVED).exists()


def is_approved_dsl(user, school):
    return (
        user.is_authenticated
        and school.memberships.filter(user=user, status=APPROVED, role=DSL).exists()
    )


# Memberships ---------------------------------------------------------------------


def can_manage_school(user, school):
    """May approve staff and see all of a school's people: coordinators and its approved DSL."""
    return is_coordinator(user) or is_approved_dsl(user, school)


def can_decide_membership(user, membership):
    return membership.user_id != user.pk and can_manage_school(user, membership.school)


def can_see_membership_requests(user):
    """The list of requests to join: coordinators, and DSLs of any school."""
    return is_coordinator(user) or any(is_approved_dsl(user, s) for s in approved_schools(user))


def memberships_visible_to(user, memberships=None):
    """Your own memberships, and everyone's at a school you manage."""
    memberships = SchoolMembership.objects.all() if memberships is None else memberships
    if not user.is_authenticated:
        return memberships.none()
    if is_coordinator(user):
        return memberships
    dsl_schools = approved_schools(user).filter(
        memberships__user=user, memberships__role=DSL, memberships__status=APPROVED
    )
    return memberships.filter(Q(user=user) | Q(school__in=dsl_schools)).distinct()


# Bookings ------------------------------------------------------------------------


def bookings_visible_to(user, bookings=None):
    bookings = Booking.objects.all() if bookings is None else bookings
    if not user.is_authenticated:
        return bookings.none()
    if is_coordinator(user):
        return bookings
    condition = Q(school__in=approved_schools(user))
    if is_presenter(user):
        condition |= Q(delivery__assignments__presenter=user)
    return bookings.filter(condition).distinct()


def can_view_booking(user, booking):
    return bookings_visible_to(user, Booking.objects.filter(pk=booking.pk)).exists()


def can_request_booking(user, school):
    return is_approved_member(user, school)


def can_cancel_booking(user, booking):
    return is_coordinator(user) or is_approved_member(user, booking.school)


def can_schedule(user):
    """May schedule, decline and list new requests: coordinators."""
    return is_coordinator(user)


def can_schedule_booking(user, booking):
    return can_schedule(user) and booking.status == Booking.Status.REQUESTED


# Closed days ---------------------------------------------------------------------


def can_manage_school_closures(user, school):
    """A school's own INSET days: its approved members (they know the school's year).
    Coordinators change every school's in the admin, not on the school's page."""
    return is_approved_member(user, school)


def can_import_schools(user):
    """The GIAS import: coordinators (two-factor sign-in, portal.middleware)."""
    return is_coordinator(user)


def can_message_dsls(user):
    """Messages to the DSLs of districts or phases: coordinators."""
    return is_coordinator(user)


def can_import_closed_days(user):
    """The local authority's term dates: coordinators."""
    return is_coordinator(user)


# Changing a booking --------------------------------------------------------------


def _not_started(booking):
    delivery = getattr(booking, "delivery", None)
    return (
        booking.status == Booking.Status.SCHEDULED
        and delivery is not None
        and delivery.start > timezone.now()
    )


def can_edit_request(user, booking):
    """The school's approved staff, while the request waits to be scheduled."""
    return booking.status == Booking.Status.REQUESTED and is_approved_member(user, booking.school)


def can_answer_proposal(user, booking):
    """The school's approved staff, while a proposed date waits for their answer."""
    return (
        booking.status == Booking.Status.REQUESTED
        and is_approved_member(user, booking.school)
        and booking.proposals.filter(status=DateProposal.Status.PENDING).exists()
    )


def can_request_move(user, booking):
    """The school's approved staff, for a scheduled visit that has not started."""
    return _not_started(booking) and is_approved_member(user, booking.school)


def can_change_visit(user, booking):
    """Move a visit or replace its presenter: coordinators, before the visit starts."""
    return is_coordinator(user) and _not_started(booking)


def can_set_booking_emails(user):
    return is_coordinator(user)


# Presenters and calendars --------------------------------------------------------


def can_record_unavailability(user):
    return is_presenter(user)


def can_reset_school_calendar(user, school):
    return is_approved_member(user, school)


def can_reset_presenter_calendar(user):
    return is_presenter(user)


def can_plan_terms(user):
    """Plan a term, change the plan and send its offers: coordinators."""
    return is_coordinator(user)


def can_answer_offer(user, booking):
    """A planned offer is answered by the school's approved designated safeguarding
    lead while its date waits for an answer."""
    return (
        is_approved_dsl(user, booking.school)
        and hasattr(booking, "planned_visit")
        and can_answer_proposal(user, booking)
    )
