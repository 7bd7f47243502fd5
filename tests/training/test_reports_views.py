"""Who sees which figures, the exports, and a query count that does not grow with data."""

import csv
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import feedback as fb
from tests.factories import training as tf
from training.models import PupilResponse, TeacherFeedback
from training.services import reports
from training.services.feedback import rebuild_feedback_totals, refresh_feedback_totals

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
    assert "Select an academic year from the list" in page.text


@pytest.mark.parametrize("session", ["9223372036854775808", "9" * 40, "-1", "1e3"])
def test_a_session_id_too_big_for_the_database_is_not_a_choice(client, session):
    """Session pages' ids are a one-to-one link, which Django does not range-check:
    a huge number crashed the database driver instead of failing validation."""
    client.force_login(factories.coordinator())
    page = client.get(REPORTS, {"session": session}, follow=True)
    assert page.status_code == 200
    assert "Select a session from the list" in page.text
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
    assert values[0] == ["Measure", "Value", "95% interval from", "95% interval to", "Responses"]
    assert values[2][:2] == ["Confidence after (1 to 5)", 4.0]

    fb.pupil_responses(d, [])  # nothing added
    PupilResponse.objects.filter(pk__in=PupilResponse.objects.values("pk")[:3]).delete()
    refresh_feedback_totals(d.pk)  # as anything that removes answers must
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
    for _ in range(9):
        fb.teacher_feedback(delivery=d, quality=5)
    client.force_login(factories.school_staff(school=d.booking.school))
    page = client.get(
        reverse("training:school_reports", args=[d.booking.school.pk]), {"year": 2025}
    )
    assert "fewer than 10 responses" in page.text


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
    _count_queries(client)  # and the header's fragments, made stale by the new settings
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
    rebuild_feedback_totals(d.pk for d in deliveries)  # after a bulk load
    assert PupilResponse.objects.count() == 10_000
    many = _count_queries(client)
    assert many == few


def test_the_page_lists_the_first_100_schools_not_reached_and_the_download_all(client):
    district = factories.DistrictFactory(name="Everywhere")
    factories.SchoolFactory.create_batch(101, district=district)
    fb.delivered(start=at(2025, 10, 1), school=factories.SchoolFactory(district=district))
    client.force_login(factories.coordinator())

    page = client.get(REPORTS, {"year": 2025})
    assert "101 open schools had no delivery" in page.text
    # The coverage chart: one bar per district, its width a class, its value as text.
    assert (
        '<span class="app-chart__label">Everywhere</span><span class="app-chart__track" '
        'aria-hidden="true"><span class="app-chart__bar app-chart__bar--1"></span></span>'
        '<span class="app-chart__value">1%</span>'
    ) in page.text
    assert "The first 100 are listed here; the download lists all 101." in page.text
    not_reached = page.text.split("List the schools not reached", 1)[1].split("</details>", 1)[0]
    assert not_reached.count('<th scope="row"') == 100

    response = client.get(export_url("not-reached", "csv"), {"year": 2025})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 101
    coverage = client.get(export_url("coverage", "csv"), {"year": 2025})
    assert ["Everywhere", "102", "1", "1%"] in list(
        csv.reader(io.StringIO(coverage.content.decode("utf-8-sig")))
    )


def test_reports_query_count_does_not_grow_with_schools_districts_or_sessions(client):
    client.force_login(factories.coordinator())
    fb.delivered(start=at(2025, 10, 1))
    # One school never reached: the list of them is read with its DSLs (one query,
    # made only when a school is listed).
    factories.SchoolFactory()
    _count_queries(client)  # warm caches
    few = _count_queries(client)
    export_few = len_queries(client, export_url("not-reached", "csv"))

    for n in range(6):
        district = factories.DistrictFactory(name=f"District {n}")
        factories.SchoolFactory.create_batch(5, district=district)
        d = fb.delivered(
            start=at(2025, 10 + n % 3, 2 + n), school=factories.SchoolFactory(district=district)
        )
        fb.pupil_responses(d, [(2, 4)] * 3)
        fb.teacher_feedback(delivery=d)
    assert _count_queries(client) == few
    assert len_queries(client, export_url("not-reached", "csv")) == export_few


def len_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"year": 2025}).status_code == 200
    return len(queries)


# The country report's own queries, made afresh: the deliveries grouped by session
# and month, their session titles and audiences, the visits to check, the schools
# counted by district, the first schools not reached, the first schools never
# reached, their number and their DSLs, and three for staff training.
COUNTRY_REPORT_QUERIES = 11


def _more_of_everything(count, sessions):
    """Deliveries spread over districts, schools, sessions and months, with pupil
    answers and teacher feedback, and a training event with registrations."""
    for n in range(count):
        school = factories.SchoolFactory(district=factories.DistrictFactory())
        factories.SchoolFactory(district=school.district)  # not reached
        d = fb.delivered(
            start=at(2025, 9 + n % 4, 2 + n % 20), school=school, session=sessions[n % 3]
        )
        fb.pupil_responses(d, [(2, 4)] * (n % 12))
        if n % 2:
            fb.teacher_feedback(delivery=d)
    event = tf.event(start=at(2025, 11, 20))
    for _ in range(count):
        tf.registration(event_=event)


def test_the_country_report_makes_the_same_queries_with_3_or_30_deliveries(
    client, django_assert_num_queries
):
    client.force_login(factories.coordinator())
    sessions = [cms_factories.session_page() for _ in range(3)]
    country = reports.Filters(year=2025)

    _more_of_everything(3, sessions)
    with django_assert_num_queries(COUNTRY_REPORT_QUERIES):
        few = reports.build_report(country, not_reached_limit=100)
    _count_queries(client)  # warm caches (content types, site settings)
    page_queries = _count_queries(client)

    _more_of_everything(27, sessions)
    with django_assert_num_queries(COUNTRY_REPORT_QUERIES):
        many = reports.build_report(country, not_reached_limit=100)
    assert _count_queries(client) == page_queries
    assert (few.deliveries, many.deliveries) == (3, 30)
    assert (few.schools_reached, many.schools_reached) == (3, 30)
    assert many.training["confirmed"] == 30


def test_the_training_download_has_a_row_per_course_and_a_total(client):
    first, second = tf.event(start=at(2025, 10, 10)), tf.event(start=at(2025, 11, 10))
    for attendance in ["attended", "attended", "absent"]:
        tf.registration(event_=first, attendance=attendance)
    tf.registration(event_=second, attendance="attended")
    client.force_login(factories.coordinator())
    response = client.get(export_url("training", "csv"), {"year": 2025})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Course", "Events", "Confirmed places", "Attended", "Absent"]
    by_course = {row[0]: row[1:] for row in rows[1:]}
    assert by_course[first.course.title][:4] == ["1", "3", "2", "1"]
    assert by_course[second.course.title][:4] == ["1", "1", "1", "0"]
    assert rows[-1][:5] == ["All courses", "2", "4", "3", "1"]


def test_the_default_year_is_shown_and_put_in_the_address(client):
    client.force_login(factories.coordinator())
    year = reports.Filters.current().year
    response = client.get(REPORTS, {"district": 6})
    assert response.status_code == 302
    assert response["Location"] == f"{REPORTS}?district=6&year={year}"
    d = fb.delivered(start=at(2025, 10, 1))
    school = d.booking.school
    client.force_login(factories.school_staff(school=school))
    own = reverse("training:school_reports", args=[school.pk])
    assert client.get(own)["Location"] == f"{own}?year={year}"


def test_every_filter_works_alone_in_a_link(client):
    """Each filter, with nothing else in the address, narrows the county's figures."""
    today = timezone.localdate()
    start = datetime(today.year, today.month, today.day, 10, tzinfo=LONDON) - timedelta(days=1)
    if reports.academic_year_of(start.date()) != reports.Filters.current().year:
        start += timedelta(days=1)
    mine = fb.delivered(start=start, pupils=31)
    fb.delivered(start=start, pupils=77)  # another school, district, session and presenter
    session = mine.booking.session
    links = {
        "district": mine.booking.school.district_id,
        "topic": session.topics.first().pk if session.topics.exists() else None,
        "session": session.pk,
        "format": session.format if session.format else None,
        "presenter": mine.assignments.first().presenter_id,
    }
    client.force_login(factories.coordinator())
    everything = client.get(REPORTS, follow=True).context["report"]
    assert everything.pupils_reached == 108
    for name, value in links.items():
        if value is None:
            continue
        report = client.get(REPORTS, {name: value}, follow=True).context["report"]
        assert getattr(report.filters, name) == value, name
        assert report.pupils_reached == (108 if name == "format" else 31), name
        export = client.get(export_url("summary", "csv"), {name: value})
        assert ["Pupils reached", str(report.pupils_reached)] in list(
            csv.reader(io.StringIO(export.content.decode("utf-8-sig")))
        ), name
