"""Issuing, re-issuing and revoking certificates: the rules in training.services.certificates."""

import re
import threading
import time

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests import factories
from tests.factories import certificates as cf
from tests.factories import training as tf
from tests.factories.certificates import media_in_tmp  # noqa: F401
from training import permissions
from training.models import Certificate, Registration
from training.services.certificates import issuing as services
from training.services.errors import CertificateError

pytestmark = pytest.mark.django_db


def actions(certificate):
    return list(
        ModelLogEntry.objects.filter(object_id=str(certificate.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


@pytest.mark.parametrize(
    "attendance", [Registration.Attendance.UNKNOWN, Registration.Attendance.ABSENT]
)
def test_only_people_marked_attended_get_a_certificate(coordinator, attendance):
    registration = tf.registration(attendance=attendance)
    with pytest.raises(CertificateError) as error:
        services.issue_certificate(registration, by=coordinator)
    assert error.value.code == "not_attended"
    assert not Certificate.objects.exists()


def test_issuing_gives_a_numbered_certificate_with_a_long_random_code_and_a_stored_pdf(
    coordinator,
):
    registration = cf.attendee()
    certificate = services.issue_certificate(registration, by=coordinator)
    assert re.fullmatch(rf"CERT-{timezone.now().year}-\d{{6}}", certificate.number)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{20}", certificate.code)
    assert certificate.kind == Certificate.Kind.TRAINING
    assert certificate.holder_name == registration.user.get_full_name()
    assert certificate.title == registration.event.course.title
    assert certificate.cpd_hours == registration.event.course.cpd_hours
    assert certificate.issued_by == coordinator
    with certificate.pdf.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    assert actions(certificate) == ["training.certificate.issued"]


def test_codes_differ_between_certificates(coordinator):
    codes = {cf.training_certificate(by=coordinator, with_pdf=False).code for _ in range(5)}
    assert len(codes) == 5


def test_reissue_keeps_number_and_code_and_takes_a_fresh_copy(coordinator):
    registration = cf.attendee()
    first = services.issue_certificate(registration, by=coordinator)
    old_pdf = first.pdf.name
    registration.user.last_name = "Corrected-Name"
    registration.user.save()

    again = services.issue_certificate(registration, by=coordinator)

    assert Certificate.objects.count() == 1
    assert (again.number, again.code) == (first.number, first.code)
    assert again.holder_name.endswith("Corrected-Name")
    assert again.pdf.name != old_pdf or again.pdf.size > 0
    assert actions(again) == ["training.certificate.issued", "training.certificate.reissued"]


def test_reissuing_a_revoked_certificate_reinstates_it(coordinator):
    certificate = cf.training_certificate(by=coordinator)
    services.revoke_certificate(certificate, by=coordinator, reason="Issued by mistake")
    again = services.issue_certificate(certificate.registration, by=coordinator)
    assert again.number == certificate.number
    assert again.revoked_at is None and again.revoked_reason == ""


def test_revoking_records_who_when_and_why(coordinator):
    certificate = cf.training_certificate(by=coordinator, with_pdf=False)
    services.revoke_certificate(certificate, by=coordinator, reason="Did not stay to the end")
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == coordinator
    assert certificate.revoked_reason == "Did not stay to the end"
    assert actions(certificate)[-1] == "training.certificate.revoked"


def test_revoking_needs_a_reason_and_changes_nothing_without_one(coordinator):
    certificate = cf.training_certificate(by=coordinator, with_pdf=False)
    with pytest.raises(CertificateError) as error:
        services.revoke_certificate(certificate, by=coordinator, reason="  ")
    assert error.value.code == "no_reason"
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_a_certificate_cannot_be_revoked_twice(coordinator):
    certificate = cf.training_certificate(by=coordinator, with_pdf=False)
    services.revoke_certificate(certificate, by=coordinator, reason="Mistake")
    with pytest.raises(CertificateError) as error:
        services.revoke_certificate(certificate, by=coordinator, reason="Again")
    assert error.value.code == "already_revoked"


def test_school_participation_certificate_names_school_session_date_and_pupils(coordinator):
    delivery = cf.recorded_delivery(pupils=57)
    certificate = services.issue_participation_certificate(delivery, by=coordinator)
    assert certificate.kind == Certificate.Kind.SCHOOL
    assert certificate.holder_name == delivery.booking.school.name
    assert certificate.title == delivery.booking.session.title
    assert certificate.pupils_reached == 57
    assert certificate.held_on == timezone.localtime(delivery.start).date()


def test_a_staff_briefing_certificate_claims_no_pupils(coordinator):
    delivery = cf.recorded_delivery(pupils=57)
    session = delivery.booking.session
    session.format, session.audience = "staff_training", "staff"
    session.save()
    certificate = services.issue_participation_certificate(delivery, by=coordinator)
    assert certificate.pupils_reached is None


def test_school_certificate_needs_the_register(coordinator):
    from tests.factories import schools as sf

    delivery = sf.delivery()
    with pytest.raises(CertificateError) as error:
        services.issue_participation_certificate(delivery, by=coordinator)
    assert error.value.code == "no_register"
    assert not Certificate.objects.exists()


def test_the_database_refuses_a_second_certificate_for_one_registration(coordinator):
    certificate = cf.training_certificate(by=coordinator, with_pdf=False)
    duplicate = Certificate(
        kind=Certificate.Kind.TRAINING,
        registration=certificate.registration,
        holder_name="x",
        title="x",
        held_on=certificate.held_on,
        issuer="x",
        issued_at=timezone.now(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_database_refuses_a_certificate_without_its_subject():
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            kind=Certificate.Kind.TRAINING,
            holder_name="x",
            title="x",
            held_on=timezone.localdate(),
            issuer="x",
            issued_at=timezone.now(),
        )


def test_only_coordinators_manage_certificates(coordinator, presenter, staff):
    assert permissions.can_manage_certificates(coordinator)
    assert not permissions.can_manage_certificates(presenter)
    assert not permissions.can_manage_certificates(staff)


# ---------------------------------------------------------------- races (PostgreSQL)


def _someone_waits_for_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


def _race(registration, by, racers=2):
    """Start `racers` threads issuing the same certificate at once; return their outcomes."""
    barrier = threading.Barrier(racers)
    outcomes = []

    def racer():
        try:
            barrier.wait()
            certificate = services.record_certificate(registration, by=by)
            outcomes.append(certificate.number)
        except Exception as error:
            outcomes.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=racer) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_issuing_at_once_make_one_certificate(monkeypatch):
    by = factories.coordinator()
    registration = cf.attendee()
    # The first racer, past its check, holds on until PostgreSQL shows the other
    # waiting for the row lock (or, were the lock missing, until the other has
    # also passed its check), so the two always overlap.
    original = services._training_snapshot
    arrived = []

    def slow_snapshot(*args):
        arrived.append(1)
        while len(arrived) < 2 and not _someone_waits_for_a_lock():
            time.sleep(0.01)
        return original(*args)

    monkeypatch.setattr(services, "_training_snapshot", slow_snapshot)
    outcomes = _race(registration, by)
    assert all(isinstance(o, str) for o in outcomes), outcomes
    assert len(set(outcomes)) == 1
    assert Certificate.objects.filter(registration=registration).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_without_the_row_lock_the_race_is_real(monkeypatch):
    by = factories.coordinator()
    registration = cf.attendee()
    original_save = Certificate.save
    arrived = threading.Barrier(2, timeout=30)

    def meeting_save(certificate, *args, **kwargs):
        if certificate.pk is None:
            arrived.wait()  # both racers have checked and found no certificate
        return original_save(certificate, *args, **kwargs)

    class NoLock:
        def __init__(self, queryset):
            self.queryset = queryset

        def select_for_update(self, **kwargs):
            return self.queryset

    monkeypatch.setattr(Certificate, "save", meeting_save)
    monkeypatch.setattr(services.Registration, "objects", NoLock(Registration.objects.all()))
    outcomes = _race(registration, by)
    assert any(isinstance(o, IntegrityError) for o in outcomes), outcomes
    assert Certificate.objects.filter(registration=registration).count() == 1
