"""Uploads: documents from an allow-list of extensions and under a size limit, no SVG
images, and documents served through Wagtail's serve view (which checks privacy)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image

from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def officer(client, site_pages):
    user = school_factories.presenter_profile().user
    client.force_login(user)
    return user


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_a_presenter_uploads_a_pdf(client, officer):
    response = upload_document(client, "lesson-plan.pdf", PDF)
    assert response.status_code == 302
    assert Document.objects.get().title == "lesson-plan.pdf"


@pytest.mark.parametrize("name", ["payload.exe", "page.html", "macro.docm", "drawing.svg"])
def test_documents_outside_the_allow_list_are_refused(client, officer, name):
    response = upload_document(client, name, b"not allowed")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Document.objects.exists()


def test_documents_over_the_size_limit_are_refused(client, officer, settings):
    settings.PORTAL_DOCUMENT_MAX_UPLOAD_SIZE = 1024
    response = upload_document(client, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200
    assert "too big" in str(response.context["form"].errors["file"])
    assert not Document.objects.exists()


def test_svg_images_are_refused(client, officer):
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "logo", "file": SimpleUploadedFile("logo.svg", SVG, "image/svg+xml")},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Image.objects.exists()


def test_documents_are_served_by_wagtails_serve_view(client, site_pages):
    document = Document(title="Leaflet")
    document.file.save("leaflet.pdf", ContentFile(PDF))
    assert document.url == reverse("wagtaildocs_serve", args=[document.pk, "leaflet.pdf"])
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
