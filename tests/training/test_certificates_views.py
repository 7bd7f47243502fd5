"""Certificate pages: who may see what, public verification and its rate limit."""

import html

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests import factories
from tests.factories import certificates as cf
from tests.factories import training as tf
from tests.factories.certificates import media_in_tmp  # noqa: F401
from training.models import Certificate, CertificateBatch
from training.services.certificates import batches, issuing
from training.views.certificates import VERIFY_MISSES_ALLOWED

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(coordinator):
    """A holder with a training certificate, a school with a participation
    certificate, and everyone who must or must not see them."""
    school = factories.SchoolFactory()
    holder = factories.school_staff(school=school)
    training = cf.training_certificate(cf.attendee(user=holder), by=coordinator, with_pdf=False)
    delivery = cf.recorded_delivery(school=school)
    participation = cf.school_certificate(delivery, by=coordinator)
    return {
        "training": training,
        "school": participation,
        "people": {
            "anonymous": None,
            "holder": holder,
            "colleague": factories.school_staff(school=school),
            "other_staff": factories.school_staff(),
            "presenter": factories.presenter(),
            "coordinator": coordinator,
        },
    }


def as_(client, user):
    if user is not None:
        client.force_login(user)
    return client


# who -> expected status, for each address
HOLDER_DOWNLOAD = {
    "anonymous": 302,
    "holder": 200,
    "colleague": 404,
    "other_staff": 404,
    "presenter": 404,
    "coordinator": 200,
}
SCHOOL_DOWNLOAD = {
    "anonymous": 302,
    "holder": 200,
    "colleague": 200,
    "other_staff": 404,
    "presenter": 404,
    "coordinator": 200,
}
COORDINATORS_ONLY = {
    "anonymous": 302,
    "holder": 403,
    "colleague": 403,
    "other_staff": 403,
    "presenter": 403,
    "coordinator": 200,
}
WHO = list(HOLDER_DOWNLOAD)


@pytest.mark.parametrize("who", WHO)
def test_training_certificate_download_is_for_its_holder_and_coordinators(client, world, who):
    certificate = world["training"]
    response = as_(client, world["people"][who]).get(certificate.get_download_url())
    assert response.status_code == HOLDER_DOWNLOAD[who]
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert f'filename="{certificate.number}.pdf"' in response["Content-Disposition"]
        assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("who", WHO)
def test_school_certificate_download_is_for_the_schools_staff_and_coordinators(client, world, who):
    response = as_(client, world["people"][who]).get(world["school"].get_download_url())
    assert response.status_code == SCHOOL_DOWNLOAD[who]


def coordinator_addresses(world, batch):
    training = world["training"]
    return [
        ("get", reverse("training:certificates"), 200),
        ("get", reverse("training:certificate_event", args=[training.registration.event_id]), 200),
        ("get", reverse("training:certificate_batch", args=[batch.pk]), 200),
        ("get", reverse("training:certificate_batch_zip", args=[batch.pk]), 200),
        ("get", reverse("training:certificate_revoke", args=[training.number]), 200),
        ("post", reverse("training:certificate_reissue", args=[training.number]), 302),
        ("post", reverse("training:certificate_issue", args=[training.registration_id]), 302),
        (
            "post",
            reverse("training:certificate_issue_school", args=[world["school"].delivery_id]),
            302,
        ),
        ("get", "/admin/certificate/", 200),
        ("get", f"/admin/certificate/inspect/{training.pk}/", 200),
    ]


@pytest.mark.parametrize("who", WHO)
def test_coordinator_pages_are_for_coordinators_only(
    client, world, who, coordinator, django_capture_on_commit_callbacks
):
    event = world["training"].registration.event
    with django_capture_on_commit_callbacks(execute=True):
        batch = batches.start_event_certificates(event, by=coordinator, email_holders=False)
    before = list(Certificate.objects.order_by("pk").values_list("issued_at", flat=True))
    as_(client, world["people"][who])
    for method, address, allowed in coordinator_addresses(world, batch):
        response = getattr(client, method)(address)
        if response.streaming:  # read to the end, which closes the file (the ZIP)
            b"".join(response.streaming_content)
        expected = allowed if who == "coordinator" else COORDINATORS_ONLY[who]
        if address.startswith("/admin/") and who != "coordinator":
            expected = 302  # the Wagtail admin sends anyone without access to sign in
        assert response.status_code == expected, (method, address, who)
    if who != "coordinator":  # nothing was issued again by anyone else
        assert (
            list(Certificate.objects.order_by("pk").values_list("issued_at", flat=True)) == before
        )


@pytest.mark.parametrize("who", WHO)
def test_anyone_can_verify(client, world, who):
    response = as_(client, world["people"][who]).get(world["training"].get_verify_url())
    assert response.status_code == 200


# ---------------------------------------------------------------- verification


def test_verify_shows_only_name_course_date_and_issuer(client, world):
    certificate = world["training"]
    # Read as a person does: the escaped page text unescaped (names such as O'Connor).
    page = html.unescape(client.get(certificate.get_verify_url()).content.decode())
    assert "Certificate is valid" in page
    assert certificate.holder_name in page
    assert certificate.title in page
    assert certificate.held_on.strftime("%-d %B %Y") in page
    assert certificate.issuer in page
    holder = world["people"]["holder"]
    assert holder.email not in page
    assert certificate.school_name not in page


def test_revocation_shows_on_the_verify_page_with_its_date(client, world, coordinator):
    certificate = issuing.revoke_certificate(
        world["training"], by=coordinator, reason="Secret internal reason"
    )
    page = client.get(certificate.get_verify_url()).content.decode()
    assert "Certificate revoked" in page
    assert f"revoked on {certificate.revoked_at:%-d %B %Y}" in page
    assert "Secret internal reason" not in page
    assert "Certificate is valid" not in page


def test_unknown_code_says_not_found_and_nothing_else(client, world):
    response = client.get(reverse("training:certificate_verify", args=["A" * 20]))
    page = response.content.decode()
    assert response.status_code == 404
    assert "Certificate not found" in page
    for certificate in (world["training"], world["school"]):
        assert certificate.holder_name not in page
        assert certificate.title not in page


def test_a_code_typed_loosely_still_finds_the_certificate(client, world):
    certificate = world["training"]
    typed = certificate.display_code.lower().replace("0", "o")
    response = client.get(reverse("training:certificate_verify_form"), {"code": f" {typed} "})
    assert response.status_code == 302
    assert response["Location"] == certificate.get_verify_url()


def test_a_code_of_the_wrong_length_gets_a_message_on_the_form(client):
    response = client.get(reverse("training:certificate_verify_form"), {"code": "ABC"})
    assert response.status_code == 200
    assert "Enter the 20 letters and numbers of the verification code" in response.content.decode()


def test_guessing_is_slowed_down_per_client_without_storing_the_address(client, world, settings):
    certificate = world["training"]
    for n in range(VERIFY_MISSES_ALLOWED):
        guess = reverse("training:certificate_verify", args=[f"{n:020d}"])
        assert client.get(guess, REMOTE_ADDR="203.0.113.9").status_code == 404
    blocked = client.get(certificate.get_verify_url(), REMOTE_ADDR="203.0.113.9")
    assert blocked.status_code == 429
    assert "Too many checks" in blocked.content.decode()
    # Another client is not affected.
    assert client.get(certificate.get_verify_url(), REMOTE_ADDR="198.51.100.7").status_code == 200
    stored = repr(cache._cache) if hasattr(cache, "_cache") else ""
    assert "203.0.113.9" not in stored


def test_valid_lookups_do_not_count_towards_the_limit(client, world):
    for _ in range(VERIFY_MISSES_ALLOWED + 5):
        assert client.get(world["training"].get_verify_url()).status_code == 200


# ---------------------------------------------------------------- coordinator actions


def test_revoke_form_needs_a_reason(client, world, coordinator):
    client.force_login(coordinator)
    certificate = world["training"]
    response = client.post(
        reverse("training:certificate_revoke", args=[certificate.number]), {"reason": ""}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_coordinator_revokes_then_reissues_keeping_the_number(client, world, coordinator):
    client.force_login(coordinator)
    certificate = world["training"]
    client.post(
        reverse("training:certificate_revoke", args=[certificate.number]),
        {"reason": "Wrong course"},
    )
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_reason == "Wrong course"
    client.post(reverse("training:certificate_reissue", args=[certificate.number]))
    reissued = Certificate.objects.get(pk=certificate.pk)
    assert not reissued.is_revoked
    assert (reissued.number, reissued.code) == (certificate.number, certificate.code)


def test_issuing_to_someone_not_attended_shows_the_reason(client, coordinator):
    client.force_login(coordinator)
    registration = tf.registration()
    response = client.post(
        reverse("training:certificate_issue", args=[registration.pk]), follow=True
    )
    assert "Only people marked as attended can get a certificate." in response.content.decode()
    assert not Certificate.objects.exists()


def test_event_page_starts_a_run_and_shows_its_progress(
    client, coordinator, django_capture_on_commit_callbacks
):
    event = tf.event()
    for _ in range(2):
        cf.attendee(event_=event)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("training:certificate_event", args=[event.pk]), {"email_holders": "on"}
        )
    batch = CertificateBatch.objects.get(event=event)
    assert response["Location"] == reverse("training:certificate_batch", args=[batch.pk])
    page = client.get(response["Location"])
    assert "2 of 2" in page.content.decode()
    assert "Download all certificates (ZIP)" in page.content.decode()
    assert "Refresh" not in page  # finished: no more reloading


def test_progress_page_reloads_itself_while_the_run_goes_on(client, coordinator):
    event = tf.event()
    cf.attendee(event_=event)
    batch = batches.start_event_certificates(event, by=coordinator, email_holders=False)
    client.force_login(coordinator)
    response = client.get(reverse("training:certificate_batch", args=[batch.pk]))
    assert response["Refresh"] == "5"
    assert "0 of 1" in response.content.decode()


# ---------------------------------------------------------------- dashboard


def test_school_staff_find_their_own_and_their_schools_certificates_on_the_dashboard(client, world):
    client.force_login(world["people"]["holder"])
    page = client.get("/dashboard/").content.decode()
    assert world["training"].get_download_url() in page
    assert world["school"].get_download_url() in page

    client.force_login(world["people"]["colleague"])
    page = client.get("/dashboard/").content.decode()
    assert world["training"].get_download_url() not in page
    assert world["school"].get_download_url() in page


def test_revoked_certificates_leave_the_dashboard(client, world, coordinator):
    issuing.revoke_certificate(world["training"], by=coordinator, reason="Mistake")
    client.force_login(world["people"]["holder"])
    assert world["training"].get_download_url() not in client.get("/dashboard/").content.decode()
