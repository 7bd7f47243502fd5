"""Counts that mean what they say: a session is for pupils, school staff or parents
and carers. Pupils reached, schools reached and every pupil figure come from
sessions for pupils only; staff and parents and carers reached are counted apart,
on the page and in every download; only a session for pupils has a pupil code."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cms.models import SessionPage
from schools.models import Booking
from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import feedback as fb
from tests.factories import schools as school_factories
from training.models import DeliveryRegister, FeedbackCode, PupilResponse
from training.services import feedback, reports
from training.services.errors import FeedbackError, TrainingError
from training.services.events import record_delivery_register

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(y, m, d):
    return datetime(y, m, d, 10, tzinfo=LONDON)


def staff_session(**fields):
    return cms_factories.session_page(format=SessionPage.Format.STAFF_TRAINING, **fields)


def parents_session(**fields):
    return cms_factories.session_page(format=SessionPage.Format.PARENT_SESSION, **fields)


def adults(delivery, *, staff=0, parents=0):
    """What the register of a staff or parents' session holds (the factory's pupil
    count stays on it, as on registers taken before sessions had an audience)."""
    DeliveryRegister.objects.filter(delivery=delivery).update(
        staff_present=staff, parents_reached=parents
    )


@pytest.fixture
def county():
    """One assembly for 24 pupils, a staff briefing for 12 staff and a parents'
    evening for 40 parents, each with answers that would swamp the pupil figures."""
    assembly = fb.delivered(start=at(2025, 10, 1), pupils=24)
    fb.pupil_responses(assembly, [(2, 4)] * 12)
    briefing = fb.delivered(start=at(2025, 10, 2), session=staff_session(), pupils=107)
    adults(briefing, staff=12)
    fb.pupil_responses(briefing, [(1, 1)] * 32)
    evening = fb.delivered(start=at(2025, 11, 3), session=parents_session(), pupils=203)
    adults(evening, staff=2, parents=40)
    return assembly, briefing, evening


def test_only_sessions_for_pupils_count_pupils_and_pupil_answers(county):
    report = reports.build_report(reports.Filters(year=2025))
    assert report.deliveries == 3
    assert report.pupils_reached == 24
    assert report.staff_reached == 12  # the staff at the parents' evening are not trained
    assert report.parents_reached == 40
    assert report.pupils.after.n == 12
    assert report.pupils.after.value == 4
    by_title = {row["title"]: row for row in report.sessions}
    briefing = by_title[county[1].booking.session.title]
    assert briefing["pupils_reached"] == 0 and briefing["pupils"].responses == 0
    october, november = report.months[1], report.months[2]
    assert (october["pupils_reached"], october["staff_reached"]) == (24, 12)
    assert (november["pupils_reached"], november["parents_reached"]) == (0, 40)


def test_a_school_with_only_a_staff_briefing_is_not_reached(county):
    report = reports.build_report(reports.Filters(year=2025))
    assert report.schools_reached == 1
    not_reached = {school.pk for school in report.not_reached}
    assert county[1].booking.school_id in not_reached
    assert county[2].booking.school_id in not_reached
    assert county[0].booking.school_id not in not_reached


def xlsx_rows(client, slug):
    url = reverse("training:reports_export", args=[slug, "xlsx"])
    book = load_workbook(io.BytesIO(client.get(url, {"year": 2025}).content))
    rows = list(book.active.iter_rows())
    headers = [c.value for c in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def csv_rows(client, slug):
    url = reverse("training:reports_export", args=[slug, "csv"])
    text = client.get(url, {"year": 2025}).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_downloads_count_each_audience_in_its_own_column(client, county):
    client.force_login(factories.coordinator())
    summary = {r["Figure"].value: r["Value"].value for r in xlsx_rows(client, "summary")}
    assert summary["Pupils reached"] == 24
    assert summary["Staff trained"] == 12
    assert summary["Parents and carers reached"] == 40
    assert all(
        isinstance(summary[k], int)
        for k in ("Pupils reached", "Staff trained", "Parents and carers reached")
    )

    sessions = {r["Session"].value: r for r in xlsx_rows(client, "sessions")}
    briefing = sessions[county[1].booking.session.title]
    assert briefing["Audience"].value == "School staff"
    assert briefing["Staff trained"].value == 12
    assert briefing["Pupils reached"].value is None
    assert briefing["Pupil responses"].value is None
    assert briefing["Confidence after"].value is None
    evening = sessions[county[2].booking.session.title]
    assert evening["Parents and carers reached"].value == 40
    assert evening["Staff trained"].value is None
    assembly = sessions[county[0].booking.session.title]
    assert assembly["Audience"].value == "Pupils"
    assert assembly["Pupils reached"].value == 24
    assert assembly["Pupil responses"].value == 12

    months = {r["Month"]: r for r in csv_rows(client, "months")}
    assert months["2025-10-01"]["Pupils reached"] == "24"
    assert months["2025-10-01"]["Staff trained"] == "12"
    assert months["2025-11-01"]["Parents and carers reached"] == "40"
    assert months["2025-11-01"]["Pupils reached"] == "0"


def test_the_page_names_each_audience(client, county):
    client.force_login(factories.coordinator())
    page = client.get(reverse("training:reports"), {"year": 2025}).text
    assert '<span class="app-stat">24</span> pupils reached' in page
    assert '<span class="app-stat">12</span> staff trained' in page
    assert '<span class="app-stat">40</span> parents and carers reached' in page


# Pupil codes ---------------------------------------------------------------------


def test_a_staff_or_parents_session_gets_no_pupil_code():
    for session in (staff_session(), parents_session()):
        delivery = school_factories.delivery(
            booking_=school_factories.booking(session=session, status=Booking.Status.SCHEDULED)
        )
        feedback.give_feedback_code(type(delivery), delivery=delivery)
        assert not FeedbackCode.objects.filter(delivery=delivery).exists()
        with pytest.raises(FeedbackError) as refused:
            feedback.feedback_code_for(delivery)
        assert refused.value.code == "no_code"


def test_a_presenter_cannot_show_a_code_for_a_staff_session(client):
    presenter = factories.presenter()
    delivery = school_factories.delivery(
        booking_=school_factories.booking(session=staff_session(), status=Booking.Status.SCHEDULED),
        presenters=[presenter],
    )
    client.force_login(presenter)
    response = client.get(reverse("training:show_feedback_code", args=[delivery.pk]))
    assert response.status_code == 403
    assert not FeedbackCode.objects.filter(delivery=delivery).exists()
    dashboard = client.get("/dashboard/").text
    assert reverse("training:show_feedback_code", args=[delivery.pk]) not in dashboard


def test_a_code_made_before_the_session_was_for_staff_no_longer_opens(client):
    delivery = school_factories.delivery(
        booking_=school_factories.booking(status=Booking.Status.SCHEDULED),
        start=datetime.now(tz=LONDON),
    )
    code = feedback.feedback_code_for(delivery).code
    session = delivery.booking.session
    session.format, session.audience = SessionPage.Format.STAFF_TRAINING, "staff"
    session.save()
    response = client.post(reverse("training:feedback"), {"code": code})
    assert "We could not find that code" in response.text
    with pytest.raises(FeedbackError):
        feedback.submit_pupil_feedback(
            delivery, token="t", after_confidence=4, knows_who_to_talk_to="yes"
        )
    assert not PupilResponse.objects.filter(delivery=delivery).exists()


# Registers -----------------------------------------------------------------------


def scheduled(session):
    return school_factories.delivery(
        booking_=school_factories.booking(session=session, status=Booking.Status.SCHEDULED),
        start=at(2025, 10, 1),
    )


def test_a_staff_session_registers_the_staff_who_attended_and_no_pupils():
    delivery = scheduled(staff_session())
    by = delivery.presenters.first()
    with pytest.raises(TrainingError) as refused:
        record_delivery_register(
            delivery,
            counts={delivery.booking.year_groups[0]: 30},
            staff_present=12,
            delivered_at=delivery.start,
            by=by,
        )
    assert refused.value.code == "not_for_pupils"
    with pytest.raises(TrainingError) as refused:
        record_delivery_register(
            delivery, counts={}, staff_present=0, delivered_at=delivery.start, by=by
        )
    assert refused.value.code == "no_staff"
    register = record_delivery_register(
        delivery, counts={}, staff_present=12, delivered_at=delivery.start, by=by
    )
    register.refresh_from_db()
    assert (register.staff_present, register.pupils_reached, register.parents_reached) == (
        12,
        0,
        0,
    )
    assert not register.year_groups.exists()


def test_a_parents_session_registers_the_parents_and_carers(client):
    delivery = scheduled(parents_session())
    presenter = delivery.presenters.first()
    client.force_login(presenter)
    url = reverse("training:delivery_register", args=[delivery.pk])
    form = client.get(url).text
    assert "Parents and carers who attended" in form
    assert "Pupils reached in" not in form
    response = client.post(
        url,
        {
            "delivered_on-day": "1",
            "delivered_on-month": "10",
            "delivered_on-year": "2025",
            "delivered_time": "10:00",
            "staff_present": "2",
            "parents_reached": "",
        },
    )
    assert response.status_code == 400
    assert "Enter the number of parents and carers who attended, or 0" in response.text
    assert not DeliveryRegister.objects.filter(delivery=delivery).exists()
    response = client.post(
        url,
        {
            "delivered_on-day": "1",
            "delivered_on-month": "10",
            "delivered_on-year": "2025",
            "delivered_time": "10:00",
            "staff_present": "2",
            "parents_reached": "38",
        },
    )
    assert response.status_code == 302
    register = DeliveryRegister.objects.get(delivery=delivery)
    assert (register.parents_reached, register.staff_present, register.pupils_reached) == (
        38,
        2,
        0,
    )


def test_a_pupil_session_records_no_parents():
    delivery = scheduled(cms_factories.session_page())
    with pytest.raises(TrainingError) as refused:
        record_delivery_register(
            delivery,
            counts={delivery.booking.year_groups[0]: 30},
            staff_present=2,
            parents_reached=5,
            delivered_at=delivery.start,
            by=delivery.presenters.first(),
        )
    assert refused.value.code == "not_for_parents"


# Teachers' ratings -----------------------------------------------------------------


def test_pupil_engagement_counts_sessions_for_pupils_only(client, county):
    """Every session's teachers rate relevance and quality; only a pupil session's
    ratings of pupils' engagement count (older answers about staff or parents'
    sessions included)."""
    assembly, briefing, evening = county
    for _ in range(10):
        fb.teacher_feedback(delivery=assembly, relevance=4, engagement=2)
        fb.teacher_feedback(delivery=briefing, relevance=4, engagement=5)
    fb.teacher_feedback(delivery=evening, relevance=4, engagement=5)
    report = reports.build_report(reports.Filters(year=2025))
    assert report.teachers.relevance.n == 21
    assert report.teachers.engagement.n == 10
    assert report.teachers.engagement.value == 2
    by_title = {row["title"]: row for row in report.sessions}
    assert by_title[briefing.booking.session.title]["teachers"].engagement.n == 0
    assert by_title[briefing.booking.session.title]["teachers"].relevance.n == 10

    client.force_login(factories.coordinator())
    ratings = {r["Measure"].value: r for r in xlsx_rows(client, "teacher-ratings")}
    engagement = ratings["Pupil engagement (1 to 5)"]
    assert engagement["Responses"].value == 10
    assert engagement["Value"].value == 2
