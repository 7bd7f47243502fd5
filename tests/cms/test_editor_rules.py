"""The editor's rules for presenters: their own organisation only (chosen for them,
offered alone by the chooser, kept on drafts), chooser ids that cannot be ids
answer 404, and Wagtail's moderation emails go through the task queue."""

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from cms.models import SessionPage
from tests import factories
from tests.factories import cms
from tests.factories import schools as school_factories
from training.forms.reports import ReportFilterForm

from .test_moderation import edit, edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(site_pages):
    return cms.partner("Westshire Police")


@pytest.fixture
def nhs(site_pages):
    return cms.partner("Westshire NHS Trust")


@pytest.fixture
def officer(police):
    return school_factories.presenter_profile(organisation=police).user


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["cms", "sessionpage", parent.pk])


@pytest.mark.parametrize(
    "path",
    [
        "/admin/snippets/choose/cms/topic/chosen/x/",
        "/admin/snippets/choose/cms/partnerorganisation/chosen/x/",
        "/admin/documents/chooser/x/",
        "/admin/images/chooser/x/",
        "/admin/snippets/choose/cms/topic/chosen-multiple/?id=x",
    ],
)
def test_a_chooser_answers_404_to_an_id_that_cannot_be_one(client, site_pages, path):
    client.force_login(factories.coordinator())
    assert client.get(path).status_code == 404


def test_the_organisation_chooser_offers_a_presenter_only_their_own(client, officer, police, nhs):
    client.force_login(officer)
    response = client.get("/admin/snippets/choose/cms/partnerorganisation/")
    html = response.json()["html"]
    assert police.name in html
    assert nhs.name not in html
    assert (
        client.get(f"/admin/snippets/choose/cms/partnerorganisation/chosen/{nhs.pk}/").status_code
        == 404
    )
    chosen = client.get(f"/admin/snippets/choose/cms/partnerorganisation/chosen/{police.pk}/")
    assert chosen.json()["result"]["id"] == str(police.pk)


def test_the_organisation_chooser_offers_a_coordinator_every_organisation(client, police, nhs):
    client.force_login(factories.coordinator())
    html = client.get("/admin/snippets/choose/cms/partnerorganisation/").json()["html"]
    assert police.name in html and nhs.name in html


def test_a_new_page_starts_with_the_presenters_organisation_chosen(
    client, officer, police, site_pages
):
    client.force_login(officer)
    response = client.get(add_url(site_pages["sessions"]))
    assert response.context["form"]["partner"].value() == police.pk


def test_a_draft_saved_early_keeps_the_presenters_organisation(client, officer, police, site_pages):
    """ "Save draft" lets required fields wait; the organisation never does, so the
    presenter can open their own draft again."""
    client.force_login(officer)
    template = cms.session_page(publish=False, partner=police)
    data = edit_data(template, title="Half done", slug="half-done", partner="", summary="")
    response = client.post(add_url(site_pages["sessions"]), data)
    assert response.status_code == 302
    page = SessionPage.objects.get(slug="half-done")
    assert page.partner == police and not page.live
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_a_presenter_opens_their_own_draft_saved_without_an_organisation(client, officer):
    page = cms.session_page(title="Old draft", publish=False, owner=officer)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 302
    client.force_login(officer)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    stranger = school_factories.presenter_profile(organisation=cms.partner("Other")).user
    client.force_login(stranger)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code in (302, 403)


def test_a_presenter_without_an_organisation_is_told_what_to_do(client, site_pages):
    presenter = factories.presenter()
    client.force_login(presenter)
    response = client.post(
        add_url(site_pages["sessions"]),
        edit_data(cms.session_page(publish=False), title="New", slug="new", partner=""),
    )
    assert response.status_code == 200
    assert "not linked to a partner organisation" in response.content.decode()
    assert not SessionPage.objects.filter(slug="new").exists()


def test_moderation_emails_are_queued_not_sent_in_the_request(
    client, officer, police, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    coordinator = factories.coordinator()
    draft = cms.session_page(title="Knife crime", partner=police, publish=False, owner=officer)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, draft, **{"action-submit": "1"})
    assert mail.outbox == []
    queued = DBTaskResult.objects.filter(task_path="portal.tasks.send_email")
    recipients = [address for task in queued for address in task.args_kwargs["args"][0]["to"]]
    assert coordinator.email in recipients
    assert "Knife crime" in queued.first().args_kwargs["args"][0]["subject"]


def test_report_session_filter_lists_live_sessions_only(client, police):
    live = cms.session_page(title="Live one", partner=police)
    cms.session_page(title="Draft one", partner=police, publish=False)
    field = ReportFilterForm().fields["session"]
    assert list(field.queryset) == [Page.objects.get(pk=live.pk).specific]
