"""People can download their own data and close their account."""

import json

import pytest
from django.contrib.auth import get_user_model

from schools.models import SchoolMembership
from tests import factories

pytestmark = pytest.mark.django_db


def test_download_holds_the_person_s_own_data_only(client, staff, school):
    other = factories.school_staff(school=school)
    client.force_login(staff)
    response = client.get("/account/your-data/")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == staff.email
    assert data["school_memberships"][0]["urn"] == school.urn
    assert other.email not in response.text


def test_closing_needs_the_password(client, staff):
    client.force_login(staff)
    response = client.post("/account/close/", {"password": "not-mine"})
    assert response.status_code == 200
    assert "The password is not correct." in response.text
    staff.refresh_from_db()
    assert staff.is_active


def test_closing_removes_name_email_and_sign_in_and_ends_memberships(client, staff):
    email = staff.email
    client.post("/accounts/login/", {"login": email, "password": factories.PASSWORD})
    other_device = type(client)()
    other_device.post("/accounts/login/", {"login": email, "password": factories.PASSWORD})

    response = client.post("/account/close/", {"password": factories.PASSWORD})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert not staff.is_active
    assert (staff.first_name, staff.last_name) == ("", "")
    assert email not in staff.email
    assert not staff.emailaddress_set.exists()
    assert staff.school_memberships.get().status == SchoolMembership.Status.LEFT
    assert other_device.get("/dashboard/").status_code == 302
    assert not get_user_model().objects.filter(email=email).exists()
    # The address can be used again for a new account.
    response = client.post("/accounts/login/", {"login": email, "password": factories.PASSWORD})
    assert client.get("/dashboard/").status_code == 302


def _download(client, user):
    client.force_login(user)
    response = client.get("/account/your-data/")
    assert response.status_code == 200
    return json.loads(response.content)


def test_download_holds_the_staff_member_s_bookings_training_feedback_and_certificates(
    client, staff, school, coordinator
):
    from tests.factories import certificates as cf
    from tests.factories import feedback as ff
    from tests.factories import schools as sf

    mine = sf.booking(school=school, requested_by=staff, access_needs="Step-free hall, please")
    theirs = sf.booking(school=school, notes="A colleague's note")
    visit = ff.delivered(school=school)
    ff.teacher_feedback(delivery=visit, user=staff, comments="Year 9 asked for more")
    ff.teacher_feedback(delivery=visit, comments="Someone else's comment")
    certificate = cf.training_certificate(cf.attendee(user=staff), by=coordinator, with_pdf=False)
    cf.training_certificate(by=coordinator, with_pdf=False)

    data = _download(client, staff)

    assert [b["reference"] for b in data["booking_requests"]] == [mine.reference]
    assert data["booking_requests"][0]["access_needs"] == "Step-free hall, please"
    [registration] = data["training_registrations"]
    assert registration["course"] == certificate.title
    assert registration["attendance"] == "Attended"
    [held] = data["certificates"]
    assert held["number"] == certificate.number
    assert held["check_address"].endswith(certificate.get_verify_url())
    [given] = data["feedback_you_gave"]
    assert given["comments"] == "Year 9 asked for more"
    assert visit.booking.reference in given["about"]
    text = json.dumps(data)
    assert theirs.reference not in text
    assert "Someone else's comment" not in text
    assert "presenter_profile" not in data and "time_off" not in data


def test_download_holds_a_presenter_s_profile_time_off_and_visits(client, presenter):
    from datetime import timedelta

    from django.utils import timezone

    from schools.models import Unavailability
    from tests.factories import cms as cmsf
    from tests.factories import schools as sf

    session = cmsf.session_page(title="Staying safe online")
    profile = sf.presenter_profile(user=presenter, sessions=[session], job_title="PC")
    start = timezone.now() + timedelta(days=3)
    Unavailability.objects.create(
        presenter=presenter, start=start, end=start + timedelta(days=1), reason="Court day"
    )
    visit = sf.delivery(presenters=[presenter])

    data = _download(client, presenter)

    assert data["presenter_profile"]["job_title"] == "PC"
    assert data["presenter_profile"]["sessions_you_may_deliver"] == ["Staying safe online"]
    assert profile.calendar_token not in json.dumps(data)
    assert [t["reason"] for t in data["time_off"]] == ["Court day"]
    assert [v["reference"] for v in data["visits_you_presented"]] == [visit.booking.reference]


def test_download_lists_signed_in_sessions_and_changes_made(client, staff):
    from schools.services import request_membership

    other_school = factories.SchoolFactory(name="Lowfield Academy")
    request_membership(user=staff, school=other_school, role="teacher")
    client.post("/accounts/login/", {"login": staff.email, "password": factories.PASSWORD})

    data = json.loads(client.get("/account/your-data/").content)

    [session] = data["signed_in_sessions"]
    assert session["ip_address"] == "127.0.0.1"
    assert {"action": "schools.membership.requested", "record": "school membership"} in [
        {k: c[k] for k in ("action", "record")} for c in data["changes_you_made"]
    ]
