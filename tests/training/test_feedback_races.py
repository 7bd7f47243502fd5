"""Once per person, and one request per delivery, whatever arrives at once (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests import factories
from tests.factories import feedback as fb
from training.models import FeedbackRequest, TeacherFeedback
from training.services import feedback as services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(target, n=2):
    """Run target(i) in n threads released together; return results or exceptions."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = target(i)
        except Exception as error:  # noqa: BLE001 - the race reports what each racer got
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _delivery_and_staff():
    delivery = fb.delivered(start=timezone.now() - timedelta(days=1))
    return delivery, factories.school_staff(school=delivery.booking.school)


def test_two_simultaneous_answers_from_one_teacher_save_one():
    delivery, staff = _delivery_and_staff()

    def submit(i):
        return services.submit_teacher_feedback(
            staff, delivery=delivery, relevance=4, quality=4, engagement=4, would_recommend=True
        )

    results = race(submit)
    errors = [r for r in results if isinstance(r, services.FeedbackError)]
    assert TeacherFeedback.objects.count() == 1
    assert len(errors) == 1 and errors[0].code == "already_given"


def test_control_the_service_check_alone_lets_both_racers_through():
    """Without the database constraint both racers would save: each sees no answer yet."""
    delivery, staff = _delivery_and_staff()
    results = race(lambda i: services.already_given(staff, delivery=delivery))
    assert results == [False, False]


def test_simultaneous_feedback_requests_for_one_delivery_send_once():
    delivery, staff = _delivery_and_staff()
    delivery.booking.requested_by = staff
    delivery.booking.save()
    results = race(lambda i: services.send_delivery_feedback_request(delivery), n=3)
    assert sorted(results) == [False, False, True]
    assert FeedbackRequest.objects.filter(delivery=delivery).count() == 1


def test_simultaneous_code_requests_for_one_delivery_make_one_code():
    delivery, _ = _delivery_and_staff()
    results = race(lambda i: services.feedback_code_for(delivery).code, n=3)
    assert len(set(results)) == 1
