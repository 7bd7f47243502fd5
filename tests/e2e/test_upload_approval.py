"""A presenter uploads a document in the admin; it is not public until a
coordinator approves it from "Uploads to approve" (cms.uploads)."""

import os

import pytest
from django.urls import reverse
from wagtail.documents.models import Document

from cms.moderation import ensure_moderation
from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_presenters_document_is_public_only_once_a_coordinator_approves_it(
    page, sign_in, browser, live_server, tmp_path
):
    cms_factories.home_page()
    ensure_moderation()
    presenter = school_factories.presenter_profile().user
    coordinator = factories.coordinator()
    screenshots = os.environ.get("SCREENSHOT_DIR", str(tmp_path))  # to look at them
    leaflet = tmp_path / "staying-safe-leaflet.pdf"
    leaflet.write_bytes(PDF)

    sign_in(presenter)
    page.goto("/admin/documents/add/")
    page.get_by_label("Title").fill("Staying safe leaflet")
    page.get_by_label("File").set_input_files(str(leaflet))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state("networkidle")
    document = Document.objects.get(title="Staying safe leaflet")
    assert page.console_errors == []

    public = browser.new_context(base_url=live_server.url)
    refused = public.request.get(document.url, max_redirects=0)
    assert refused.status == 302

    sign_in(coordinator)
    page.goto("/admin/")
    page.get_by_role("link", name="Uploads to approve").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(reverse("cms_uploads_waiting"))
    page.screenshot(path=f"{screenshots}/uploads-waiting.png", full_page=True)
    page.get_by_role("button", name="Approve “Staying safe leaflet”").click()
    page.wait_for_load_state("networkidle")
    assert "is approved and now public" in page.content()
    assert "No documents are waiting." in page.content()
    page.screenshot(path=f"{screenshots}/uploads-approved.png", full_page=True)
    assert page.console_errors == []

    served = public.request.get(document.url)
    assert served.status == 200
    assert served.body() == PDF
    public.close()
