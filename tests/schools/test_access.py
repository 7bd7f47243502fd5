"""Who sees what: every booking, membership and calendar address against every role.

Staff of one school never see another school's bookings, people or feeds;
presenters see the visits they deliver; coordinators see all. A booking someone
may not see answers 404, so its reference does not leak.
"""

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "staff_a",
    "staff_b",
    "pending_a",
    "presenter",
    "other_presenter",
    "coordinator",
]


@pytest.fixture
def world(db):
    school_a = factories.SchoolFactory(name="Alpha School")
    school_b = factories.SchoolFactory(name="Beta School")
    from tests.factories import cms

    session = cms.session_page()
    presenter = school_factories.presenter_profile(sessions=[session]).user
    other_presenter = school_factories.presenter_profile(sessions=[session]).user
    scheduled = school_factories.booking(school=school_a, session=session, status="scheduled")
    school_factories.delivery(booking_=scheduled, presenters=[presenter])
    requested = school_factories.booking(school=school_a, session=cms.session_page())
    pending_a = factories.school_staff(school=school_a, status="pending")
    return {
        "school_a": school_a,
        "school_b": school_b,
        "session": session,
        "scheduled": scheduled,
        "requested": requested,
        "pending_membership": pending_a.school_memberships.get(),
        "users": {
            "anonymous": None,
            "staff_a": factories.school_staff(school=school_a),
            "staff_b": factories.school_staff(school=school_b),
            "pending_a": pending_a,
            "presenter": presenter,
            "other_presenter": other_presenter,
            "coordinator": school_factories.presenter_profile(user=factories.coordinator()).user,
        },
    }


def client_for(client, world, role):
    user = world["users"][role]
    if user:
        client.force_login(user)
    return client


def expect(response, outcome):
    if outcome == "login":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code == outcome, response.content[:300]


@pytest.mark.parametrize(
    ("role", "outcome"),
    list(zip(ROLES, ["login", 200, 404, 404, 200, 404, 200], strict=True)),
)
def test_who_sees_a_scheduled_booking(client, world, role, outcome):
    booking = world["scheduled"]
    response = client_for(client, world, role).get(
        reverse("schools:booking_detail", args=[booking.reference])
    )
    expect(response, outcome)
    if outcome == 200:
        assert booking.school.name in response.content.decode()


@pytest.mark.parametrize(
    ("role", "outcome"),
    list(zip(ROLES, ["login", 200, 404, 404, 403, 404, 200], strict=True)),
)
def test_who_may_cancel_a_booking(client, world, role, outcome):
    response = client_for(client, world, role).get(
        reverse("schools:booking_cancel", args=[world["scheduled"].reference])
    )
    expect(response, outcome)


@pytest.mark.parametrize("page", ["booking_schedule", "booking_decline"])
@pytest.mark.parametrize(
    ("role", "outcome"),
    list(zip(ROLES, ["login", 403, 403, 403, 403, 403, 200], strict=True)),
)
def test_only_coordinators_schedule_or_decline(client, world, role, outcome, page):
    response = client_for(client, world, role).get(
        reverse(f"schools:{page}", args=[world["requested"].reference])
    )
    expect(response, outcome)


@pytest.mark.parametrize(
    ("role", "outcome"),
    list(zip(ROLES, ["login", 403, 403, 403, 403, 403, 200], strict=True)),
)
def test_only_coordinators_see_the_request_list(client, world, role, outcome):
    expect(client_for(client, world, role).get(reverse("schools:booking_requests")), outcome)


@pytest.mark.parametrize(
    ("role", "outcome"),
    list(zip(ROLES, ["login", 403, 403, 403, 403, 403, 200], strict=True)),
)
def test_who_sees_requests_to_join(client, world, role, outcome):
    response = client_for(client, world, role).get(reverse("schools:membership_requests"))
    expect(response, outcome)
    if outcome == 200:
        assert world["users"]["pending_a"].email in response.content.decode()


def test_the_schools_dsl_sees_only_their_schools_requests(client, world):
    lead = school_factories.dsl(world["school_a"])
    stranger = factories.school_staff(school=world["school_b"], status="pending")
    client.force_login(lead)
    page = client.get(reverse("schools:membership_requests")).content.decode()
    assert world["users"]["pending_a"].email in page
    assert stranger.email not in page


@pytest.mark.parametrize(
    ("role", "outcome"),
    list(zip(ROLES, ["login", 403, 403, 403, 403, 403, 302], strict=True)),
)
def test_who_may_approve_a_membership(client, world, role, outcome):
    membership = world["pending_membership"]
    response = client_for(client, world, role).post(
        reverse("schools:decide_membership", args=[membership.pk]), {"decision": "approve"}
    )
    membership.refresh_from_db()
    if outcome == 302 and role != "anonymous":
        assert response.status_code == 302
        assert membership.status == "approved"
    else:
        expect(response, outcome)
        assert membership.status == "pending"


@pytest.mark.parametrize(
    ("role", "sees_school_feed", "sees_presenter_feed"),
    [
        ("staff_a", True, False),
        ("staff_b", False, False),
        ("pending_a", False, False),
        ("presenter", False, True),
        ("other_presenter", False, False),
        ("coordinator", False, False),
    ],
)
def test_calendar_addresses_are_shown_only_to_their_owners(
    client, world, role, sees_school_feed, sees_presenter_feed
):
    page = client_for(client, world, role).get(reverse("dashboard")).content.decode()
    presenter_token = world["users"]["presenter"].presenter_profile.calendar_token
    assert (world["school_a"].calendar_token in page) is sees_school_feed
    assert (presenter_token in page) is sees_presenter_feed


@pytest.mark.parametrize(
    ("role", "outcome"),
    list(zip(ROLES, ["login", 302, 403, 403, 403, 403, 403], strict=True)),
)
def test_who_may_change_a_schools_calendar_address(client, world, role, outcome):
    school = world["school_a"]
    old = school.calendar_token
    response = client_for(client, world, role).post(
        reverse("schools:calendar_reset"), {"school": school.urn}
    )
    expect(response, outcome)
    school.refresh_from_db()
    assert (school.calendar_token != old) is (outcome == 302)


def test_calendar_addresses_need_the_secret_only(client, world):
    assert client.get(reverse("schools:calendar_feed", args=["guess"])).status_code == 404
    ok = client.get(reverse("schools:calendar_feed", args=[world["school_a"].calendar_token]))
    assert world["scheduled"].reference.encode() in ok.content
    other = client.get(reverse("schools:calendar_feed", args=[world["school_b"].calendar_token]))
    assert world["scheduled"].reference.encode() not in other.content


@pytest.mark.parametrize(
    ("role", "outcome"),
    list(zip(ROLES, ["login", 200, 200, 403, 403, 403, 403], strict=True)),
)
def test_only_approved_school_staff_can_request_a_session(client, world, role, outcome):
    response = client_for(client, world, role).get(
        reverse("schools:booking_new") + f"?session={world['session'].pk}"
    )
    expect(response, outcome)


@pytest.mark.parametrize(
    ("role", "outcome"),
    list(zip(ROLES, ["login", 403, 403, 403, 200, 200, 403], strict=True)),
)
def test_only_presenters_record_unavailability(client, world, role, outcome):
    expect(client_for(client, world, role).get(reverse("schools:unavailability")), outcome)


def test_dashboards_list_only_the_schools_own_bookings(client, world):
    client.force_login(world["users"]["staff_b"])
    page = client.get(reverse("dashboard")).content.decode()
    assert world["scheduled"].reference not in page
    client.force_login(world["users"]["staff_a"])
    page = client.get(reverse("dashboard")).content.decode()
    assert world["scheduled"].reference in page
    assert world["requested"].reference in page


def test_a_presenter_sees_only_their_own_visits_on_the_dashboard(client, world):
    client.force_login(world["users"]["other_presenter"])
    assert world["scheduled"].reference not in client.get(reverse("dashboard")).content.decode()
    client.force_login(world["users"]["presenter"])
    assert world["scheduled"].reference in client.get(reverse("dashboard")).content.decode()
