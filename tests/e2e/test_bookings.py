"""A school asks for a session, a coordinator schedules it, and both dashboards show it."""

import pytest
from playwright.sync_api import expect

from schools.models import Booking, School
from tests import factories
from tests.e2e.conftest import check, fill_date
from tests.factories import cms
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_request_schedule_and_see_it_on_both_dashboards(page, visit, sign_in):
    session = cms.session_page(title="Staying safe online", min_year=5, max_year=8, max_audience=90)
    school = factories.SchoolFactory(name="Oakfield Primary School", phase=School.Phase.PRIMARY)
    teacher = factories.school_staff(school=school, first_name="Hannah", last_name="Wise")
    presenter = school_factories.qualified_presenter(session, job_title="PC, schools officer")
    presenter.first_name, presenter.last_name = "Dan", "Okafor"
    presenter.save()
    coordinator = factories.coordinator()

    # The teacher asks for the session.
    sign_in(teacher)
    visit(f"/bookings/new/?session={session.pk}")
    page.get_by_label("Year 6").check()
    page.get_by_label("Expected number of pupils").fill("60")
    fill_date(page, "First preferred date", school_factories.weekday_after(21))
    page.locator("#id_part_1_0").check()
    page.get_by_label("Access needs (optional)").fill("Hearing loop in the hall")
    page.get_by_role("button", name="Send request").click()
    booking = Booking.objects.get()
    page.wait_for_url(f"**/bookings/{booking.reference}/")
    assert "Requested" in page.content()
    check(page)

    # A bad request is explained on the form, accessibly.
    visit(f"/bookings/new/?session={session.pk}")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page)

    # The coordinator schedules it with the one free, qualified presenter.
    sign_in(coordinator)
    visit("/bookings/requests/")
    page.get_by_role("link", name=booking.reference).click()
    page.wait_for_url(f"**/bookings/{booking.reference}/schedule/")
    check(page)
    page.get_by_label("Dan Okafor", exact=False).check()
    page.get_by_label("Where in the school (optional)").fill("Main hall")
    page.get_by_role("button", name="Schedule and tell everyone").click()
    page.wait_for_url("**/bookings/requests/")
    check(page)
    booking.refresh_from_db()
    assert booking.status == "scheduled"

    visit("/dashboard/")
    assert "Oakfield Primary School" in page.content()
    assert "Dan Okafor" in page.content()

    # The teacher sees who is coming.
    sign_in(teacher)
    visit("/dashboard/")
    assert booking.reference in page.content()
    assert "Scheduled" in page.content()
    visit(f"/bookings/{booking.reference}/")
    assert "Dan Okafor" in page.content()
    assert "PC, schools officer" in page.content()

    # And the presenter has it on their dashboard.
    sign_in(presenter)
    visit("/dashboard/")
    assert "Oakfield Primary School" in page.content()
    visit("/availability/")


def test_join_a_school_pages_are_accessible(page, visit, sign_in):
    factories.SchoolFactory(name="Riverside Academy", urn=140123)
    sign_in(factories.UserFactory())
    visit("/schools/join/?q=river")
    page.get_by_role("link", name="Riverside Academy").click()
    check(page)
    page.get_by_label("Teacher").check()
    page.get_by_role("button", name="Ask to join").click()
    page.wait_for_url("**/dashboard/")
    check(page)
