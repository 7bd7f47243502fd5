"""Who may see and do what with schools, memberships, bookings and calendars.

Small functions shared by views, admin viewsets, querysets and tests. Staff of
one school never see another school's records; presenters see the bookings they
deliver; coordinators see everything.
"""

from django.db.models import Q

from portal.roles import approved_schools, is_coordinator, is_presenter


def is_approved_member(user, school):
    return (
        user.is_authenticated and school.memberships.filter(user=user, status="approved").exists()
    )


def is_approved_dsl(user, school):
    return (
        user.is_authenticated
        and school.memberships.filter(user=user, status="approved", role="dsl").exists()
    )


def can_manage_school(user, school):
    """May approve staff and see all of a school's people: coordinators and its approved DSL."""
    return is_coordinator(user) or is_approved_dsl(user, school)


def can_decide_membership(user, membership):
    return membership.user_id != user.pk and can_manage_school(user, membership.school)


def bookings_visible_to(user, queryset):
    if not user.is_authenticated:
        return queryset.none()
    if is_coordinator(user):
        return queryset
    condition = Q(school__in=approved_schools(user))
    if is_presenter(user):
        condition |= Q(delivery__assignments__presenter=user)
    return queryset.filter(condition).distinct()


def memberships_visible_to(user, queryset):
    """Your own memberships, and everyone's at a school you manage."""
    if not user.is_authenticated:
        return queryset.none()
    if is_coordinator(user):
        return queryset
    dsl_schools = approved_schools(user).filter(
        memberships__user=user, memberships__role="dsl", memberships__status="approved"
    )
    return queryset.filter(Q(user=user) | Q(school__in=dsl_schools)).distinct()


def can_view_booking(user, booking):
    from .models import Booking

    return bookings_visible_to(user, Booking.objects.filter(pk=booking.pk)).exists()


def can_request_booking(user, school):
    return is_approved_member(user, school)


def can_cancel_booking(user, booking):
    return is_coordinator(user) or is_approved_member(user, booking.school)


def can_schedule(user):
    return is_coordinator(user)
