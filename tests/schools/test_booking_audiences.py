"""A session for school staff or for parents and carers asks for how many are
expected and never for year groups, on the request form, the edit form, the
booking page and the admin; a pupil session still needs its year groups."""

import pytest
from django.urls import reverse

from cms.models import SessionPage
from portal.date_input import date_data
from schools import services
from schools.models import Booking, BookingOption
from tests.factories import cms as cms_factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db

AM = BookingOption.PartOfDay.MORNING
ADULT_FORMATS = [
    (SessionPage.Format.STAFF_TRAINING, "staff"),
    (SessionPage.Format.PARENT_SESSION, "parents and carers"),
]


def adult_session(session_format):
    return cms_factories.session_page(
        format=session_format, min_year=7, max_year=9, max_audience=50, minimum_notice_days=10
    )


def request_data(school, **overrides):
    return {
        "school": school.pk,
        "expected_pupils": "25",
        **date_data("date_1", school_factories.weekday_after(14)),
        "part_1": "am",
        **date_data("date_2", None),
        **date_data("date_3", None),
        "access_needs": "",
        "notes": "",
        **overrides,
    }


def new_url(session):
    return reverse("schools:booking_new") + f"?session={session.pk}"


@pytest.mark.parametrize(("session_format", "noun"), ADULT_FORMATS)
def test_the_request_form_asks_how_many_adults_and_no_year_groups(
    client, staff, school, session_format, noun
):
    session = adult_session(session_format)
    client.force_login(staff)
    form = client.get(new_url(session)).text
    assert "Year groups" not in form and "Year 7" not in form
    assert f"Expected number of {noun}" in form
    assert "Expected number of pupils" not in form
    assert f"up to 50 {noun}" in form

    response = client.post(new_url(session), request_data(school), follow=True)
    booking = Booking.objects.get()
    assert (booking.year_groups, booking.expected_pupils) == ([], 25)
    page = response.text
    assert f"Expected number of {noun}</dt>" in page
    assert "Year groups</dt>" not in page


@pytest.mark.parametrize(("session_format", "noun"), ADULT_FORMATS)
def test_too_many_adults_is_explained_in_their_words(client, staff, school, session_format, noun):
    session = adult_session(session_format)
    client.force_login(staff)
    response = client.post(new_url(session), request_data(school, expected_pupils="51"))
    assert f"This session is for up to 50 {noun} at a time." in response.text
    missing = client.post(new_url(session), request_data(school, expected_pupils=""))
    assert f"Enter the expected number of {noun}" in missing.text
    assert not Booking.objects.exists()


def test_the_edit_form_of_a_staff_session_has_no_year_groups(client, staff, school):
    session = adult_session(SessionPage.Format.STAFF_TRAINING)
    booking = services.request_booking(
        user=staff,
        school=school,
        session=session,
        details=services.RequestDetails(
            expected_pupils=20, options=[(school_factories.weekday_after(14), AM)]
        ),
    )
    client.force_login(staff)
    url = reverse("schools:booking_edit", args=[booking.reference])
    form = client.get(url).text
    assert "Year groups" not in form
    assert "Expected number of staff" in form and 'value="20"' in form
    response = client.post(url, request_data(school, expected_pupils="35"))
    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.year_groups, booking.expected_pupils) == ([], 35)


def test_the_service_keeps_no_year_groups_for_a_parents_session(staff, school):
    booking = services.request_booking(
        user=staff,
        school=school,
        session=adult_session(SessionPage.Format.PARENT_SESSION),
        details=services.RequestDetails(
            year_groups=[7, 8],
            expected_pupils=40,
            options=[(school_factories.weekday_after(14), AM)],
        ),
    )
    booking.refresh_from_db()
    assert booking.year_groups == []
    assert booking.expected_audience == "40 parents and carers"


def test_a_pupil_session_without_year_groups_is_refused_at_the_field(staff, school, session_page):
    with pytest.raises(services.BookingError) as refused:
        services.request_booking(
            user=staff,
            school=school,
            session=session_page,
            details=services.RequestDetails(
                year_groups=[],
                expected_pupils=30,
                options=[(school_factories.weekday_after(14), AM)],
            ),
        )
    assert refused.value.field == "year_groups"
    assert refused.value.code == "bad_year_groups"
    assert not Booking.objects.exists()


def test_a_pupil_session_still_asks_for_year_groups(client, staff, school, session_page):
    client.force_login(staff)
    form = client.get(new_url(session_page)).text
    assert "Year groups" in form and "Expected number of pupils" in form
    response = client.post(new_url(session_page), request_data(school))
    assert "Select the year groups who will see the session" in response.text
    assert not Booking.objects.exists()


def test_the_admin_shows_a_staff_booking_without_year_groups(client, staff, school, coordinator):
    booking = services.request_booking(
        user=staff,
        school=school,
        session=adult_session(SessionPage.Format.STAFF_TRAINING),
        details=services.RequestDetails(
            expected_pupils=20, options=[(school_factories.weekday_after(14), AM)]
        ),
    )
    client.force_login(coordinator)
    page = client.get(reverse("bookings:inspect", args=[booking.pk])).text
    assert "20 staff" in page
    assert "Year groups" not in page
