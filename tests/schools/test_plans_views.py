"""The term plan's pages: only coordinators plan; the form explains bad input at the
field; the plan shows its progress (reloading itself without JavaScript), then its
visits, what it left out and its coverage; a school's DSL answers an offer on a
page of their own; a presenter sets their working pattern."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from portal.date_input import date_data
from schools import services
from schools.models import Booking, PlannedVisit, TermPlan
from schools.services import plans
from tests import factories
from tests.factories import plans as plan_factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(settings):
    settings.SCHOOLS_PLANNER_SOLVER = "tests.factories.plans.fake_solve"
    return plan_factories.tiny_county()


def _form(county, **overrides):
    data = {
        **date_data("first_day", county.first_day),
        **date_data("last_day", county.last_day),
        "aim_1_session": str(county.session.pk),
        "aim_1_year": "9",
        "aim_1_districts": [str(county.district.pk)],
        "aim_1_weight": "2",
        "aim_2_weight": "1",
        "aim_3_weight": "1",
    }
    data.update(overrides)
    return data


def _plan(client, county, on_commit):
    client.force_login(county.coordinator)
    with on_commit():
        response = client.post(reverse("schools:plan_new"), _form(county))
    assert response.status_code == 302
    return TermPlan.objects.get()


def test_only_coordinators_reach_the_planner(client, county):
    plan = TermPlan.objects.create(first_day=county.first_day, last_day=county.last_day)
    urls = [
        reverse("schools:plan_list"),
        reverse("schools:plan_new"),
        reverse("schools:plan_detail", args=[plan.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to sign in
    for person in (county.presenter, next(iter(county.dsls.values()))):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403
        assert client.post(reverse("schools:plan_send", args=[plan.pk])).status_code == 403
    client.force_login(county.coordinator)
    for url in urls:
        assert client.get(url).status_code == 200


def test_a_coordinator_plans_a_term_and_sees_visits_totals_and_coverage(client, county, on_commit):
    plan = _plan(client, county, on_commit)
    assert plan.status == TermPlan.Status.READY
    assert plan.aims[0]["weight"] == 2
    response = client.get(reverse("schools:plan_detail", args=[plan.pk]))
    assert "Refresh" not in response.headers
    page = response.content.decode()
    for school in county.schools:
        assert escape(school.name) in page
    assert "Dana Reid" in page
    assert "Coverage of the aims" in page
    assert "Send 3 offers to schools" in page
    assert f"{county.first_day:%A %-d %B %Y}" in page


def test_a_plan_being_worked_out_reloads_itself(client, county):
    plan = TermPlan.objects.create(
        first_day=county.first_day,
        last_day=county.last_day,
        status=TermPlan.Status.SOLVING,
        progress=40,
    )
    client.force_login(county.coordinator)
    response = client.get(reverse("schools:plan_detail", args=[plan.pk]))
    assert response["Refresh"] == "3"
    assert 'value="40"' in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"aim_1_session": ""}, "Choose a session for at least one aim"),
        ({"aim_1_year": ""}, "Choose a year group for aim 1"),
        ({"aim_1_year": "3"}, "is for Year 8 to Year 10"),
    ],
)
def test_bad_aims_are_explained_and_nothing_is_saved(client, county, overrides, message):
    client.force_login(county.coordinator)
    response = client.post(reverse("schools:plan_new"), _form(county, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert TermPlan.objects.count() == 0


def test_a_term_that_ends_before_it_starts_is_explained(client, county):
    client.force_login(county.coordinator)
    data = _form(county, **date_data("last_day", county.first_day.replace(day=1)))
    data.update(date_data("first_day", county.last_day))
    page = client.post(reverse("schools:plan_new"), data).content.decode()
    assert "The last day must be on or after the first day." in page
    assert TermPlan.objects.count() == 0


def test_the_coordinator_locks_removes_and_sends(client, county, on_commit):
    plan = _plan(client, county, on_commit)
    first, second, _ = plan.visits.order_by("day")
    url = reverse("schools:plan_visit_change", args=[plan.pk, first.pk, "remove"])
    client.post(url)
    client.post(reverse("schools:plan_visit_change", args=[plan.pk, second.pk, "lock"]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.removed and second.locked
    mail.outbox.clear()
    with on_commit():
        response = client.post(reverse("schools:plan_send", args=[plan.pk]), follow=True)
    assert "2 offers sent" in response.content.decode()
    assert Booking.objects.count() == 2
    assert len(mail.outbox) == 2
    assert client.post(url).status_code == 302  # too late now: refused with a message
    first.refresh_from_db()
    assert first.removed and first.offer_state == PlannedVisit.OfferState.NOT_SENT


@pytest.fixture
def offered(client, county, on_commit):
    plan = _plan(client, county, on_commit)
    with on_commit():
        plans.send_offers(plan, by=county.coordinator)
    visit = plan.visits.select_related("booking").first()
    return visit, county.dsls[visit.school_id]


def test_the_dsl_accepts_on_the_offer_page(client, county, offered, on_commit):
    visit, dsl = offered
    url = reverse("schools:offer", args=[visit.booking.reference])
    client.force_login(dsl)
    page = client.get(url).content.decode()
    assert "Accept this date" in page and "Dana Reid" in page
    with on_commit():
        response = client.post(url, {"answer": "accept"}, follow=True)
    assert "Visit booked" in response.content.decode()
    visit.booking.refresh_from_db()
    assert visit.booking.status == Booking.Status.SCHEDULED


def test_asking_for_another_date_without_a_reason_is_explained(client, offered):
    visit, dsl = offered
    client.force_login(dsl)
    url = reverse("schools:offer", args=[visit.booking.reference])
    page = client.post(url, {"answer": "another_date", "reason": ""}).content.decode()
    assert "Say why the date does not suit" in page
    visit.refresh_from_db()
    assert visit.offer_state == PlannedVisit.OfferState.SENT


def test_a_clash_is_explained_on_the_offer_page(client, county, offered, on_commit):
    visit, dsl = offered
    other = school_factories.booking(school=county.far_school, session=county.session)
    other_start = visit.booking.proposals.get().start
    services.schedule_delivery(
        other, by=county.coordinator, presenters=[county.presenter], start=other_start
    )
    client.force_login(dsl)
    url = reverse("schools:offer", args=[visit.booking.reference])
    page = client.post(url, {"answer": "accept"}).content.decode()
    assert "has since been booked elsewhere" in page
    assert "Send your answer" not in page


def test_other_staff_cannot_answer(client, county, offered):
    visit, _ = offered
    teacher = factories.school_staff(school=visit.school)
    client.force_login(teacher)
    url = reverse("schools:offer", args=[visit.booking.reference])
    assert "Send your answer" not in client.get(url).content.decode()
    assert client.post(url, {"answer": "accept"}).status_code == 403
    client.force_login(county.dsls[county.far_school.pk])
    assert client.get(url).status_code == 404


def test_a_presenter_sets_their_working_pattern(client, county):
    client.force_login(county.presenter)
    url = reverse("schools:working_pattern")
    assert "Monday" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "working_weekdays": ["1", "3"],
            "daily_max_visits": "3",
            "base_district": str(county.other_district.pk),
        },
    )
    assert response.status_code == 302
    profile = county.presenter.presenter_profile
    profile.refresh_from_db()
    assert (profile.working_weekdays, profile.daily_max_visits) == ([1, 3], 3)
    assert profile.base_district == county.other_district
    page = client.post(url, {"daily_max_visits": "2"}).content.decode()
    assert "Choose at least one working day" in page
