"""Who is who at schools: staff are people with an approved membership of at least
one school; a person who has asked to join one and is waiting is pending.

The portal's own roles (coordinators, presenters) are in portal.roles; these two
are added to the dashboard's home roles from SchoolsConfig.ready().
"""

from .models import School, SchoolMembership

ROLE_SCHOOL_STAFF = "school_staff"
ROLE_PENDING = "pending"


def approved_schools(user):
    """The schools this person is approved staff of (empty for anonymous users)."""
    if not user.is_authenticated:
        return School.objects.none()
    return School.objects.filter(
        memberships__user=user, memberships__status=SchoolMembership.Status.APPROVED
    ).distinct()


def approved_school_list(user):
    """approved_schools(user) as a list, read once per request (cached on the user).

    For what a page shows about the person and for the role check; rules that
    write (services) use the queryset, which is always read afresh.
    """
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_portal_approved_schools"):
        user._portal_approved_schools = list(approved_schools(user))
    return user._portal_approved_schools


def is_school_staff(user):
    return bool(approved_school_list(user))


def has_pending_membership(user):
    return (
        user.is_authenticated
        and SchoolMembership.objects.filter(
            user=user, status=SchoolMembership.Status.PENDING
        ).exists()
    )


def organisation_of(user):
    """The partner organisation a presenter works for (their profile's), or None."""
    profile = getattr(user, "presenter_profile", None)
    return profile.organisation if profile is not None else None
