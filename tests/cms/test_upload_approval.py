"""A presenter's documents and images are not public until a coordinator approves
them, or approves a page that uses them (cms.uploads)."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, ModelLogEntry

from cms import uploads
from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def officer(site_pages):
    return school_factories.presenter_profile().user


@pytest.fixture
def coordinator(site_pages):
    return factories.coordinator()


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def upload_document(client, user, captured, title="Online safety leaflet", **fields):
    client.force_login(user)
    with captured(execute=True):
        response = client.post(
            reverse("wagtaildocs:add"),
            {"title": title, "file": SimpleUploadedFile("leaflet.pdf", PDF), **fields},
        )
    assert response.status_code == 302, response.context["form"].errors
    return Document.objects.get(title=title)


def upload_image(client, user, captured):
    client.force_login(user)
    with captured(execute=True):
        response = client.post(
            reverse("wagtailimages:add"),
            {"title": "Poster", "file": SimpleUploadedFile("poster.png", _png(), "image/png")},
        )
    assert response.status_code == 302, response.context["form"].errors
    return Image.objects.get(title="Poster")


def fetch(client, document):
    response = client.get(document.url)
    if response.streaming:  # read to the end, which closes the file (the test client
        # closes the response then; closing it again would end the test's connection)
        b"".join(response.streaming_content)
    return response


def test_a_presenters_document_waits_unseen_by_the_public(
    client, officer, coordinator, django_capture_on_commit_callbacks
):
    document = upload_document(client, officer, django_capture_on_commit_callbacks)
    assert document.collection == uploads.awaiting_collection()

    client.logout()
    refused = fetch(client, document)
    assert refused.status_code == 302
    assert refused.headers["Location"].startswith(reverse("account_login"))
    client.force_login(factories.school_staff())
    assert fetch(client, document).status_code == 302
    client.force_login(coordinator)
    assert fetch(client, document).status_code == 200


def test_coordinators_are_told_an_upload_waits(
    client, officer, coordinator, django_capture_on_commit_callbacks
):
    upload_document(client, officer, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert message.subject == "A document is waiting for your approval: Online safety leaflet"
    assert officer.get_full_name() in message.body
    assert reverse("cms_uploads_waiting") in message.body


def test_a_coordinators_own_upload_is_public_at_once(
    client, coordinator, django_capture_on_commit_callbacks
):
    root = Collection.get_first_root_node()
    document = upload_document(
        client, coordinator, django_capture_on_commit_callbacks, collection=root.pk
    )
    assert document.collection == root
    assert mail.outbox == []
    client.logout()
    assert fetch(client, document).status_code == 200


def test_a_presenter_cannot_move_their_upload_out_of_the_waiting_room(
    client, officer, django_capture_on_commit_callbacks
):
    document = upload_document(client, officer, django_capture_on_commit_callbacks)
    root = Collection.get_first_root_node()
    client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Moved", "collection": root.pk},
    )
    document.refresh_from_db()
    assert document.collection == uploads.awaiting_collection()


def test_a_coordinator_approves_a_document_from_the_list(
    client, officer, coordinator, django_capture_on_commit_callbacks
):
    document = upload_document(client, officer, django_capture_on_commit_callbacks)
    client.force_login(coordinator)
    page = client.get(reverse("cms_uploads_waiting"))
    assert page.status_code == 200
    assert "Online safety leaflet" in page.text
    assert officer.get_full_name() in page.text

    response = client.post(reverse("cms_upload_approve", args=["document", document.pk]))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.collection == Collection.get_first_root_node()
    entry = ModelLogEntry.objects.get(action="cms.upload.approved")
    assert (entry.user, entry.object_id) == (coordinator, str(document.pk))
    client.logout()
    assert fetch(client, document).status_code == 200

    client.force_login(coordinator)
    again = client.post(reverse("cms_upload_approve", args=["document", document.pk]), follow=True)
    assert "already been approved" in again.text
    assert "Online safety leaflet" not in client.get(reverse("cms_uploads_waiting")).text


def test_presenters_and_school_staff_cannot_approve(
    client, officer, django_capture_on_commit_callbacks
):
    document = upload_document(client, officer, django_capture_on_commit_callbacks)
    for user in (officer, factories.school_staff()):
        client.force_login(user)
        assert client.get(reverse("cms_uploads_waiting")).status_code in (302, 403)
        client.post(reverse("cms_upload_approve", args=["document", document.pk]))
    document.refresh_from_db()
    assert document.collection == uploads.awaiting_collection()


def test_an_approved_page_makes_the_uploads_it_uses_public(
    client, officer, coordinator, django_capture_on_commit_callbacks
):
    document = upload_document(client, officer, django_capture_on_commit_callbacks)
    image = upload_image(client, officer, django_capture_on_commit_callbacks)
    unused = upload_document(client, officer, django_capture_on_commit_callbacks, title="Unused")
    assert image.collection == uploads.awaiting_collection()
    page = cms_factories.resource_page(
        publish=False,
        body=[
            ("document", {"document": document, "description": "Leaflet"}),
            ("image", {"image": image, "alt_text": "A poster", "decorative": False}),
        ],
    )
    page.get_latest_revision().publish(user=coordinator)

    root = Collection.get_first_root_node()
    document.refresh_from_db()
    image.refresh_from_db()
    unused.refresh_from_db()
    assert (document.collection, image.collection) == (root, root)
    assert unused.collection == uploads.awaiting_collection()
    entries = ModelLogEntry.objects.filter(action="cms.upload.approved")
    assert {(e.content_type.model, e.object_id, e.data["page_id"]) for e in entries} == {
        ("document", str(document.pk), page.pk),
        ("image", str(image.pk), page.pk),
    }


def test_the_admin_home_tells_coordinators_what_waits(
    client, officer, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    assert "waiting for your approval" not in client.get(reverse("wagtailadmin_home")).text
    upload_document(client, officer, django_capture_on_commit_callbacks)
    upload_image(client, officer, django_capture_on_commit_callbacks)
    client.force_login(coordinator)
    home = client.get(reverse("wagtailadmin_home")).text
    assert "2 uploads waiting for your approval" in home
    assert reverse("cms_uploads_waiting") in home
    client.force_login(officer)
    assert "waiting for your approval" not in client.get(reverse("wagtailadmin_home")).text
