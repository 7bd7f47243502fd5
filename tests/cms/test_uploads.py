"""Uploads: documents from an allow-list of extensions and under a size limit, no SVG
images, and documents served through Wagtail's serve view (which checks privacy)."""

import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
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


def test_a_file_that_only_pretends_to_be_an_image_is_refused(client, officer):
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "photo", "file": SimpleUploadedFile("photo.png", b"<html>not a png</html>")},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Image.objects.exists()


def _document(name="leaflet.pdf", content=PDF, **fields):
    document = Document(title="Leaflet", **fields)
    document.file.save(name, ContentFile(content))
    return document


def test_documents_are_served_by_wagtails_serve_view(client, site_pages):
    document = _document()
    assert document.url == reverse("wagtaildocs_serve", args=[document.pk, "leaflet.pdf"])
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    response.close()


@pytest.mark.parametrize(
    ("name", "content"), [("leaflet.pdf", PDF), ("notes.txt", b"<script>alert(1)</script>")]
)
def test_every_document_is_a_download_under_wagtails_restrictive_policy(
    client, site_pages, name, content
):
    response = client.get(_document(name, content).url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    response.close()
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert name in response.headers["Content-Disposition"]
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_media_documents_are_not_reachable_directly(client, site_pages, settings):
    document = _document()
    assert not settings.DEBUG
    assert (settings.MEDIA_ROOT / document.file.name).exists()
    response = client.get(settings.MEDIA_URL + document.file.name)
    assert response.status_code == 404
    assert PDF not in response.content


def test_a_document_in_a_private_collection_needs_a_sign_in(client, site_pages, staff):
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = _document(collection=private)

    refused = client.get(document.url)
    assert refused.status_code == 302
    assert refused.headers["Location"].startswith(reverse("account_login"))

    client.force_login(staff)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    response.close()


def _png(size, mode="1", data=None):
    """A real PNG made by Pillow: a blank 1-bit image packs millions of pixels into
    a few kilobytes; `data` (random bytes) makes one that does not compress."""
    image = PILImage.frombytes(mode, size, data) if data else PILImage.new(mode, size)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, "image/png"), "collection": 1},
    )


def test_a_121_megapixel_png_of_a_few_kilobytes_is_refused_at_the_field(client, officer):
    content = _png((11_000, 11_000))
    assert len(content) < 200 * 1024
    response = upload_image(client, "bomb.png", content)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert "The image is too large" in errors[0]
    assert "Resize it to at most" in errors[0]
    assert "The image is too large" in response.text
    assert not Image.objects.exists()


def test_an_image_over_the_byte_limit_is_refused_at_the_field(client, officer, settings):
    side = 2_000  # 4 megapixels, well within the pixel limit; 12 MB of noise
    content = _png((side, side), "RGB", os.urandom(side * side * 3))
    assert len(content) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = upload_image(client, "noise.png", content)
    assert response.status_code == 200
    assert "The file is too big" in response.context["form"].errors["file"][0]
    assert not Image.objects.exists()


def test_a_photo_within_both_limits_is_accepted(client, officer, settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < 128_000_000  # Wagtail's default
    response = upload_image(client, "photo.png", _png((1200, 800), "RGB"))
    assert response.status_code == 302
    assert (Image.objects.get().width, Image.objects.get().height) == (1200, 800)
