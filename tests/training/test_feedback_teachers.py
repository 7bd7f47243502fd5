"""Teacher feedback: who may give it, once each, and the emailed requests."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from cms.models import SessionPage
from schools.models import SchoolMembership
from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import feedback as fb
from tests.factories import training as training_factories
from training.models import FeedbackRequest, Registration, TeacherFeedback
from training.services import feedback as services

pytestmark = pytest.mark.django_db

ANSWERS = {"relevance": "5", "quality": "4", "engagement": "3", "would_recommend": "yes"}


@pytest.fixture
def past_delivery():
    return fb.delivered(start=timezone.now() - timedelta(days=1))


def test_school_staff_give_feedback_once(client, past_delivery):
    staff = factories.school_staff(school=past_delivery.booking.school)
    client.force_login(staff)
    url = reverse("training:delivery_feedback", args=[past_delivery.pk])
    assert client.post(url, ANSWERS | {"comments": "Great"}).status_code == 302
    row = TeacherFeedback.objects.get()
    assert (row.relevance, row.quality, row.engagement, row.would_recommend) == (5, 4, 3, True)
    assert row.school == past_delivery.booking.school
    assert "already given feedback" in client.get(url).text
    with pytest.raises(services.FeedbackError) as error:
        services.submit_teacher_feedback(
            staff,
            delivery=past_delivery,
            relevance=1,
            quality=1,
            engagement=1,
            would_recommend=False,
        )
    assert error.value.code == "already_given"
    assert TeacherFeedback.objects.count() == 1


def test_the_database_refuses_a_second_answer_from_one_person(past_delivery):
    first = fb.teacher_feedback(delivery=past_delivery)
    with pytest.raises(IntegrityError):
        fb.teacher_feedback(delivery=past_delivery, user=first.user)


def test_staff_of_another_school_cannot_give_feedback(client, past_delivery):
    client.force_login(factories.school_staff())
    url = reverse("training:delivery_feedback", args=[past_delivery.pk])
    assert client.post(url, ANSWERS).status_code == 403
    assert TeacherFeedback.objects.count() == 0


def test_missing_ratings_get_clear_messages(client, past_delivery):
    client.force_login(factories.school_staff(school=past_delivery.booking.school))
    response = client.post(reverse("training:delivery_feedback", args=[past_delivery.pk]), {})
    assert "Select a rating for relevance" in response.text
    assert TeacherFeedback.objects.count() == 0


def test_feedback_before_the_visit_ends_is_refused(past_delivery):
    staff = factories.school_staff(school=past_delivery.booking.school)
    with pytest.raises(services.FeedbackError) as error:
        services.submit_teacher_feedback(
            staff,
            delivery=past_delivery,
            relevance=3,
            quality=3,
            engagement=3,
            would_recommend=True,
            now=past_delivery.start,
        )
    assert error.value.code == "not_allowed"


def test_only_attendees_give_event_feedback(client):
    event = training_factories.event(start=timezone.now() - timedelta(days=2))
    attended = training_factories.registration(event_=event, attendance="attended")
    absent = training_factories.registration(event_=event, attendance="absent")
    url = reverse("training:event_feedback", args=[event.pk])
    client.force_login(absent.user)
    assert client.get(url).status_code == 403
    client.force_login(attended.user)
    page = client.get(url)
    assert "How engaged were the pupils" not in page.text
    assert client.post(url, ANSWERS).status_code == 302
    row = TeacherFeedback.objects.get()
    assert row.event == event and row.engagement is None and row.user == attended.user


def test_feedback_requests_go_out_once_to_the_person_who_booked(
    past_delivery, django_capture_on_commit_callbacks
):
    school = past_delivery.booking.school
    booker = factories.school_staff(school=school)
    past_delivery.booking.requested_by = booker
    past_delivery.booking.save()
    factories.school_staff(school=school)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_feedback_requests() == (1, 0)
        assert services.send_feedback_requests() == (0, 0)
        assert services.send_delivery_feedback_request(past_delivery) is False
    assert [m.to for m in mail.outbox] == [[booker.email]]
    assert reverse("training:delivery_feedback", args=[past_delivery.pk]) in mail.outbox[0].body
    assert FeedbackRequest.objects.get().recipients == 1


def test_without_the_booker_requests_go_to_the_schools_dsls(
    past_delivery, django_capture_on_commit_callbacks
):
    dsl = factories.MembershipFactory(
        school=past_delivery.booking.school, role=SchoolMembership.Role.DSL
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        services.send_delivery_feedback_request(past_delivery)
    assert [m.to for m in mail.outbox] == [[dsl.email]]


def test_event_requests_wait_for_a_complete_register(django_capture_on_commit_callbacks):
    event = training_factories.event(start=timezone.now() - timedelta(days=1))
    attended = training_factories.registration(event_=event, attendance="attended")
    unmarked = training_factories.registration(event_=event)
    training_factories.registration(event_=event, status=Registration.Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_feedback_requests() == (0, 0)
        unmarked.attendance = "absent"
        unmarked.save()
        assert services.send_feedback_requests() == (0, 1)
        assert services.send_feedback_requests() == (0, 0)
    assert [m.to for m in mail.outbox] == [[attended.user.email]]


def test_old_and_future_deliveries_get_no_requests():
    fb.delivered(start=timezone.now() - timedelta(days=30))
    fb.delivered(start=timezone.now() + timedelta(days=3))
    assert services.send_feedback_requests() == (0, 0)
    assert FeedbackRequest.objects.count() == 0


def test_staff_dashboard_links_to_pending_feedback_and_own_figures(client, past_delivery):
    staff = factories.school_staff(school=past_delivery.booking.school)
    client.force_login(staff)
    page = client.get(reverse("dashboard")).text
    assert reverse("training:delivery_feedback", args=[past_delivery.pk]) in page
    assert reverse("training:school_reports", args=[past_delivery.booking.school.pk]) in page


# Questions that fit the session's audience -----------------------------------------------


@pytest.mark.parametrize(
    ("session_format", "relevance_label"),
    [
        (SessionPage.Format.STAFF_TRAINING, "How relevant was it to your staff&#x27;s needs?"),
        (
            SessionPage.Format.PARENT_SESSION,
            "How relevant was it to the parents and carers who came?",
        ),
    ],
)
def test_staff_and_parents_sessions_are_not_asked_about_pupil_engagement(
    client, session_format, relevance_label
):
    session = cms_factories.session_page(format=session_format)
    delivery = fb.delivered(start=timezone.now() - timedelta(days=1), session=session)
    client.force_login(factories.school_staff(school=delivery.booking.school))
    url = reverse("training:delivery_feedback", args=[delivery.pk])
    form = client.get(url).text
    assert "How engaged were the pupils?" not in form
    assert "pupils&#x27; needs" not in form
    assert relevance_label in form
    answers = {"relevance": "4", "quality": "5", "would_recommend": "yes"}
    assert client.post(url, answers | {"engagement": "1"}).status_code == 302
    row = TeacherFeedback.objects.get()
    assert (row.relevance, row.quality, row.engagement) == (4, 5, None)
    assert delivery.feedback_totals.engagement_n == 0
    assert delivery.feedback_totals.teacher_n == 1


def test_a_pupil_session_is_asked_about_pupil_engagement(client, past_delivery):
    client.force_login(factories.school_staff(school=past_delivery.booking.school))
    url = reverse("training:delivery_feedback", args=[past_delivery.pk])
    assert "How engaged were the pupils?" in client.get(url).text
    answers = {"relevance": "4", "quality": "4", "would_recommend": "no"}
    assert "Select a rating for pupil engagement" in client.post(url, answers).text
    assert TeacherFeedback.objects.count() == 0


def test_the_service_keeps_no_engagement_for_a_staff_session():
    session = cms_factories.session_page(format=SessionPage.Format.STAFF_TRAINING)
    delivery = fb.delivered(start=timezone.now() - timedelta(days=1), session=session)
    row = services.submit_teacher_feedback(
        factories.school_staff(school=delivery.booking.school),
        delivery=delivery,
        relevance=3,
        quality=3,
        engagement=5,
        would_recommend=True,
    )
    row.refresh_from_db()
    assert row.engagement is None
