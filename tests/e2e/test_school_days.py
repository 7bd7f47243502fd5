"""A school adds its own INSET day; a request for that day is then refused on the form,
which names the next day the school is open, and that day is accepted."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from schools import services
from schools.models import Booking, ClosedDays, School
from tests import factories
from tests.e2e.conftest import check, fill_date
from tests.factories import cms
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_school_adds_an_inset_day_and_a_request_for_it_is_refused(page, visit, sign_in):
    session = cms.session_page(title="Staying safe online", min_year=5, max_year=8)
    school = factories.SchoolFactory(name="Oakfield Primary School", phase=School.Phase.PRIMARY)
    teacher = factories.school_staff(school=school, first_name="Hannah", last_name="Wise")
    inset = school_factories.weekday_after(21)
    next_open = services.next_open_day(inset + timedelta(days=1))

    # The teacher adds the school's INSET day from the dashboard.
    sign_in(teacher)
    visit("/dashboard/")
    page.get_by_role("link", name="INSET days and closures at Oakfield Primary School").click()
    page.wait_for_url(f"**/schools/{school.urn}/closed-days/")
    check(page)
    fill_date(page, "First day", inset)
    page.get_by_label("What it is (optional)").fill("INSET day: safeguarding training")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Added. No visit can be booked on")).to_be_visible()
    check(page)
    row = ClosedDays.objects.get()
    assert (row.school, row.first_day, row.last_day) == (school, inset, inset)
    assert "INSET day: safeguarding training" in page.locator("table").inner_text()

    # A request for that day is refused at the date, with the next open day offered.
    visit(f"/bookings/new/?session={session.pk}")
    page.get_by_label("Year 6").check()
    page.get_by_label("Expected number of pupils").fill("30")
    fill_date(page, "First preferred date", inset)
    page.locator("#id_part_1_0").check()
    page.get_by_role("button", name="Send request").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expected = (
        f"Schools are closed on {inset:%A %-d %B %Y} (INSET day: safeguarding training). "
        f"The next open day is {next_open:%A %-d %B %Y}."
    )
    expect(summary).to_contain_text(expected)
    expect(page.locator(".govuk-error-message").first).to_contain_text(expected)
    check(page)
    assert not Booking.objects.exists()

    # The day offered is taken.
    fill_date(page, "First preferred date", next_open)
    page.get_by_role("button", name="Send request").click()
    booking = Booking.objects.get()
    page.wait_for_url(f"**/bookings/{booking.reference}/")
    assert booking.options.get().date == next_open
    check(page)
