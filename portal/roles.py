"""Who is who. Small functions shared by views, admin viewsets, querysets and tests.

Presenters and coordinators are Django groups, kept here. What else a person is
(staff of a school, the organisation a presenter works for) is recorded by an
app, which answers for it: the school roles are in schools.roles, and the
organisation is asked through `organisation_of`, which the app that records it
fills from its AppConfig.ready().
"""

from django.contrib.auth.models import Group, Permission

PRESENTERS = "Presenters"
COORDINATORS = "Coordinators"

ROLE_COORDINATOR = "coordinator"
ROLE_PRESENTER = "presenter"
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


def requires_mfa(user):
    """Staff who can see schools' records must use two-factor authentication."""
    return user.is_authenticated and (
        user.is_superuser or user.is_staff or is_coordinator(user) or is_presenter(user)
    )


# Lookups that name the partner organisation a person works for (first answer wins).
ORGANISATION_LOOKUPS = []


def add_organisation_lookup(lookup):
    """`lookup(user)` returns the person's organisation or None; added once per app."""
    if lookup not in ORGANISATION_LOOKUPS:
        ORGANISATION_LOOKUPS.append(lookup)


def organisation_of(user):
    """The partner organisation a person works for, or None (anonymous visitors included)."""
    if not user.is_authenticated:
        return None
    for lookup in ORGANISATION_LOOKUPS:
        organisation = lookup(user)
        if organisation is not None:
            return organisation
    return None


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
