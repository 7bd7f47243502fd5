"""Coordinators find schools, staff, bookings and presenters in the Wagtail admin."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from schools import services
from schools.models import School
from tests import factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_schools_filter_by_district_phase_and_open(admin_client):
    north = factories.DistrictFactory(name="North")
    factories.SchoolFactory(name="Match Primary", district=north, phase="primary")
    factories.SchoolFactory(name="Closed Primary", district=north, phase="primary", is_open=False)
    factories.SchoolFactory(name="Other Secondary", district=north, phase="secondary")
    factories.SchoolFactory(name="Elsewhere Primary", phase="primary")
    response = admin_client.get(
        reverse("school_records:index"),
        {"district": north.pk, "phase": "primary", "is_open": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Match Primary" in page
    for name in ["Closed Primary", "Other Secondary", "Elsewhere Primary"]:
        assert name not in page


def test_schools_export_to_a_spreadsheet(admin_client):
    factories.SchoolFactory(name="Exported School", urn=123456)
    response = admin_client.get(reverse("school_records:index"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("URN", "Name")
    assert (123456, "Exported School") in [row[:2] for row in rows[1:]]


def test_booking_history_shows_each_change(admin_client, coordinator, staff, school):
    from tests.factories import cms

    session = cms.session_page(min_year=7, max_year=9)
    booking = services.request_booking(
        user=staff,
        school=school,
        session=session,
        details=services.RequestDetails(
            year_groups=[7],
            expected_pupils=20,
            options=[(school_factories.weekday_after(14), "am")],
        ),
    )
    services.decline_booking(booking, by=coordinator, reason="No presenter free")
    page = admin_client.get(reverse("bookings:history", args=[booking.pk])).content.decode()
    assert "Booking requested" in page
    assert "Booking declined" in page


def test_bookings_are_read_only_in_the_admin(admin_client):
    booking = school_factories.booking()
    assert admin_client.get(reverse("bookings:index")).status_code == 200
    assert admin_client.get(reverse("bookings:edit", args=[booking.pk])).status_code in (302, 403)


def test_vetting_date_records_who_confirmed_it(admin_client, coordinator):
    profile = school_factories.presenter_profile(job_title="PC")
    url = reverse("presenters:edit", args=[profile.pk])
    response = admin_client.post(
        url,
        {
            "user": profile.user.pk,
            "job_title": "PC",
            "vetting_confirmed_on": "2026-09-01",
            "working_weekdays": ["0", "1", "3"],
            "daily_max_visits": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile.refresh_from_db()
    assert str(profile.vetting_confirmed_on) == "2026-09-01"
    assert profile.vetting_confirmed_by == coordinator
    # The working pattern the term planner keeps to is set here too.
    assert (profile.working_weekdays, profile.daily_max_visits) == ([0, 1, 3], 3)


ONE_LINE = "Enter this on one line, without line breaks, tabs or other special characters."


@pytest.mark.parametrize("value", ["PC\r\nBcc: all@example.com", "PC\u2028schools officer"])
def test_a_job_title_on_several_lines_is_refused_at_the_field(admin_client, value):
    """The job title goes into emails and calendar invitations to schools."""
    profile = school_factories.presenter_profile(job_title="PC")
    url = reverse("presenters:edit", args=[profile.pk])
    response = admin_client.post(url, {"user": profile.user.pk, "job_title": value})
    assert response.status_code == 200
    assert response.context["form"].errors["job_title"] == [ONE_LINE]
    assert ONE_LINE in response.text
    profile.refresh_from_db()
    assert profile.job_title == "PC"


def test_a_closed_days_name_on_several_lines_is_refused_at_the_field(admin_client):
    response = admin_client.post(
        reverse("closed_days:add"),
        {
            "name": "Half\nterm",
            "kind": "holiday",
            "first_day": "2027-02-15",
            "last_day": "2027-02-19",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [ONE_LINE]


def test_school_staff_cannot_open_the_admin(client, staff):
    client.force_login(staff)
    response = client.get(reverse("school_records:index"))
    assert response.status_code in (302, 403)
    assert not School.objects.none().exists()
