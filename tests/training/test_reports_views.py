"""Who sees which figures, the exports, and a query count that does not grow with data."""

import csv
import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.factories import feedback as fb
from training.models import PupilResponse, TeacherFeedback

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
REPORTS = reverse("training:reports")


def at(y, m, d):
    return datetime(y, m, d, 10, tzinfo=LONDON)


def export_url(slug, fmt):
    return reverse("training:reports_export", args=[slug, fmt])


@pytest.mark.parametrize("who", ["presenter", "school_staff", "newcomer"])
def test_reports_and_exports_are_for_coordinators_only(client, who):
    user = {
        "presenter": factories.presenter,
        "school_staff": factories.school_staff,
        "newcomer": factories.UserFactory,
    }[who]()
    client.force_login(user)
    assert client.get(REPORTS).status_code == 403
    assert client.get(export_url("summary", "csv")).status_code == 403


def test_anonymous_people_are_sent_to_sign_in(client):
    assert client.get(REPORTS).status_code == 302
    assert client.get(export_url("summary", "csv")).status_code == 302


def test_coordinator_sees_the_dashboard_with_suppressed_small_groups(client):
    d = fb.delivered(start=at(2025, 10, 1), pupils=28)
    fb.pupil_responses(d, [(2, 4)] * 9)
    client.force_login(factories.coordinator())
    page = client.get(REPORTS, {"year": 2025})
    assert page.status_code == 200
    assert "Effectiveness dashboard" in page.text
    assert "fewer than 10 responses" in page.text
    assert "28" in page.text


def test_bad_filter_values_show_a_message_not_an_error(client):
    client.force_login(factories.coordinator())
    page = client.get(REPORTS, {"year": "1900", "district": "abc"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.text


@pytest.mark.parametrize("session", ["9223372036854775808", "9" * 40, "-1", "1e3"])
def test_a_session_id_too_big_for_the_database_is_not_a_choice(client, session):
    """Session pages' ids are a one-to-one link, which Django does not range-check:
    a huge number crashed the database driver instead of failing validation."""
    client.force_login(factories.coordinator())
    page = client.get(REPORTS, {"session": session})
    assert page.status_code == 200
    assert "Select a valid choice" in page.text
    assert client.get(export_url("summary", "csv"), {"session": session}).status_code == 200


def test_csv_and_xlsx_exports_follow_the_filters_and_suppression(client):
    d = fb.delivered(start=at(2025, 10, 1))
    fb.pupil_responses(d, [(2, 4)] * 12)
    fb.delivered(start=at(2025, 10, 2), pupils=5)  # another district
    client.force_login(factories.coordinator())
    query = {"year": 2025, "district": d.booking.school.district_id}

    response = client.get(export_url("summary", "csv"), query)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="reports-2025-summary.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Figure", "Value"]
    assert ["Deliveries", "1"] in rows and ["Pupils reached", "30"] in rows

    response = client.get(export_url("pupil-confidence", "xlsx"), query)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Measure", "Value", "95% interval", "Responses"]
    assert values[2][:2] == ["Confidence after (1 to 5)", "4.00"]

    fb.pupil_responses(d, [])  # nothing added
    PupilResponse.objects.filter(pk__in=PupilResponse.objects.values("pk")[:3]).delete()
    response = client.get(export_url("pupil-confidence", "csv"), query)
    assert "fewer than 10 responses" in response.content.decode()
    assert "4.00" not in response.content.decode()


def test_unknown_tables_and_formats_are_not_found(client):
    client.force_login(factories.coordinator())
    assert client.get(export_url("nothing", "csv")).status_code == 404
    assert client.get(export_url("summary", "pdf")).status_code == 404


def test_school_staff_see_only_their_own_schools_figures(client):
    mine = fb.delivered(start=at(2025, 10, 1), pupils=31)
    theirs = fb.delivered(start=at(2025, 10, 1), pupils=77)
    staff = factories.school_staff(school=mine.booking.school)
    client.force_login(staff)
    own = reverse("training:school_reports", args=[mine.booking.school.pk])
    other = reverse("training:school_reports", args=[theirs.booking.school.pk])
    page = client.get(own, {"year": 2025})
    assert page.status_code == 200
    # Numbers shown as text in the page's main content (not ids or tokens in attributes).
    main = re.sub(r"<[^>]+>", " ", page.text.split('id="main-content"', 1)[1])
    shown = re.findall(r"\d+", main)
    assert "31" in shown and "77" not in shown
    assert theirs.booking.school.name not in page.text
    assert client.get(other).status_code == 403
    own_export = reverse(
        "training:school_reports_export", args=[mine.booking.school.pk, "summary", "csv"]
    )
    other_export = reverse(
        "training:school_reports_export", args=[theirs.booking.school.pk, "summary", "csv"]
    )
    assert ["Pupils reached", "31"] in list(
        csv.reader(io.StringIO(client.get(own_export, {"year": 2025}).content.decode("utf-8-sig")))
    )
    assert client.get(other_export).status_code == 403
    # Schools never get the county-wide tables.
    assert (
        client.get(
            reverse(
                "training:school_reports_export",
                args=[mine.booking.school.pk, "not-reached", "csv"],
            )
        ).status_code
        == 404
    )


def test_pending_staff_cannot_see_school_figures(client):
    d = fb.delivered(start=at(2025, 10, 1))
    pending = factories.school_staff(school=d.booking.school, status="pending")
    client.force_login(pending)
    assert (
        client.get(reverse("training:school_reports", args=[d.booking.school.pk])).status_code
        == 403
    )


def test_school_page_suppresses_small_groups(client):
    d = fb.delivered(start=at(2025, 10, 1))
    for _ in range(4):
        fb.teacher_feedback(delivery=d, quality=5)
    client.force_login(factories.school_staff(school=d.booking.school))
    page = client.get(
        reverse("training:school_reports", args=[d.booking.school.pk]), {"year": 2025}
    )
    assert "fewer than 5 responses" in page.text


def _count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(REPORTS, {"year": 2025}).status_code == 200
    return len(queries)


def test_reports_query_count_is_the_same_with_10_and_10000_responses(client):
    client.force_login(factories.coordinator())
    deliveries = [fb.delivered(start=at(2025, 9 + i, 5)) for i in range(3)]
    fb.pupil_responses(deliveries[0], [(2, 4)] * 10)
    fb.teacher_feedback(delivery=deliveries[0])
    _count_queries(client)  # warm caches (content types, site settings)
    few = _count_queries(client)

    for d in deliveries:
        PupilResponse.objects.bulk_create(
            PupilResponse(
                delivery=d,
                before_confidence=1 + i % 5,
                after_confidence=1 + (i * 3) % 5,
                knows_who_to_talk_to="yes" if i % 3 else "no",
            )
            for i in range(3330)
        )
    TeacherFeedback.objects.bulk_create(
        TeacherFeedback(
            delivery=deliveries[1],
            user=factories.UserFactory(),
            relevance=4,
            quality=3,
            engagement=5,
            would_recommend=True,
        )
        for _ in range(20)
    )
    assert PupilResponse.objects.count() == 10_000
    many = _count_queries(client)
    assert many == few
