"""A coordinator issues an event's certificates, watches the run, downloads the ZIP,
and anyone checks a certificate: every page axe-clean."""

import io
import zipfile

import pytest

from tests import factories
from tests.e2e.conftest import check
from tests.factories import certificates as cf
from tests.factories import training as tf
from tests.factories.certificates import media_in_tmp  # noqa: F401
from training.models import Certificate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def demo_pages(transactional_db):
    from cms.demo import seed_pages

    seed_pages()


def test_issue_watch_download_and_verify(visit, page, sign_in):
    event = tf.event()
    holders = [cf.attendee(event_=event).user for _ in range(3)]
    tf.registration(event_=event)  # not marked attended

    sign_in(factories.coordinator())
    visit(f"/certificates/events/{event.pk}/")
    page.get_by_label("Email each certificate to its holder").check()
    page.get_by_role("button", name="Issue certificates").click()
    page.wait_for_load_state()
    check(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Certificates issued"
    assert "3 of 3" in page.locator("#progress-label").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all certificates (ZIP)").click()
    with open(download_info.value.path(), "rb") as f, zipfile.ZipFile(io.BytesIO(f.read())) as z:
        assert len(z.namelist()) == 3

    certificate = Certificate.objects.get(registration__user=holders[0])
    visit("/certificates/verify/")
    page.get_by_label("Verification code").fill(certificate.display_code.lower())
    page.get_by_role("button", name="Check certificate").click()
    page.wait_for_load_state()
    check(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Certificate is valid"
    assert certificate.holder_name in page.content()


def test_coordinator_pages_are_accessible(visit, page, sign_in):
    coordinator = factories.coordinator()
    certificate = cf.training_certificate(by=coordinator)
    cf.school_certificate(by=coordinator)
    sign_in(coordinator)
    visit("/certificates/")
    visit(f"/certificates/events/{certificate.registration.event_id}/")
    visit(f"/certificates/{certificate.number}/revoke/")
    page.get_by_role("button", name="Revoke certificate").click()
    page.wait_for_load_state()
    check(page)  # the error summary
    page.get_by_label("Why is this certificate being revoked?").fill("Issued by mistake")
    page.get_by_role("button", name="Revoke certificate").click()
    page.wait_for_load_state()
    check(page)
    visit(certificate.get_verify_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Certificate revoked"


def test_holder_dashboard_and_not_found_are_accessible(visit, page, sign_in):
    certificate = cf.training_certificate()
    sign_in(certificate.registration.user)
    visit("/dashboard/")
    assert page.locator(f'a[href="{certificate.get_download_url()}"]').count() == 1
    response = page.goto("/certificates/verify/AAAAAAAAAAAAAAAAAAAA/")
    assert response.status == 404
    # Chromium reports the page's own 404 status on the console; that is expected here.
    page.console_errors[:] = [e for e in page.console_errors if "status of 404" not in e]
    check(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Certificate not found"
    visit("/certificates/verify/?code=abc")
