"""Who may see and do what with schools, memberships, bookings and calendars.

Every `can_*` and `visible_to` rule of the schools app, as small functions shared
by views, admin viewsets, querysets and tests. Staff of one school never see
another school's records; presenters see the bookings they deliver;
coordinators see everything.
"""

from django.db.models import Q

from portal.roles import is_coordinator, is_presenter

from .models import Booking, SchoolMembership
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


def can_import_closed_days(user):
    """The local authority's term dates: coordinators."""
    return is_coordinator(user)


# Presenters and calendars --------------------------------------------------------


def can_record_unavailability(user):
    return is_presenter(user)


def can_reset_school_calendar(user, school):
    return is_approved_member(user, school)


def can_reset_presenter_calendar(user):
    return is_presenter(user)
