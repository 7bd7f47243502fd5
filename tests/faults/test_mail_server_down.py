"""The mail server is down: a pupil's possible disclosure still gets the help page,
the safeguarding alert waits in the task queue, and it is sent once the server is
back, by the worker, once."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from schools.models import SchoolMembership
from tests import factories
from tests.factories import feedback as fb
from training.models import PupilResponse
from training.services import feedback as services

pytestmark = pytest.mark.django_db(transaction=True)

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def closed_port():
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_disclosure_while_the_mail_server_is_down_is_alerted_once_it_is_back(
    run_worker, client, settings
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 5},
        }
    }
    delivery = fb.delivered(start=timezone.now() - timedelta(hours=2))
    code = services.feedback_code_for(delivery).code
    coordinator = factories.coordinator()
    dsl = factories.MembershipFactory(
        school=delivery.booking.school, role=SchoolMembership.Role.DSL
    ).user

    response = client.post(
        reverse("training:pupil_survey", args=[code]),
        {
            "stage": "after",
            "after_confidence": "4",
            "knows_who_to_talk_to": "yes",
            "retrospective_before": "3",
            "do_differently": "My uncle hits me when I get home",
        },
    )

    assert response.status_code == 200
    assert "You do not have to deal with this on your own" in response.text
    assert "0800 1111" in response.text
    assert PupilResponse.objects.get().flagged
    alert = DBTaskResult.objects.get(task_path="portal.tasks.send_email")
    assert alert.status == "READY"

    run_worker()  # the mail server refuses: the alert waits for another try
    alert.refresh_from_db()
    assert alert.status == "READY"
    assert alert.run_after > timezone.now()
    assert "ConnectionRefusedError" in alert.traceback
    assert mail.outbox == []

    settings.MAILERS = LOCMEM  # the mail server is back, and the retry is due
    DBTaskResult.objects.filter(pk=alert.pk).update(run_after=timezone.now())
    run_worker()
    alert.refresh_from_db()
    assert alert.status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {coordinator.email, dsl.email}
    assert mail.outbox[0].subject == "Pupil feedback needs a safeguarding check"

    # Run again (a worker that died before recording success): no second email.
    DBTaskResult.objects.filter(pk=alert.pk).update(status="READY")
    run_worker()
    assert len(mail.outbox) == 1
