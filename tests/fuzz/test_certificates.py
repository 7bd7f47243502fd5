"""Certificates: public verification, and coordinators issuing, revoking and re-issuing."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from portal.codes import CERTIFICATE_CODE
from portal.forms import SignupForm
from portal.validators import one_line
from tests.factories import certificates as cf
from tests.factories.certificates import media_in_tmp  # noqa: F401
from training.models import Certificate, CertificateBatch
from training.services.certificates import batches

from . import strategies as s
from .checks import (
    Change,
    Outcomes,
    assert_sound,
    attempt_as,
    client_for,
    logged,
    querydict,
    segment,
)
from .routes import fuzzes

pytestmark = pytest.mark.django_db

# Issuing makes a PDF (about a tenth of a second each): fewer examples there.
PDF = settings(s.FUZZ, max_examples=15)


@pytest.fixture
def certs(people):
    attendee = cf.attendee(user=people.staff_a)
    training = cf.training_certificate(cf.attendee(), by=people.coordinator, with_pdf=False)
    school = cf.school_certificate(cf.recorded_delivery(), by=people.coordinator)
    return {
        "attendee": attendee,
        "absent": cf.attendee(attendance="absent"),
        "training": training,
        "school": school,
        "delivery": cf.recorded_delivery(),
    }


def _typed(code):
    return st.sampled_from([code, code.lower(), "-".join(code[i : i + 4] for i in range(0, 20, 4))])


@fuzzes("training:certificate_verify_form", "training:certificate_verify")
def test_checking_a_certificate(certs):
    outcomes = Outcomes()
    code = certs["training"].code

    @s.FUZZ
    @given(query=s.form({"code": _typed(code)}), path=s.path_segment(_typed(code)))
    def run(query, path):
        with outcomes.attempt() as attempt:
            response = attempt.get("/certificates/verify/", query)
            assert_sound(response)
            if response.status_code == 302:
                typed = CERTIFICATE_CODE.normalise(querydict(query)["code"])
                assert response.url == f"/certificates/verify/{segment(typed)}/"
                outcomes["accepted"] += 1
            elif query:
                assert response.status_code == 200
                assert b"govuk-error-summary" in response.content
                outcomes["refused"] += 1
            page = attempt.client.get(f"/certificates/verify/{segment(path)}/")
            assert_sound(page)
            found = CERTIFICATE_CODE.normalise(path) == code
            assert page.status_code in ((200, 302) if found else (302, 404))
            assert attempt.changes() == {}

    run()
    outcomes.require("accepted", "refused")


@fuzzes(
    "training:certificate_event", "training:certificate_batch", "training:certificate_batch_zip"
)
def test_starting_an_event_run(people, certs):
    outcomes = Outcomes()
    event = certs["attendee"].event
    nobody = certs["absent"].event

    @s.FUZZ
    @given(
        pk=s.mostly(st.just(event.pk), s.ids(nobody)),
        data=s.form({"email_holders": st.sampled_from(["on", "true", "1"])}),
    )
    def run(pk, data):
        with outcomes.attempt(people.coordinator) as attempt:
            response = attempt.post(f"/certificates/events/{pk}/", data)
            if response.status_code == 302:
                batch = CertificateBatch.objects.get()
                assert batch.event == event and batch.total == 1
                attempt.accepted({"training.CertificateBatch": Change(added=1), **logged()})
                assert_sound(attempt.client.get(response.url))
                assert attempt.client.get(f"{response.url}zip/").status_code == 404
            else:
                attempt.refused()
            for path in (f"/certificates/runs/{pk}/", f"/certificates/runs/{pk}/zip/"):
                assert attempt.client.get(path).status_code in (200, 404)

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:certificate_batch_cancel")
def test_cancelling_a_run(people, certs):
    """Cancelling reads nothing but the run's id: whatever is posted with it, a
    going run is cancelled once and anything else is refused with no change."""
    outcomes = Outcomes()
    event = certs["attendee"].event
    batch = batches.start_event_certificates(event, by=people.coordinator, email_holders=False)

    @s.FUZZ
    @given(pk=s.mostly(st.just(batch.pk), s.ids()), data=s.form({"email_holders": st.just("")}))
    def run(pk, data):
        with outcomes.attempt(people.coordinator) as attempt:
            response = attempt.post(f"/certificates/runs/{pk}/cancel/", data)
            if str(pk) == str(batch.pk):
                assert response.status_code == 302
                attempt.accepted({"training.CertificateBatch": Change(changed=1), **logged()})
                assert_sound(attempt.client.get(response.url))
            else:
                assert response.status_code == 404
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:certificate_issue")
def test_issuing_to_one_attendee(people, certs):
    outcomes = Outcomes()
    attendee = certs["attendee"]

    @PDF
    @given(pk=s.mostly(st.just(attendee.pk), s.ids(certs["absent"])))
    def run(pk):
        with outcomes.attempt(people.coordinator) as attempt:
            attempt.post(f"/certificates/registrations/{pk}/issue/", [])
            certificate = Certificate.objects.filter(registration=attendee).first()
            if certificate is not None:
                assert certificate.holder_name == attendee.user.get_full_name()
                attempt.accepted({"training.Certificate": Change(added=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:certificate_issue_school")
def test_issuing_to_a_school(people, certs, past_delivery):
    outcomes = Outcomes()
    delivery = certs["delivery"]

    @PDF
    @given(pk=s.mostly(st.just(delivery.pk), s.ids(past_delivery)))
    def run(pk):
        with outcomes.attempt(people.coordinator) as attempt:
            attempt.post(f"/certificates/deliveries/{pk}/issue/", [])
            if Certificate.objects.filter(delivery=delivery).exists():
                attempt.accepted({"training.Certificate": Change(added=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


def _numbers(certs):
    numbers = [certs["training"].number, certs["school"].number]
    return s.mostly(st.sampled_from(numbers), s.path_segment(st.just(numbers[0].lower())))


@fuzzes("training:certificate_revoke")
def test_revoking_a_certificate(people, certs):
    outcomes = Outcomes()

    @s.FUZZ
    @given(
        number=_numbers(certs),
        data=s.form({"reason": st.sampled_from(["Issued in error", "Did not attend"])}),
    )
    def run(number, data):
        with outcomes.attempt(people.coordinator) as attempt:
            response = attempt.post(f"/certificates/{segment(number)}/revoke/", data)
            revoked = Certificate.objects.filter(revoked_at__isnull=False).first()
            if revoked is not None:
                assert response.status_code == 302
                assert revoked.number == number
                assert revoked.revoked_reason == querydict(data)["reason"].strip()
                attempt.accepted({"training.Certificate": Change(changed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:certificate_reissue", "training:certificate_download")
def test_reissuing_and_downloading_by_number(people, certs):
    outcomes = Outcomes()
    training = certs["training"]

    @PDF
    @given(
        number=_numbers(certs), who=s.mostly(st.just(people.coordinator), st.just(people.staff_b))
    )
    def run(number, who):
        with outcomes.attempt(who) as attempt:
            download = attempt.client.get(f"/certificates/{segment(number)}/download/")
            assert_sound(download)
            assert download.status_code in (200, 404)
            attempt.snapshot()
            attempt.post(f"/certificates/{segment(number)}/reissue/", [])
            if attempt.changes():
                assert number in (training.number, certs["school"].number)
                attempt.accepted({"training.Certificate": Change(changed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


def test_any_name_a_person_can_sign_up_with_prints_on_their_certificate(people, certs):
    """Names are typed by their owners at sign-up and printed on certificates (the
    PDF and the public verification page)."""
    attendee = certs["attendee"]
    user = attendee.user

    @PDF
    @given(first=s.hostile_text(), last=s.hostile_text())
    def run(first, last):
        fields = SignupForm.base_fields
        posted = querydict([("first_name", first), ("last_name", last)])  # as a browser sends
        try:  # the names sign-up accepts (it refuses control characters with a message)
            names = {
                k: fields[k].clean(one_line.regex.sub("", posted[k])).strip()
                for k in ("first_name", "last_name")
            }
        except ValidationError:
            names = None
        assume(names is not None)
        with attempt_as(people.coordinator) as attempt:
            type(user).objects.filter(pk=user.pk).update(**names)
            response = attempt.post(f"/certificates/registrations/{attendee.pk}/issue/", [])
            assert response.status_code == 302
            certificate = Certificate.objects.get(registration=attendee)
            assert certificate.holder_name == f"{names['first_name']} {names['last_name']}"
            download = attempt.client.get(f"/certificates/{certificate.number}/download/")
            assert download.status_code == 200
            assert download.content.startswith(b"%PDF")
            assert_sound(client_for().get(f"/certificates/verify/{certificate.code}/"))

    run()
