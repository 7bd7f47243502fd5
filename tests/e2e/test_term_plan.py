"""A term planned as a coordinator does it: a tiny county planned by the real solver,
one visit removed and one locked, the offers sent; a school's DSL accepts from the
link in the email; the visit is on the presenter's calendar page."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail

from schools.models import Booking, PlannedVisit, TermPlan
from tests.e2e.conftest import check, fill_date
from tests.factories import plans as plan_factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_plan_adjust_send_accept_and_the_presenter_sees_it(page, visit, sign_in, settings):
    pytest.importorskip("schools.planner.solve")
    settings.SCHOOLS_PLANNER_TIME_LIMIT_SECONDS = 5
    county = plan_factories.tiny_county(schools=3)
    first, second, third = county.schools

    # The coordinator chooses the term and one aim: Year 9 across Fenwick Moor.
    sign_in(county.coordinator)
    visit("/dashboard/")
    page.get_by_role("link", name="Plan a term").click()
    page.wait_for_url("**/plans/")
    check(page)
    page.get_by_role("link", name="Plan a term").click()
    page.wait_for_url("**/plans/new/")
    check(page)
    fill_date(page, "First day of term", county.first_day)
    fill_date(page, "Last day of term", county.last_day)
    aim = page.get_by_role("group", name="Aim 1", exact=True)
    aim.get_by_label("Session").select_option(label=f"{county.session.title} (Year 8 to Year 10)")
    aim.get_by_label("Year group").select_option(label="Year 9")
    aim.get_by_label("Fenwick Moor").check()
    aim.get_by_label("How much it matters").select_option(label="Priority")
    page.get_by_role("button", name="Plan the term").click()
    plan = TermPlan.objects.get()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    page.wait_for_selector("text=Visits by date", timeout=120_000)  # the page reloads itself
    check(page)
    for school in county.schools:
        assert school.name in page.content()

    # One school is removed, another locked; then the offers go.
    page.get_by_role("button", name=f"Remove the visit to {first.name}").click()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    check(page)
    page.get_by_role("button", name=f"Lock the visit to {second.name}").click()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    assert PlannedVisit.objects.get(school=first).removed
    assert PlannedVisit.objects.get(school=second).locked
    mail.outbox.clear()
    page.get_by_role("button", name="Send 2 offers to schools").click()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    check(page)
    assert "2 offers sent" in page.content()

    # The second school's DSL follows the link in the email and accepts.
    dsl = county.dsls[second.pk]
    [email] = [m for m in mail.outbox if dsl.email in m.to]
    link = re.search(r"https?://\S+/offer/", email.body).group(0)
    sign_in(dsl)
    visit(urlparse(link).path)
    page.get_by_label("Accept this date").check()
    page.get_by_role("button", name="Send your answer").click()
    booking = PlannedVisit.objects.get(school=second).booking
    page.wait_for_url(f"**/bookings/{booking.reference}/")
    check(page)
    assert "Visit booked" in page.content()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.SCHEDULED

    # The visit is on the presenter's calendar page.
    sign_in(county.presenter)
    visit("/dashboard/")
    assert second.name in page.content()
    assert third.name not in page.content()
