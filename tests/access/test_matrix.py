"""Who may reach what: every address of the portal's own URL configuration, for
every role, for GET and POST, with the answer each must get.

The addresses are read from the URL configuration, so a new address fails
`test_every_address_has_an_expectation` until a row is added to one of the
rows_*.py modules. A name may have several rows (`name#case`) when one address
serves different owners. Allauth's pages (`/accounts/`), Wagtail's admin
(`/admin/`, tested for roles below) and the page tree are covered by their own
suites. The world each row runs in is built in world.py, afresh for every test.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from . import rows_certificates, rows_portal, rows_schools, rows_training
from .expect import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, SET_UP_MFA, SIGN_IN
from .world import ROLES, become

pytestmark = pytest.mark.django_db

ADDRESSES = {
    **rows_portal.ADDRESSES,
    **rows_schools.ADDRESSES,
    **rows_training.ADDRESSES,
    **rows_certificates.ADDRESSES,
}

# Prefixes whose access rules are tested elsewhere (see the module docstring).
EXTERNAL_PREFIXES = ("accounts/", "admin/", "django-admin/", "documents/")

# Roles outside school A: they must never be given one of its records.
OUTSIDE_SCHOOL_A = ("anonymous", "pupil", "pending_a", "staff_b", "other_presenter")


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


def _route_name(key):
    return key.split("#", 1)[0]


def test_every_address_has_an_expectation():
    known = {_route_name(key) for key in ADDRESSES}
    missing = sorted(name for name, _ in _our_routes() if name not in known)
    assert missing == [], f"add rows for these addresses to tests/access/rows_*.py: {missing}"


def test_every_expectation_is_for_an_address_that_exists():
    routes = {name for name, _ in _our_routes()}
    assert sorted({_route_name(key) for key in ADDRESSES} - routes) == []


@pytest.mark.parametrize("key", ADDRESSES)
def test_every_row_has_an_answer_for_every_role(key):
    address = ADDRESSES[key]
    for row in (address.get, address.post):
        if row is not None:
            assert sorted(row) == sorted(ROLES), key


@pytest.mark.parametrize("key", [key for key, a in ADDRESSES.items() if a.school_a])
def test_school_a_records_are_refused_to_everyone_outside_it(key):
    """Cross-school access is always 403 or 404 (405 only where the address takes
    POST alone: refused before anything is looked up)."""
    address = ADDRESSES[key]
    for role in OUTSIDE_SCHOOL_A:
        for method in ("get", "post"):
            refused = {SIGN_IN, FORBIDDEN, NOT_FOUND}
            if method == "get" and address.post is not None:
                refused.add(NOT_ALLOWED)
            assert address.expected(method, role) in refused, (key, role, method)


def _answer(response):
    if response.status_code in (301, 302) and "/accounts/login/" in response.get("Location", ""):
        return SIGN_IN
    if response.status_code == 302 and "/accounts/2fa/totp/activate/" in response["Location"]:
        return SET_UP_MFA
    return response.status_code


CASES = [(key, role, method) for key in ADDRESSES for role in ROLES for method in ("get", "post")]


@pytest.mark.parametrize(("key", "role", "method"), CASES)
def test_access(client, world, key, role, method):
    address = ADDRESSES[key]
    become(client, world, role)
    path = address.build(world)
    if method == "post":
        data = address.data(world, role) if address.data else {}
        response = client.post(path, data)
    else:
        response = client.get(path)
    if response.streaming:  # read to the end, which closes the file (ZIP downloads)
        b"".join(response.streaming_content)
    assert _answer(response) == address.expected(method, role), (
        f"{method.upper()} {path} ({key}) as {role}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_presenters_coordinators_and_superusers_reach_the_admin(client, world, role):
    become(client, world, role)
    response = client.get("/admin/")
    if role in ("presenter", "other_presenter", "coordinator", "superuser"):
        assert response.status_code == 200
    elif role in ("anonymous", "pupil"):
        assert _answer(response) == SIGN_IN
    else:
        # Signed in without admin access: Wagtail refuses and sends them away.
        assert response.status_code in (302, 403)
        assert (
            "/admin/" not in response.get("Location", "/admin/")[:7] or response.status_code == 403
        )


@pytest.mark.parametrize("role", ["pupil", "staff_b"])
def test_the_survey_the_code_opens_names_no_school_or_person(client, world, role):
    """Whoever has the code may answer (see its row), and learns only the session."""
    become(client, world, role)
    page = client.get(world.survey_url()).content.decode()
    assert world.session.title in page
    for secret in (world.school_a.name, world.users["presenter"].get_full_name()):
        assert secret not in page
