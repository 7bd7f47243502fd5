"""A booking changes hands as it does in schools: the school asks, the coordinator
offers another date, the school accepts, the presenter records leave over the visit
(and is warned), and the coordinator puts another presenter in their place."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from schools.models import Booking, DateProposal, DeliveryAssignment, School
from tests import factories
from tests.e2e.conftest import check, fill_date
from tests.factories import cms
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db(transaction=True)


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def test_offer_another_date_accept_leave_clash_and_cover(page, visit, sign_in):
    session = cms.session_page(title="Staying safe online", min_year=5, max_year=8, max_audience=90)
    school = factories.SchoolFactory(name="Oakfield Primary School", phase=School.Phase.PRIMARY)
    teacher = factories.school_staff(school=school, first_name="Hannah", last_name="Wise")
    dan = named(school_factories.qualified_presenter(session), "Dan", "Okafor")
    amy = named(school_factories.qualified_presenter(session), "Amy", "Shaw")
    coordinator = factories.coordinator()
    offered = school_factories.weekday_after(25)

    # The teacher asks for the session.
    sign_in(teacher)
    visit(f"/bookings/new/?session={session.pk}")
    page.get_by_label("Year 6").check()
    page.get_by_label("Expected number of pupils").fill("60")
    fill_date(page, "First preferred date", school_factories.weekday_after(21))
    page.locator("#id_part_1_0").check()
    page.get_by_role("button", name="Send request").click()
    booking = Booking.objects.get()
    page.wait_for_url(f"**/bookings/{booking.reference}/")

    # The coordinator offers a date the school did not list, agreed by phone.
    sign_in(coordinator)
    visit(f"/bookings/{booking.reference}/")
    page.get_by_role("link", name="Choose another date").click()
    page.wait_for_url(f"**/bookings/{booking.reference}/schedule/any/")
    check(page)
    fill_date(page, "Date", offered)
    page.get_by_label("Start time").fill("11:00")
    page.get_by_label("Presenter", exact=True).select_option(label="Dan Okafor")
    page.get_by_label("Message to the school (optional)").fill("As agreed with your office")
    page.get_by_role("button", name="Offer this date to the school").click()
    page.wait_for_url(f"**/bookings/{booking.reference}/")
    check(page)
    assert "Waiting for the school to accept or decline" in page.content()
    assert DateProposal.objects.get().status == DateProposal.Status.PENDING

    # The teacher accepts it.
    sign_in(teacher)
    visit(f"/bookings/{booking.reference}/")
    expect(page.get_by_text("Another date offered")).to_be_visible()
    assert "As agreed with your office" in page.content()
    page.get_by_role("button", name="Accept this date").click()
    page.wait_for_url(f"**/bookings/{booking.reference}/")
    check(page)
    expect(page.get_by_text("the visit is booked")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.SCHEDULED
    assert "Dan Okafor" in page.content()

    # Dan records leave over the visit: warned first, then goes on.
    sign_in(dan)
    visit("/availability/")
    fill_date(page, "First day", offered)
    fill_date(page, "Last day", offered + timedelta(days=1))
    page.get_by_label("Reason (optional)").fill("Annual leave")
    page.get_by_role("button", name="Save").click()
    check(page)
    expect(page.locator("#id_confirm_error")).to_contain_text("You are booked for a visit then")
    page.get_by_label("Record my time off anyway, and tell the coordinators").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/availability/")
    assert DeliveryAssignment.objects.get(presenter=dan).needs_cover

    # The coordinator sees the clash and puts Amy in Dan's place.
    sign_in(coordinator)
    visit("/bookings/requests/")
    assert "Visits needing a new presenter" in page.content()
    page.get_by_role("link", name=f"Replace Dan Okafor on {booking.reference}").click()
    page.wait_for_url(f"**/bookings/{booking.reference}/cover/*/")
    check(page)
    page.get_by_label("Amy Shaw").check()
    page.get_by_role("button", name="Replace and tell everyone").click()
    page.wait_for_url(f"**/bookings/{booking.reference}/")
    check(page)
    expect(page.get_by_text("Amy Shaw now delivers this visit")).to_be_visible()
    assert [a.presenter for a in DeliveryAssignment.objects.all()] == [amy]

    visit("/bookings/requests/")
    assert "Visits needing a new presenter" not in page.content()
