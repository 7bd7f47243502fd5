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
