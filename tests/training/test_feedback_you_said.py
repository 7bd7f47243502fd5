"""'You said, we did': coordinators keep the list; everyone can read what is published."""

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import feedback as fb

pytestmark = pytest.mark.django_db

ADMIN_LIST = "/admin/snippets/training/yousaidwedid/"


def test_public_page_lists_only_published_items(client):
    fb.you_said_we_did(we_did="We added a quiz")
    fb.you_said_we_did(we_did="A draft change", published=False)
    page = client.get(reverse("training:you_said_we_did"))
    assert page.status_code == 200
    assert "We added a quiz" in page.text and "A draft change" not in page.text


def test_coordinators_manage_the_list_in_the_admin_and_presenters_cannot(client):
    client.force_login(factories.coordinator())
    assert client.get(ADMIN_LIST).status_code == 200
    response = client.post(
        ADMIN_LIST + "add/",
        {
            "you_said": "Too long",
            "we_did": "Made it shorter",
            "date": "2026-02-01",
            "published": "on",
        },
    )
    assert response.status_code == 302
    client.force_login(factories.presenter())
    assert client.get(ADMIN_LIST).status_code in (302, 403)


def test_coordinators_read_and_export_teacher_feedback_in_the_admin(client):
    from datetime import timedelta

    from django.utils import timezone

    row = fb.teacher_feedback(
        delivery=fb.delivered(start=timezone.now() - timedelta(days=1)), comments="Very useful"
    )
    client.force_login(factories.coordinator())
    listing = client.get("/admin/teacher_feedback/")
    assert listing.status_code == 200
    inspect = client.get(f"/admin/teacher_feedback/inspect/{row.pk}/")
    assert "Very useful" in inspect.text
    export = client.get("/admin/teacher_feedback/?export=csv")
    assert export.status_code == 200
    assert b"Very useful" in b"".join(export.streaming_content)
    assert client.get(f"/admin/teacher_feedback/edit/{row.pk}/").status_code in (302, 403)
    client.force_login(factories.presenter())
    assert client.get("/admin/teacher_feedback/").status_code in (302, 403)
