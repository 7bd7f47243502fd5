"""The report figures kept in the cache: served again for the same filters, and
never once anything they count has changed, whichever way the change is made."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from schools.models import Booking
from schools.services import mark_delivered
from tests import factories
from tests.factories import feedback as fb
from tests.factories import schools as sf
from tests.factories import training as tf
from training.models import PupilResponse, Registration
from training.services import reports
from training.services.events.attendance import mark_attendance, record_delivery_register
from training.services.events.registrations import register_for_event
from training.services.feedback import (
    rebuild_feedback_totals,
    submit_pupil_feedback,
    submit_teacher_feedback,
)
from training.services.reports import figures

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# The queries of each part, made afresh: the deliveries (the grouped pass, the
# session titles and the visits to check), the coverage, the first schools not
# reached, the first schools never reached and their number, and training.
DELIVERY_QUERIES = 3
SCHOOL_QUERIES = 4
# The DSLs of the schools never reached are read afresh for every report that
# lists any (personal data is never kept in the cache).
CONTACT_QUERIES = 1
REPORT_QUERIES = DELIVERY_QUERIES + SCHOOL_QUERIES + 3


@pytest.fixture(autouse=True)
def cached(settings):
    settings.PORTAL_REPORTS_CACHE_SECONDS = 600


def at(y, m, d):
    return datetime(y, m, d, 10, tzinfo=LONDON)


def report(year=2025, **filters):
    return reports.build_report(reports.Filters(year=year, **filters), not_reached_limit=100)


def this_year():
    return reports.academic_year_of(timezone.localdate())


def test_the_same_filters_again_are_served_without_a_query(django_assert_num_queries):
    d = fb.delivered(start=at(2025, 10, 1), pupils=28)
    fb.pupil_responses(d, [(2, 4)] * 12)
    first = report()
    with django_assert_num_queries(0):
        again = report()
    assert again == first
    assert (again.deliveries, again.pupils_reached, again.pupils.after.n) == (1, 28, 12)
    # Other filters are figures of their own.
    assert report(district=factories.DistrictFactory().pk).deliveries == 0


def test_a_download_uses_the_figures_the_page_just_made(client):
    fb.delivered(start=at(2025, 10, 1))
    client.force_login(factories.coordinator())
    assert client.get(reverse("training:reports"), {"year": 2025}).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            reverse("training:reports_export", args=["sessions", "csv"]), {"year": 2025}
        )
    assert response.status_code == 200
    assert not [q for q in queries if "schools_delivery" in q["sql"]]


def test_a_pupils_answer_shows_at_once_and_recounts_only_the_deliveries(
    django_assert_num_queries,
):
    d = fb.delivered(start=at(2025, 10, 1))
    fb.pupil_responses(d, [(2, 4)] * 10)
    assert report().pupils.after.n == 10
    submit_pupil_feedback(
        d, token="", after_confidence=5, knows_who_to_talk_to="yes", retrospective_before=1
    )
    with django_assert_num_queries(DELIVERY_QUERIES):  # coverage and training still current
        after = report()
    assert after.pupils.after.n == 11


def test_teacher_feedback_shows_at_once():
    d = fb.delivered(start=at(2025, 10, 1))
    assert report().teachers.quality.n == 0
    staff = factories.school_staff(school=d.booking.school)
    submit_teacher_feedback(
        staff, delivery=d, relevance=4, quality=5, engagement=4, would_recommend=True
    )
    assert report().teachers.quality.n == 1


def test_a_register_and_a_booking_marked_delivered_show_at_once():
    booking = sf.booking(status=Booking.Status.SCHEDULED)
    visit = sf.delivery(booking_=booking, start=at(2025, 10, 1))
    before = report()
    assert (before.deliveries, before.schools_reached) == (0, 0)
    assert before.not_reached == [booking.school]

    record_delivery_register(
        visit,
        counts={booking.year_groups[0]: 27},
        staff_present=2,
        delivered_at=visit.start,
        by=factories.presenter(),
    )
    after = report()
    assert (after.deliveries, after.pupils_reached, after.schools_reached) == (1, 27, 1)
    assert after.not_reached == [] and after.not_reached_count == 0

    other = sf.booking(status=Booking.Status.SCHEDULED, school=booking.school)
    sf.delivery(booking_=other, start=at(2025, 11, 3))
    assert report().deliveries == 1  # scheduled, no register: not (yet) delivered
    mark_delivered(other, by=factories.coordinator())
    assert report().deliveries == 2


def test_a_school_closing_or_a_delivery_deleted_shows_at_once():
    school = factories.SchoolFactory()
    d = fb.delivered(start=at(2025, 10, 1))
    assert (report().open_schools, report().not_reached_count) == (2, 1)
    school.is_open = False
    school.save()
    assert (report().open_schools, report().not_reached_count) == (1, 0)
    d.delete()
    gone = report()
    assert (gone.deliveries, gone.schools_reached, gone.not_reached_count) == (0, 0, 1)


def test_training_registrations_and_attendance_show_at_once():
    event = tf.event(start=timezone.now() + timedelta(days=10))
    staff = factories.school_staff()
    year = this_year()
    assert report(year).training["confirmed"] == 0
    registration = register_for_event(event, staff, staff.school_memberships.get().school)
    assert report(year).training["confirmed"] == 1
    mark_attendance(
        event,
        {registration.pk: Registration.Attendance.ATTENDED},
        by=factories.coordinator(),
        now=event.start,
    )
    assert report(year).training["attended"] == 1


def test_answers_loaded_in_bulk_show_once_their_totals_are_rebuilt():
    d = fb.delivered(start=at(2025, 10, 1))
    assert report().pupils.after.n == 0
    PupilResponse.objects.bulk_create(
        PupilResponse(delivery=d, before_confidence=2, after_confidence=4) for _ in range(15)
    )
    rebuild_feedback_totals([d.pk])  # as after any bulk load
    assert report().pupils.after.n == 15


def test_figures_made_while_a_change_commits_are_never_served(
    monkeypatch, django_capture_on_commit_callbacks
):
    d = fb.delivered(start=at(2025, 10, 1))
    build = figures.BUILDERS[figures.DELIVERIES]

    def built_as_another_request_commits(filters, limit):
        made = build(filters, limit)  # read before the answers below
        with django_capture_on_commit_callbacks(execute=True):
            fb.pupil_responses(d, [(2, 4)] * 12)
        return made

    monkeypatch.setitem(figures.BUILDERS, figures.DELIVERIES, built_as_another_request_commits)
    assert report().pupils.after.n == 0
    monkeypatch.undo()
    assert report().pupils.after.n == 12


def test_the_version_is_replaced_again_when_the_change_commits(
    django_capture_on_commit_callbacks, django_assert_num_queries
):
    """A request that read the version between the change and its commit would not
    have seen the change in the database: what it stored must not be served."""
    fb.delivered(start=at(2025, 10, 1))
    report()
    with django_capture_on_commit_callbacks() as committed:
        factories.SchoolFactory()
        report()  # stored under the version replaced at once
    for callback in committed:
        callback()
    # A school counts in every part; never reached, it is listed with its DSLs.
    with django_assert_num_queries(REPORT_QUERIES + CONTACT_QUERIES):
        assert report().open_schools == 2
