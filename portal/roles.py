"""Who is who. Small functions shared by views, admin viewsets, querysets and tests.

Presenters and coordinators are Django groups; school staff are people with an
approved membership of at least one school (see schools.models.SchoolMembership).
"""

from django.contrib.auth.models import Group, Permission

PRESENTERS = "Presenters"
COORDINATORS = "Coordinators"

ROLE_COORDINATOR = "coordinator"
ROLE_PRESENTER = "presenter"
ROLE_SCHOOL_STAFF = "school_staff"
ROLE_PENDING = "pending"
ROLE_NEWCOMER = "newcomer"


def _group_names(user):
    # Cached on the user object for the length of a request.
    if not hasattr(user, "_portal_group_names"):
        user._portal_group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._portal_group_names


def is_coordinator(user):
    return user.is_authenticated and (user.is_superuser or COORDINATORS in _group_names(user))


def is_presenter(user):
    return user.is_authenticated and PRESENTERS in _group_names(user)


def approved_schools(user):
    """The schools this person is approved staff of (empty for anonymous users)."""
    from schools.models import School

    if not user.is_authenticated:
        return School.objects.none()
    return School.objects.filter(memberships__user=user, memberships__status="approved").distinct()


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
    from schools.models import SchoolMembership

    return (
        user.is_authenticated
        and SchoolMembership.objects.filter(user=user, status="pending").exists()
    )


def requires_mfa(user):
    """Staff who can see schools' records must use two-factor authentication."""
    return user.is_authenticated and (
        user.is_superuser or user.is_staff or is_coordinator(user) or is_presenter(user)
    )


def home_role(user):
    """The role whose home /dashboard/ shows; the most powerful one wins."""
    if is_coordinator(user):
        return ROLE_COORDINATOR
    if is_presenter(user):
        return ROLE_PRESENTER
    if is_school_staff(user):
        return ROLE_SCHOOL_STAFF
    if has_pending_membership(user):
        return ROLE_PENDING
    return ROLE_NEWCOMER


# What each group may do in the Wagtail admin, by app label. Page permissions
# (who may edit and publish which pages) are set up by the cms package.
COORDINATOR_APPS = ("cms", "schools", "training", "wagtailimages", "wagtaildocs")
PRESENTER_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)


def ensure_role_groups(**kwargs):
    """Create the role groups and their admin permissions (runs after every migrate).

    Coordinators manage everything in the portal's own apps; presenters may
    upload and choose images and documents for the pages they draft.
    """
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    presenters, _ = Group.objects.get_or_create(name=PRESENTERS)
    coordinators.permissions.add(
        *access_admin,
        *Permission.objects.filter(content_type__app_label__in=COORDINATOR_APPS),
    )
    presenter_perms = Permission.objects.none()
    for app_label, codename in PRESENTER_PERMISSIONS:
        presenter_perms |= Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    presenters.permissions.add(*access_admin, *presenter_perms)
    return coordinators, presenters
