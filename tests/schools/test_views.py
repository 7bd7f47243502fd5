"""The pages: forms show the rule's message, nothing half-saved, and success leads on."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from portal.date_input import date_data
from schools import services
from schools.models import Booking, SchoolMembership
from tests import factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db(transaction=True)  # emails are sent on commit


def booking_data(school, **overrides):
    data = {
        "school": school.pk,
        "year_groups": ["7", "8"],
        "expected_pupils": "60",
        **date_data("date_1", school_factories.weekday_after(14)),
        "part_1": "am",
        **date_data("date_2", None),
        **date_data("date_3", None),
        "access_needs": "Step-free access to the hall",
        "notes": "",
    }
    data.update(overrides)
    return data


def new_url(session):
    return reverse("schools:booking_new") + f"?session={session.pk}"


def test_requesting_a_session_gives_a_reference_and_an_email(client, staff, school, session_page):
    client.force_login(staff)
    form = client.get(new_url(session_page)).content.decode()
    assert "Year 7" in form and "Year 10" not in form  # only the session's year groups
    response = client.post(new_url(session_page), booking_data(school), follow=True)
    booking = Booking.objects.get()
    assert booking.reference in response.content.decode()
    assert "Step-free access" in response.content.decode()
    assert mail.outbox[0].to == [staff.email]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"expected_pupils": "91"}, "up to 90 pupils"),
        ({"year_groups": ["11"]}, "Select only year groups this session is for"),
        (date_data("date_1", None), "Enter the first preferred date"),
        ({"part_1": ""}, "Select morning or afternoon for the first preferred date"),
        (date_data("date_2", date(2020, 1, 6)) | {"part_2": "pm"}, "must be in the future"),
        ({"date_1-month": "not a month"}, "The first preferred date must be a real date"),
    ],
)
def test_bad_requests_are_explained_on_the_form(
    client, staff, school, session_page, overrides, message
):
    client.force_login(staff)
    response = client.post(new_url(session_page), {**booking_data(school), **overrides})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Booking.objects.exists()


def test_weekend_and_short_notice_are_explained(client, staff, school, session_page):
    client.force_login(staff)
    day = school_factories.weekday_after(14)
    saturday = day + timedelta(days=5 - day.weekday())
    soon = timezone.localdate() + timedelta(days=2)
    while soon.weekday() >= 5:  # a weekday, or the weekend message comes first
        soon += timedelta(days=1)
    page = client.post(
        new_url(session_page),
        booking_data(
            school, **date_data("date_1", saturday), **date_data("date_2", soon), part_2="am"
        ),
    ).content.decode()
    assert f"Schools are closed on {saturday:%A %-d %B %Y} (the weekend)" in page
    assert f"The next open day is {services.next_open_day(saturday, school):%A %-d %B %Y}" in page
    assert "needs 10 school days&#x27; notice" in page


def test_the_form_hint_names_the_earliest_open_day(client, staff, school, session_page):
    client.force_login(staff)
    earliest = services.earliest_date(session_page, school=school)
    page = client.get(new_url(session_page)).content.decode()
    assert f"{earliest:%A %-d %B %Y} or later" in page
    assert services.closure(earliest, school) is None


def test_a_bank_holiday_is_refused_on_the_form(client, staff, school, session_page):
    client.force_login(staff)
    day = services.earliest_date(session_page, school=school)
    while day.weekday() >= 5 or not services.bank_holiday(day):
        day += timedelta(days=1)
    page = client.post(
        new_url(session_page), booking_data(school, **date_data("date_1", day))
    ).content.decode()
    name = services.bank_holiday(day)
    assert f"Schools are closed on {day:%A %-d %B %Y} ({escape(name)}, a bank holiday)" in page
    assert not Booking.objects.exists()


def test_a_coordinator_is_told_in_words_who_was_taken_meanwhile(
    client, staff, school, session_page, coordinator
):
    client.force_login(staff)
    client.post(new_url(session_page), booking_data(school))
    booking = Booking.objects.get()
    person = school_factories.qualified_presenter(session_page)
    client.force_login(coordinator)
    url = reverse("schools:booking_schedule", args=[booking.reference])
    assert escape(person.get_full_name()) in client.get(url).content.decode()
    # Between showing the page and choosing, another visit takes the presenter.
    start, _ = services.slot_times(booking.options.get(), session_page)
    other = school_factories.delivery(presenters=[person], start=start)
    page = client.post(url, {"slot": f"1:{person.pk}"}).content.decode()
    assert "not one of the available choices" not in page
    assert f"{escape(person.get_full_name())} is no longer free on {start:%A %-d %B}" in page
    assert f"(booked for {other.booking.reference}). Choose another presenter or time." in page
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED


def test_a_second_open_request_is_explained(client, staff, school, session_page):
    client.force_login(staff)
    client.post(new_url(session_page), booking_data(school))
    page = client.post(new_url(session_page), booking_data(school)).content.decode()
    assert "already has an open request" in page
    assert Booking.objects.count() == 1


def test_someone_at_two_schools_chooses_which(client, session_page):
    first, second = factories.SchoolFactory(name="First"), factories.SchoolFactory(name="Second")
    person = factories.school_staff(school=first)
    factories.MembershipFactory(user=person, school=second)
    client.force_login(person)
    page = client.get(new_url(session_page)).content.decode()
    assert "Which school is this for?" in page
    client.post(new_url(session_page), booking_data(second))
    assert Booking.objects.get().school == second


def test_unknown_sessions_are_not_found(client, staff):
    client.force_login(staff)
    assert client.get(reverse("schools:booking_new") + "?session=abc").status_code == 404
    assert client.get(reverse("schools:booking_new") + "?session=999999").status_code == 404


@pytest.mark.parametrize("session", ["99999999999999999999", "-5", "0", "\u00b2"])
def test_session_ids_no_database_can_hold_are_not_found(client, staff, session):
    """Not a server error: an id beyond the database's integers is simply not there."""
    client.force_login(staff)
    response = client.get(reverse("schools:booking_new"), {"session": session})
    assert response.status_code == 404


def test_join_search_by_name_postcode_and_urn(client):
    school = factories.SchoolFactory(name="Oakfield Primary", postcode="WS4 2AB", urn=140037)
    factories.SchoolFactory(name="Elsewhere", postcode="XX1 1XX")
    client.force_login(factories.UserFactory())
    for query in ["oakfield", "WS4 2AB", "140037"]:
        page = client.get(reverse("schools:join"), {"q": query}).content.decode()
        assert reverse("schools:join_school", args=[school.urn]) in page
        assert "Elsewhere" not in page


def test_asking_to_join_then_being_approved_by_the_dsl(client, school):
    lead = school_factories.dsl(school)
    person = factories.UserFactory()
    client.force_login(person)
    response = client.post(reverse("schools:join_school", args=[school.urn]), {"role": "teacher"})
    assert response.status_code == 302
    membership = SchoolMembership.objects.get(user=person)
    assert membership.status == "pending"
    assert mail.outbox[-1].to == [lead.email]
    client.force_login(lead)
    client.post(reverse("schools:decide_membership", args=[membership.pk]), {"decision": "approve"})
    membership.refresh_from_db()
    assert membership.status == "approved"
    assert mail.outbox[-1].to == [person.email]


def test_coordinator_schedules_from_the_suggestions(
    client, staff, school, session_page, coordinator
):
    client.force_login(staff)
    client.post(new_url(session_page), booking_data(school))
    booking = Booking.objects.get()
    person = school_factories.qualified_presenter(session_page, job_title="PC")
    busy = school_factories.qualified_presenter(session_page)
    from schools.services import slot_times

    start, _ = slot_times(booking.options.get(), session_page)
    school_factories.delivery(presenters=[busy], start=start)
    client.force_login(coordinator)
    page = client.get(
        reverse("schools:booking_schedule", args=[booking.reference])
    ).content.decode()
    assert escape(person.get_full_name()) in page
    assert escape(busy.get_full_name()) not in page
    response = client.post(
        reverse("schools:booking_schedule", args=[booking.reference]),
        {"slot": f"1:{person.pk}", "place": "Hall"},
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "scheduled"
    client.force_login(staff)
    detail = client.get(
        reverse("schools:booking_detail", args=[booking.reference])
    ).content.decode()
    assert escape(person.get_full_name()) in detail
    assert "Not yet recorded" in detail  # no vetting date yet


def test_school_cancels_with_a_reason(client, staff, school, session_page):
    client.force_login(staff)
    client.post(new_url(session_page), booking_data(school))
    booking = Booking.objects.get()
    url = reverse("schools:booking_cancel", args=[booking.reference])
    assert "Enter the reason" in client.post(url, {"reason": ""}).content.decode()
    client.post(url, {"reason": "Exams moved"})
    booking.refresh_from_db()
    assert (booking.status, booking.status_reason, booking.status_changed_by) == (
        "cancelled",
        "Exams moved",
        staff,
    )


def test_presenter_records_unavailability(client, presenter):
    client.force_login(presenter)
    day = timezone.localdate() + timedelta(days=7)
    client.post(
        reverse("schools:unavailability"),
        {
            **date_data("start", day),
            **date_data("end", day + timedelta(days=2)),
            "reason": "Court",
        },
    )
    entry = presenter.unavailabilities.get()
    assert entry.reason == "Court"
    assert timezone.localtime(entry.start).date() == day
    page = client.post(
        reverse("schools:unavailability"),
        {**date_data("start", day), **date_data("end", day - timedelta(days=1))},
    ).content.decode()
    assert "The last day must be" in page


def test_a_post_with_no_fields_gets_messages_not_a_blank_form(client, school):
    """A client that sends no fields at all (a JSON body, say) is told what is missing."""
    client.force_login(factories.UserFactory())
    response = client.post(
        reverse("schools:join_school", args=[school.urn]), "{}", content_type="application/json"
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert not SchoolMembership.objects.exists()


def test_join_search_with_digits_int_cannot_read(client):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("schools:join"), {"q": "²"})
    assert response.status_code == 200


def test_a_decision_that_is_neither_approve_nor_reject_changes_nothing(client, school):
    lead = school_factories.dsl(school)
    membership = factories.MembershipFactory(school=school, status="pending")
    client.force_login(lead)
    url = reverse("schools:decide_membership", args=[membership.pk])
    for data in ({}, {"decision": "approve "}, {"decision": "yes"}):
        page = client.post(url, data, follow=True)
        assert "Choose approve or reject." in page.text
    membership.refresh_from_db()
    assert membership.status == "pending"


def test_resetting_a_calendar_with_a_school_that_is_not_a_number_is_not_found(client, staff):
    client.force_login(staff)
    for value in (" ", "abc", "1" * 5000):
        response = client.post(reverse("schools:calendar_reset"), {"school": value})
        assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/%00.ics",
        "/calendar/a%00b.ics",
        "/bookings/BK%00/",
        "/bookings/%3Cscript%3E/cancel/",
        "/bookings/" + "A" * 21 + "/",
    ],
)
def test_addresses_with_characters_no_reference_or_token_has_are_not_found(client, staff, path):
    """PostgreSQL refuses to compare text containing NUL: such addresses never reach it."""
    client.force_login(staff)
    assert client.get(path).status_code == 404


def test_a_session_number_too_big_for_the_database_is_not_found(client, staff):
    client.force_login(staff)
    for value in ("9223372036854775808", "9" * 40, "-1", "0"):
        response = client.get(reverse("schools:booking_new") + f"?session={value}")
        assert response.status_code == 404
