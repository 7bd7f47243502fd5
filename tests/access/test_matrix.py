"""Who may reach what: every address of the portal's own URL configuration, for
every role, for GET and POST, with the answer each must get.

The addresses are read from the URL configuration, so a new address fails
`test_every_address_has_an_expectation` until a row is added to ADDRESSES.
Allauth's pages (`/accounts/`), Wagtail's admin (`/admin/`, tested for roles
below) and the page tree are covered by their own suites.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "pending_a",
    "staff_a",
    "staff_b",
    "presenter",
    "other_presenter",
    "coordinator",
    "superuser",
]

# Prefixes whose access rules are tested elsewhere (see the module docstring).
EXTERNAL_PREFIXES = ("accounts/", "admin/", "django-admin/", "documents/")

SIGN_IN = "sign-in"  # a redirect to the sign-in page
OK = 200
NOT_ALLOWED = 405


@dataclass
class World:
    """One of everything, seen from school A."""

    school_a: object
    school_b: object
    users: dict = field(default_factory=dict)


@pytest.fixture
def world(db):
    from schools.models import SchoolMembership

    school_a = factories.SchoolFactory(name="School A")
    school_b = factories.SchoolFactory(name="School B")
    users = {
        "anonymous": None,
        "pending_a": factories.school_staff(school_a, status=SchoolMembership.Status.PENDING),
        "staff_a": factories.school_staff(school_a),
        "staff_b": factories.school_staff(school_b),
        "presenter": factories.presenter(),
        "other_presenter": factories.presenter(),
        "coordinator": factories.coordinator(),
        "superuser": factories.enable_mfa(factories.UserFactory(is_superuser=True, is_staff=True)),
    }
    return World(school_a=school_a, school_b=school_b, users=users)


def everyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status):
    return {**everyone(status), "anonymous": SIGN_IN}


@dataclass
class Address:
    """How to build a concrete URL for a route, and the expected answers by role."""

    build: object  # callable(world) -> path
    get: dict
    post: dict = None  # None: POST answers like GET


def coordinators_only():
    return {**signed_in(403), "coordinator": OK, "superuser": OK}


def presenters_only():
    return {**signed_in(403), "presenter": OK, "other_presenter": OK}


# name (with namespace) -> Address
ADDRESSES = {
    "healthz": Address(lambda w: "/healthz", get=everyone(OK), post=everyone(NOT_ALLOWED)),
    "account_data": Address(
        lambda w: "/account/your-data/", get=signed_in(OK), post=signed_in(NOT_ALLOWED)
    ),
    # POST without the password shows the form again with a message.
    "account_close": Address(lambda w: "/account/close/", get=signed_in(OK), post=signed_in(OK)),
    # A pupil types a code; a wrong one is a message on the form.
    "training:feedback": Address(lambda w: "/feedback/", get=everyone(OK), post=everyone(OK)),
    "training:you_said_we_did": Address(
        lambda w: "/you-said-we-did/", get=everyone(OK), post=everyone(OK)
    ),
    "training:certificate_verify_form": Address(
        lambda w: "/certificates/verify/", get=everyone(OK), post=everyone(OK)
    ),
    "schools:join": Address(lambda w: "/schools/join/", get=signed_in(OK), post=signed_in(OK)),
    "training:reports": Address(
        lambda w: "/reports/", get=coordinators_only(), post=coordinators_only()
    ),
    "schools:booking_requests": Address(
        lambda w: "/bookings/requests/", get=coordinators_only(), post=coordinators_only()
    ),
    # School staff who are not the DSL are refused; DSLs are covered in tests/schools.
    "schools:membership_requests": Address(
        lambda w: "/schools/requests/", get=coordinators_only(), post=coordinators_only()
    ),
    "training:certificates": Address(
        lambda w: "/certificates/", get=coordinators_only(), post=coordinators_only()
    ),
    "training:flagged_responses": Address(
        lambda w: "/feedback/flagged/", get=coordinators_only(), post=coordinators_only()
    ),
    "schools:unavailability": Address(
        lambda w: "/availability/", get=presenters_only(), post=presenters_only()
    ),
    "cms:search": Address(
        lambda w: "/search/?q=knife", get=everyone(OK), post=everyone(NOT_ALLOWED)
    ),
    "dashboard": Address(lambda w: "/dashboard/", get=signed_in(OK), post=signed_in(NOT_ALLOWED)),
}


# Addresses whose role-by-role rules are, for now, proven only by their own
# package's access suite (named here). Move each into ADDRESSES; nothing new
# may be added to this list.
COVERED_ELSEWHERE = {
    # tests/schools/test_access.py: anonymous, staff of school A and B, a pending
    # member, a presenter, another presenter and a coordinator.
    "schools:booking_cancel",
    "schools:booking_decline",
    "schools:booking_detail",
    "schools:booking_new",
    "schools:booking_schedule",
    "schools:calendar_feed",
    "schools:calendar_reset",
    "schools:decide_membership",
    "schools:join_school",
    "schools:unavailability_delete",
    # tests/training/test_feedback_*.py and test_reports_views.py: pupils with a
    # code, school staff of the school and of another, presenters, coordinators.
    "training:show_feedback_code",
    "training:feedback_code_qr",
    "training:delivery_feedback",
    "training:event_feedback",
    "training:flagged_response",
    "training:flagged_followed_up",
    "training:pupil_survey",
    "training:pupil_thanks",
    "training:reports_export",
    "training:school_reports",
    "training:school_reports_export",
    # tests/training/test_views.py: anonymous, staff of the event's school and of
    # another, the event's trainer, a presenter assigned to the delivery and one not.
    "training:event_detail",
    "training:event_register",
    "training:registration_cancel",
    "training:event_attendance",
    "training:event_walk_in",
    "training:delivery_register",
    # tests/training/test_certificates_views.py: anonymous, the holder, a colleague,
    # staff of another school, a presenter and a coordinator.
    "training:certificate_verify",
    "training:certificate_event",
    "training:certificate_batch",
    "training:certificate_batch_zip",
    "training:certificate_issue",
    "training:certificate_issue_school",
    "training:certificate_download",
    "training:certificate_revoke",
    "training:certificate_reissue",
    # tests/portal/test_security.py: Wagtail's front-end sign-in only redirects to
    # allauth's, for everyone, whatever is posted.
    "wagtailcore_login_redirect",
}


def _our_routes(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(EXTERNAL_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            if pattern.urlconf_module.__name__.startswith("wagtail"):
                continue  # the page tree and Wagtail's own views
            ns = pattern.namespace or ""
            yield from _our_routes(pattern, route, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None and "static" in route:
                continue
            yield f"{namespace}{pattern.name}", route


def test_every_address_has_an_expectation():
    known = ADDRESSES.keys() | COVERED_ELSEWHERE
    missing = sorted(name for name, _ in _our_routes() if name not in known)
    assert missing == [], f"add these addresses to ADDRESSES in {__file__}: {missing}"


def _answer(response):
    if response.status_code in (301, 302) and "/accounts/login/" in response.get("Location", ""):
        return SIGN_IN
    return response.status_code


CASES = [(name, role, method) for name in ADDRESSES for role in ROLES for method in ("get", "post")]


@pytest.mark.parametrize(("name", "role", "method"), CASES)
def test_access(client, world, name, role, method):
    address = ADDRESSES[name]
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    expected = (address.post if method == "post" and address.post else address.get)[role]
    response = getattr(client, method)(address.build(world))
    assert _answer(response) == expected, f"{method.upper()} {name} as {role}"


@pytest.mark.parametrize("role", ROLES)
def test_only_presenters_coordinators_and_superusers_reach_the_admin(client, world, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    response = client.get("/admin/")
    if role in ("presenter", "other_presenter", "coordinator", "superuser"):
        assert response.status_code == 200
    elif role == "anonymous":
        assert _answer(response) == SIGN_IN
    else:
        # Signed in without admin access: Wagtail refuses and sends them away.
        assert response.status_code in (302, 403)
        assert (
            "/admin/" not in response.get("Location", "/admin/")[:7] or response.status_code == 403
        )
