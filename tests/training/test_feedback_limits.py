"""A visit's pupil answers cannot be swamped: the code opens shortly before the
visit, and a visit never keeps more answers than the pupils it reached, however
many browsers (fresh cookies each time) send them."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests import factories
from tests.factories import feedback as fb
from tests.factories import schools as school_factories
from tests.factories import training as training_factories
from training.models import DeliveryFeedbackTotals, PupilResponse
from training.services import feedback as services
from training.services import reports

pytestmark = pytest.mark.django_db

AFTER = {
    "stage": "after",
    "after_confidence": "5",
    "knows_who_to_talk_to": "yes",
    "retrospective_before": "1",
}


def survey(code):
    return reverse("training:pupil_survey", args=[code])


def test_a_burst_from_fresh_browsers_keeps_no_more_answers_than_pupils_reached():
    delivery = fb.delivered(start=timezone.now() - timedelta(hours=2), pupils=24)
    code = services.feedback_code_for(delivery).code
    accepted = refused = 0
    for _ in range(60):
        response = Client().post(survey(code), AFTER)  # fresh cookies every time
        assert response.status_code == 200
        if "cannot take any more" in response.text:
            refused += 1
        else:
            accepted += 1
    assert (accepted, refused) == (24, 36)
    assert PupilResponse.objects.filter(delivery=delivery).count() == 24
    assert DeliveryFeedbackTotals.objects.get(delivery=delivery).after_n == 24


def test_before_the_register_the_expected_audience_is_the_limit():
    start = timezone.now() + timedelta(minutes=10)
    booking = school_factories.booking(status="scheduled", expected_pupils=3)
    delivery = school_factories.delivery(booking_=booking, start=start)
    code = services.feedback_code_for(delivery).code
    answers = [
        Client().post(survey(code), {"stage": "before", "before_confidence": "2"}) for _ in range(5)
    ]
    assert [r.status_code for r in answers] == [302, 302, 302, 200, 200]
    assert "cannot take any more" in answers[-1].text
    assert PupilResponse.objects.filter(delivery=delivery).count() == 3


def test_a_pupil_with_a_before_answer_can_always_finish_the_pair():
    start = timezone.now() - timedelta(minutes=5)
    booking = school_factories.booking(status="scheduled", expected_pupils=1)
    delivery = school_factories.delivery(booking_=booking, start=start)
    code = services.feedback_code_for(delivery).code
    pupil = Client()
    assert (
        pupil.post(survey(code), {"stage": "before", "before_confidence": "2"}).status_code == 302
    )
    finished = pupil.post(survey(code), AFTER | {"retrospective_before": ""})
    assert "cannot take any more" not in finished.text
    row = PupilResponse.objects.get(delivery=delivery)
    assert (row.before_confidence, row.after_confidence) == (2, 5)


def test_answers_set_aside_leave_the_figures_and_free_their_places():
    delivery = fb.delivered(start=timezone.now() - timedelta(hours=2), pupils=2)
    code = services.feedback_code_for(delivery).code
    for _ in range(2):
        Client().post(survey(code), AFTER)
    PupilResponse.objects.filter(delivery=delivery).update(set_aside_at=timezone.now())
    services.refresh_feedback_totals(delivery.pk)
    assert DeliveryFeedbackTotals.objects.get(delivery=delivery).after_n == 0
    assert "cannot take any more" not in Client().post(survey(code), AFTER).text
    assert PupilResponse.objects.filter(delivery=delivery).count() == 3


def test_a_code_opens_only_shortly_before_the_visit():
    start = timezone.now() + timedelta(days=21)
    delivery = school_factories.delivery(start=start)
    code = services.feedback_code_for(delivery).code
    response = Client().post(survey(code), {"stage": "before", "before_confidence": "3"})
    assert response.status_code == 410
    assert "This code opens at" in response.text
    assert not PupilResponse.objects.exists()

    delivery.start = timezone.now() + services.CODE_OPENS_BEFORE - timedelta(minutes=1)
    delivery.end = delivery.start + timedelta(hours=1)
    delivery.save()
    response = Client().post(survey(code), {"stage": "before", "before_confidence": "3"})
    assert response.status_code == 302
    assert PupilResponse.objects.count() == 1


def test_a_burst_is_marked_on_the_report_and_can_be_set_aside(client):
    delivery = fb.delivered(start=timezone.now() - timedelta(hours=2), pupils=60)
    code = services.feedback_code_for(delivery).code
    # All inside one minute, however slow the machine: the clock stands still.
    with mock.patch("django.utils.timezone.now", return_value=timezone.now()):
        for _ in range(services.BURST_PER_MINUTE + 1):
            Client().post(survey(code), AFTER)
    honest = fb.delivered(start=timezone.now() - timedelta(hours=3), pupils=30)
    fb.pupil_responses(honest, [(2, 4)] * 12)
    coordinator = factories.coordinator()
    client.force_login(coordinator)
    year = reports.Filters.current().year
    page = client.get(reverse("training:reports"), {"year": year})
    to_check = page.context["report"].to_check
    assert [v["pk"] for v in to_check] == [delivery.pk]
    assert to_check[0]["burst"] and not to_check[0]["over"]
    assert "Answers in a burst" in page.text

    refused = client.post(reverse("training:set_aside_answers", args=[delivery.pk]), {"reason": ""})
    assert refused.status_code == 302
    assert PupilResponse.objects.counted().filter(delivery=delivery).count() == 31
    client.post(
        reverse("training:set_aside_answers", args=[delivery.pk]) + f"?year={year}",
        {"reason": "All from one browser in a minute"},
    )
    assert PupilResponse.objects.filter(delivery=delivery).count() == 31  # kept
    assert PupilResponse.objects.counted().filter(delivery=delivery).count() == 0
    assert set(
        PupilResponse.objects.filter(delivery=delivery).values_list("set_aside_by", flat=True)
    ) == {coordinator.pk}
    entry = ModelLogEntry.objects.get(action="training.pupil_responses.set_aside")
    assert entry.user == coordinator and entry.data["answers"] == 31
    page = client.get(reverse("training:reports"), {"year": year})
    assert page.context["report"].to_check == []
    assert page.context["report"].pupils.after.n == 12  # only the honest visit's answers


def test_answers_outnumbering_a_smaller_register_are_marked():
    start = timezone.now() - timedelta(minutes=5)
    booking = school_factories.booking(status="scheduled", expected_pupils=12)
    delivery = school_factories.delivery(booking_=booking, start=start)
    code = services.feedback_code_for(delivery).code
    for _ in range(12):
        Client().post(survey(code), {"stage": "before", "before_confidence": "2"})
    training_factories.register(delivery, counts={booking.year_groups[0]: 8})
    services.refresh_feedback_totals(delivery.pk)
    delivery.booking.status = "delivered"
    delivery.booking.save()
    report = reports.build_report(reports.Filters.current())
    assert [(v["pk"], v["over"], v["answers"]) for v in report.to_check] == [
        (delivery.pk, True, 12)
    ]
