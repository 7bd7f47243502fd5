"""The task worker's leases and retries (portal.worker, manage.py task_worker)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends import locmem
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import worker
from portal.tasks import queue_email

# Every test here stores its tasks in the database, as the worker finds them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("run_worker")]


def mail_server_down(monkeypatch):
    def refuse(self, messages):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse)


def queued():
    return DBTaskResult.objects.get(task_path="portal.tasks.send_email")


def test_a_failed_email_is_tried_again_later_with_a_doubling_wait(run_worker, monkeypatch):
    mail_server_down(monkeypatch)
    queue_email(EmailMessage("Subject", "Body", to=["dsl@school.example"]))
    waits = []
    for _ in range(3):
        before = timezone.now()
        run_worker()
        task = queued()
        assert task.status == "READY"
        waits.append(round((task.run_after - before).total_seconds()))
        DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
    assert waits == [30, 60, 120]
    assert len(queued().worker_ids) == 3


def test_an_email_is_given_up_after_its_tries_and_left_failed(run_worker, monkeypatch, settings):
    settings.PORTAL_TASK_POLICIES = {
        "default": {"lease": 300, "tries": 2, "backoff": 0, "backoff_max": 0}
    }
    mail_server_down(monkeypatch)
    queue_email(EmailMessage("Subject", "Body", to=["dsl@school.example"]))
    run_worker()
    assert queued().status == "FAILED"
    assert len(queued().worker_ids) == 2


def test_a_task_held_past_its_lease_is_taken_back_and_run(run_worker, settings):
    queue_email(EmailMessage("Subject", "Body", to=["dsl@school.example"]))
    lease = timedelta(seconds=settings.PORTAL_TASK_POLICIES["default"]["lease"])
    DBTaskResult.objects.update(
        status="RUNNING",
        started_at=timezone.now() - lease - timedelta(seconds=1),
        worker_ids=["dead"],
    )
    run_worker()
    assert queued().status == "SUCCESSFUL"
    assert len(mail.outbox) == 1


def test_a_task_within_its_lease_is_left_to_its_worker():
    queue_email(EmailMessage("Subject", "Body", to=["dsl@school.example"]))
    DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now(), worker_ids=["alive"])
    assert worker.reclaim_expired(backend_name="default", now=timezone.now()) == 0
    assert queued().status == "RUNNING"


def test_each_task_has_its_own_lease(settings):
    settings.PORTAL_TASK_POLICIES = {
        "default": {"lease": 300, "tries": 12, "backoff": 30, "backoff_max": 3600},
        "portal.tasks.send_email": {"lease": 10},
    }
    queue_email(EmailMessage("Subject", "Body", to=["dsl@school.example"]))
    DBTaskResult.objects.update(
        status="RUNNING", started_at=timezone.now() - timedelta(seconds=11), worker_ids=["dead"]
    )
    assert worker.reclaim_expired(backend_name="default", now=timezone.now()) == 1
    assert queued().status == "READY"


def test_a_task_whose_workers_keep_dying_is_given_up(settings):
    queue_email(EmailMessage("Subject", "Body", to=["dsl@school.example"]))
    DBTaskResult.objects.update(
        status="RUNNING",
        started_at=timezone.now() - timedelta(days=1),
        worker_ids=[f"dead-{n}" for n in range(12)],
    )
    assert worker.reclaim_expired(backend_name="default", now=timezone.now()) == 0
    assert queued().status == "FAILED"


def test_an_email_with_a_key_is_sent_once_however_often_it_is_queued(run_worker):
    for _ in range(2):
        queue_email(EmailMessage("Subject", "Body", to=["dsl@school.example"]), key="alert:1")
    run_worker()
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


def test_an_email_task_run_twice_sends_once(run_worker):
    queue_email(EmailMessage("Subject", "Body", to=["dsl@school.example"]))
    run_worker()
    DBTaskResult.objects.update(status="READY")  # its worker died before recording success
    run_worker()
    assert len(mail.outbox) == 1


def test_attachments_survive_the_queue(run_worker):
    message = EmailMessage("Subject", "Body", to=["holder@school.example"])
    message.attach("certificate.pdf", b"%PDF-1.7 \x00\xff", "application/pdf")
    queue_email(message)
    run_worker()
    assert mail.outbox[0].attachments[0][:3] == (
        "certificate.pdf",
        b"%PDF-1.7 \x00\xff",
        "application/pdf",
    )
