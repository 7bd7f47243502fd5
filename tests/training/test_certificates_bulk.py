"""Issuing a whole event's certificates in the background (training.tasks)."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from tests.factories import certificates as cf
from tests.factories import training as tf
from tests.factories.certificates import media_in_tmp  # noqa: F401
from training.models import Certificate, CertificateBatch, Registration
from training.services.certificates import batches, issuing, runs
from training.services.errors import CertificateError

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    e = tf.event()
    for _ in range(3):
        cf.attendee(event_=e)
    tf.registration(event_=e, attendance=Registration.Attendance.ABSENT)
    tf.registration(event_=e)  # attendance not recorded
    return e


def run(event, by, *, email_holders=False, capture):
    with capture(execute=True):
        batch = batches.start_event_certificates(event, by=by, email_holders=email_holders)
    batch.refresh_from_db()
    return batch


def zip_names(batch):
    with batch.zip_file.open("rb") as f, zipfile.ZipFile(io.BytesIO(f.read())) as archive:
        return sorted(archive.namelist()), [archive.read(n)[:5] for n in archive.namelist()]


def test_every_attendee_and_only_attendees_get_a_certificate(
    event, coordinator, django_capture_on_commit_callbacks
):
    batch = run(event, coordinator, capture=django_capture_on_commit_callbacks)
    assert batch.status == CertificateBatch.Status.FINISHED
    assert (batch.total, batch.done, batch.errors) == (3, 3, [])
    certified = Certificate.objects.filter(registration__event=event)
    assert certified.count() == 3
    assert set(certified.values_list("registration__attendance", flat=True)) == {"attended"}


def test_zip_holds_one_pdf_per_attendee(event, coordinator, django_capture_on_commit_callbacks):
    batch = run(event, coordinator, capture=django_capture_on_commit_callbacks)
    names, heads = zip_names(batch)
    numbers = sorted(
        Certificate.objects.filter(registration__event=event).values_list("number", flat=True)
    )
    assert names == [f"{n}.pdf" for n in numbers]
    assert heads == [b"%PDF-"] * 3


def test_progress_advances_one_certificate_at_a_time(
    event, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    seen = []
    original = runs.issue_certificate

    def watching(registration, **kwargs):
        batch = CertificateBatch.objects.get(event=event)
        seen.append((batch.status, batch.done))
        return original(registration, **kwargs)

    monkeypatch.setattr(runs, "issue_certificate", watching)
    run(event, coordinator, capture=django_capture_on_commit_callbacks)
    assert seen == [("running", 0), ("running", 1), ("running", 2)]


def test_a_failure_on_one_certificate_is_reported_and_the_others_still_succeed(
    event, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    unlucky = event.registrations.filter(attendance="attended").first()
    original = issuing.store_pdf

    def failing_for_one(certificate, branding=None):
        if certificate.registration_id == unlucky.pk:
            raise RuntimeError("The signature image could not be read")
        return original(certificate, branding)

    monkeypatch.setattr(issuing, "store_pdf", failing_for_one)
    batch = run(event, coordinator, capture=django_capture_on_commit_callbacks)

    assert batch.status == CertificateBatch.Status.FINISHED
    assert batch.done == 2
    assert batch.errors == [
        {
            "name": unlucky.user.get_full_name(),
            "message": "The signature image could not be read",
            "registration": unlucky.pk,
        }
    ]
    assert not Certificate.objects.filter(registration=unlucky).exists()  # nothing half-saved
    assert len(zip_names(batch)[0]) == 2


def test_running_twice_issues_no_duplicates_and_keeps_the_numbers(
    event, coordinator, django_capture_on_commit_callbacks
):
    run(event, coordinator, capture=django_capture_on_commit_callbacks)
    first = sorted(Certificate.objects.values_list("number", "code"))
    second = run(event, coordinator, capture=django_capture_on_commit_callbacks)
    assert second.done == 3
    assert sorted(Certificate.objects.values_list("number", "code")) == first
    assert len(zip_names(second)[0]) == 3


def test_revoked_certificates_stay_revoked_and_out_of_the_zip(
    event, coordinator, django_capture_on_commit_callbacks
):
    run(event, coordinator, capture=django_capture_on_commit_callbacks)
    revoked = Certificate.objects.filter(registration__event=event).first()
    issuing.revoke_certificate(revoked, by=coordinator, reason="Left after ten minutes")
    batch = run(event, coordinator, capture=django_capture_on_commit_callbacks)
    revoked.refresh_from_db()
    assert revoked.is_revoked
    assert batch.total == 2
    assert f"{revoked.number}.pdf" not in zip_names(batch)[0]


def test_holders_can_be_emailed_their_certificate(
    event, coordinator, django_capture_on_commit_callbacks
):
    run(event, coordinator, email_holders=True, capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    holders = set(
        event.registrations.filter(attendance="attended").values_list("user__email", flat=True)
    )
    assert {m.to[0] for m in mail.outbox} == holders
    for message in mail.outbox:
        ((filename, content, mimetype),) = message.attachments
        assert filename.startswith("CERT-") and mimetype == "application/pdf"
        assert content.startswith(b"%PDF-")
        assert "/certificates/verify/" in message.body


def test_nobody_is_emailed_unless_asked(event, coordinator, django_capture_on_commit_callbacks):
    run(event, coordinator, capture=django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_second_run_is_refused_while_one_is_going(event, coordinator):
    batches.start_event_certificates(event, by=coordinator, email_holders=False)  # not run yet
    with pytest.raises(CertificateError) as error:
        batches.start_event_certificates(event, by=coordinator, email_holders=False)
    assert error.value.code == "batch_running"
    assert CertificateBatch.objects.count() == 1


def test_the_database_allows_one_active_run_per_event(event, coordinator):
    CertificateBatch.objects.create(event=event, started_by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateBatch.objects.create(event=event, started_by=coordinator)


def test_an_event_without_attendees_is_refused(coordinator):
    with pytest.raises(CertificateError) as error:
        batches.start_event_certificates(tf.event(), by=coordinator, email_holders=False)
    assert error.value.code == "no_attendees"


def test_only_coordinators_start_a_run(event, staff, presenter):
    for person in (staff, presenter):
        with pytest.raises(CertificateError):
            batches.start_event_certificates(event, by=person, email_holders=False)
    assert not CertificateBatch.objects.exists()


def test_a_run_already_done_is_never_run_again(
    event, coordinator, django_capture_on_commit_callbacks
):
    batch = run(event, coordinator, capture=django_capture_on_commit_callbacks)
    runs.run_batch(batch.pk)  # a retried task
    batch.refresh_from_db()
    assert batch.done == 3


def test_a_stopped_run_blocks_a_new_one_until_a_coordinator_cancels_it(event, coordinator):
    stuck = batches.start_event_certificates(event, by=coordinator, email_holders=False)
    CertificateBatch.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(CertificateError) as refused:
        batches.start_event_certificates(event, by=coordinator, email_holders=False)
    assert refused.value.code == "batch_running"

    batches.cancel_event_certificates(stuck, by=coordinator)
    stuck.refresh_from_db()
    assert (stuck.status, stuck.cancelled_by) == (CertificateBatch.Status.CANCELLED, coordinator)
    assert ModelLogEntry.objects.filter(action="training.certificate.batch_cancelled").exists()
    batches.start_event_certificates(event, by=coordinator, email_holders=False)
    assert CertificateBatch.objects.filter(status=CertificateBatch.Status.QUEUED).count() == 1


def test_a_cancelled_run_stops_before_its_next_certificate(
    event, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    original = runs.issue_certificate

    def cancelling_after_the_first(registration, **kwargs):
        certificate = original(registration, **kwargs)
        batch = CertificateBatch.objects.get(event=event)
        batches.cancel_event_certificates(batch, by=coordinator)
        return certificate

    monkeypatch.setattr(runs, "issue_certificate", cancelling_after_the_first)
    batch = run(event, coordinator, capture=django_capture_on_commit_callbacks)
    assert batch.status == CertificateBatch.Status.CANCELLED
    assert batch.done == 1
    assert Certificate.objects.filter(registration__event=event).count() == 1
    assert not batch.zip_file


def test_a_run_resumed_after_its_worker_died_issues_and_emails_each_holder_once(
    event, coordinator, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    batch = batches.start_event_certificates(event, by=coordinator, email_holders=True)
    original = runs.issue_certificate
    issued = []

    def dying_after_two(registration, **kwargs):
        if len(issued) == 2:
            raise KeyboardInterrupt  # the worker is killed between two certificates
        issued.append(registration.pk)
        return original(registration, **kwargs)

    monkeypatch.setattr(runs, "issue_certificate", dying_after_two)
    with pytest.raises(KeyboardInterrupt):
        runs.run_batch(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done) == (CertificateBatch.Status.RUNNING, 2)

    monkeypatch.undo()
    runs.run_batch(batch.pk)  # the task again, once its lease ran out
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.errors) == (CertificateBatch.Status.FINISHED, 3, [])
    assert Certificate.objects.filter(registration__event=event).count() == 3
    queued = DBTaskResult.objects.filter(task_path="portal.tasks.send_email")
    assert queued.count() == 3
    assert sorted(r.args_kwargs["args"][0]["to"][0] for r in queued) == sorted(
        r.user.email for r in runs.attendees_to_certify(event)
    )


def test_a_run_with_no_progress_for_longer_than_its_lease_shows_as_stalled(
    event, coordinator, client
):
    batch = batches.start_event_certificates(event, by=coordinator, email_holders=False)
    client.force_login(coordinator)
    page = client.get(f"/certificates/runs/{batch.pk}/")
    assert "stalled" not in page.content.decode()
    assert "Cancel this run" in page.content.decode()

    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=CertificateBatch.Status.RUNNING,
        progress_at=timezone.now() - batch.stalled_after - timedelta(seconds=1),
    )
    page = client.get(f"/certificates/runs/{batch.pk}/")
    assert "This run is stalled" in page.content.decode()

    response = client.post(f"/certificates/runs/{batch.pk}/cancel/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.CANCELLED
    page = client.get(f"/certificates/runs/{batch.pk}/")
    assert "Certificates cancelled" in page.content.decode()
    assert "Refresh" not in page.headers
