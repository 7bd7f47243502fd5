"""Presenters draft and submit; coordinators approve, and approval publishes.

A presenter edits only their own organisation's sessions and resources.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, PageLogEntry, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.models import SessionPage
from cms.moderation import TASK_NAME, WORKFLOW_NAME
from portal.roles import COORDINATORS
from tests import factories
from tests.factories import cms
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(site_pages):
    return cms.partner("Westshire Police")


@pytest.fixture
def officer(police):
    """A police presenter."""
    return school_factories.presenter_profile(organisation=police).user


@pytest.fixture
def draft(police):
    return cms.session_page(title="Knife crime", partner=police, publish=False)


def edit_data(page, **overrides):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "format": page.format,
            "audience": page.audience,
            "min_year": page.min_year,
            "max_year": page.max_year,
            "duration_minutes": page.duration_minutes,
            "max_audience": page.max_audience,
            "partner": page.partner_id or "",
            "learning_outcomes": rich_text(page.learning_outcomes),
            "preparation": rich_text(page.preparation),
            "content_warnings": page.content_warnings,
            "related_resources": inline_formset([]),
            "bookable": "on",
            "minimum_notice_days": page.minimum_notice_days,
            "next_review_due": "",
        }
    )
    return data | overrides


def edit(client, page, **data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_data(page, **data))


def test_every_page_goes_through_the_coordinator_approval_workflow(site_pages, draft):
    workflow = draft.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [COORDINATORS]


def test_a_presenter_cannot_publish(client, officer, draft):
    client.force_login(officer)
    assert not draft.permissions_for_user(officer).can_publish()
    edit(client, draft, title="Knife crime: the real consequences", **{"action-publish": "1"})
    draft.refresh_from_db()
    assert not draft.live
    assert draft.get_latest_revision().as_object().title == "Knife crime: the real consequences"
    assert not PageLogEntry.objects.filter(page=draft, action="wagtail.publish").exists()


def test_submitting_creates_a_review_task_for_coordinators(
    client, officer, draft, django_capture_on_commit_callbacks
):
    coordinator = factories.coordinator()
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, draft, **{"action-submit": "1"})
    draft.refresh_from_db()
    state = draft.current_workflow_state
    assert state is not None and state.status == "in_progress"
    task_state = state.current_task_state
    assert task_state.task.name == TASK_NAME
    assert list(TaskState.objects.reviewable_by(coordinator)) == [task_state]
    assert not TaskState.objects.reviewable_by(officer).exists()
    assert "approve" in [
        name for name, *_ in task_state.task.specific.get_actions(draft, coordinator)
    ]
    assert not draft.live
    assert coordinator.email in [address for message in mail.outbox for address in message.to]


def test_coordinator_approval_publishes_and_is_logged(client, officer, draft):
    coordinator = factories.coordinator()
    client.force_login(officer)
    edit(client, draft, **{"action-submit": "1"})
    task_state = SessionPage.objects.get(pk=draft.pk).current_workflow_state.current_task_state

    client.force_login(coordinator)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk]),
        {"comment": "Checked with the DSL network. Approved."},
    )
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.live
    actions = set(PageLogEntry.objects.filter(page=draft).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions


def test_coordinator_can_reject_and_the_page_stays_unpublished(client, officer, draft):
    coordinator = factories.coordinator()
    client.force_login(officer)
    edit(client, draft, **{"action-submit": "1"})
    task_state = SessionPage.objects.get(pk=draft.pk).current_workflow_state.current_task_state
    client.force_login(coordinator)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "reject", task_state.pk]),
        {"comment": "Please add the content warning."},
    )
    draft.refresh_from_db()
    assert not draft.live
    task_state.refresh_from_db()
    assert task_state.status == "rejected"


def test_a_presenter_cannot_edit_another_organisations_session(client, site_pages, officer):
    nhs_page = cms.session_page(partner=cms.partner("School nursing", kind="nhs"))
    client.force_login(officer)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[nhs_page.pk]))
    assert response.status_code in (302, 403)
    response = edit(client, nhs_page, title="Changed by someone else")
    assert SessionPage.objects.get(pk=nhs_page.pk).get_latest_revision().as_object().title != (
        "Changed by someone else"
    )


def test_a_presenter_edits_their_own_organisations_session(client, officer, draft):
    client.force_login(officer)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).status_code == 200


def test_a_presenter_may_only_name_their_own_organisation(client, officer, police, site_pages):
    other = cms.partner("Safer Streets", kind="charity")
    client.force_login(officer)
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["cms", "sessionpage", site_pages["sessions"].pk])
    )
    assert response.status_code == 200
    choices = list(response.context["form"].fields["partner"].queryset)
    assert choices == [police]
    assert other not in choices


def test_a_presenter_allowed_any_organisation_can_edit_every_session(client, site_pages, officer):
    officer.user_permissions.add(Permission.objects.get(codename="edit_any_organisation_page"))
    nhs_page = cms.session_page(partner=cms.partner("School nursing", kind="nhs"))
    client.force_login(officer)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[nhs_page.pk])).status_code == 200


def test_presenters_add_pages_only_under_sessions_resources_and_training(site_pages, officer):
    assert not site_pages["home"].permissions_for_user(officer).can_add_subpage()
    assert not site_pages["help"].permissions_for_user(officer).can_add_subpage()
    assert site_pages["training"].permissions_for_user(officer).can_add_subpage()
    assert site_pages["sessions"].permissions_for_user(officer).can_add_subpage()
    assert site_pages["resources"].permissions_for_user(officer).can_add_subpage()


def test_review_report_lists_content_past_its_review_date(client, site_pages):
    today = timezone.localdate()
    overdue = cms.session_page(title="Overdue", next_review_due=today - datetime.timedelta(days=1))
    cms.session_page(title="Fine", next_review_due=today + datetime.timedelta(days=30))
    stale = cms.resource_page(
        title="Stale leaflet", next_review_due=today - datetime.timedelta(days=90)
    )
    client.force_login(factories.coordinator())
    response = client.get(reverse("cms_review_due"))
    assert response.status_code == 200
    assert [page.pk for page in response.context["object_list"]] == [stale.pk, overdue.pk]


def test_presenters_do_not_see_the_review_report(client, officer):
    client.force_login(officer)
    response = client.get(reverse("cms_review_due"))
    assert response.status_code in (302, 403)


INDEXES = ["sessions", "resources", "training"]


@pytest.mark.parametrize("index", INDEXES)
def test_a_presenter_adds_under_an_index_but_does_not_edit_the_index(
    client, site_pages, officer, index
):
    page = site_pages[index]
    perms = page.permissions_for_user(officer)
    assert perms.can_add_subpage()
    assert not (perms.can_edit() or perms.can_publish() or perms.can_delete() or perms.can_move())
    client.force_login(officer)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code in (302, 403)
    before = page.get_latest_revision()
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"title": "Taken over", "slug": page.slug, "intro": rich_text("")},
    )
    page.refresh_from_db()
    assert page.title != "Taken over"
    assert page.get_latest_revision() == before
    model = page.specific_class.subpage_types[0].split(".")[1].lower()
    add = reverse("wagtailadmin_pages:add", args=["cms", model, page.pk])
    assert client.get(add).status_code == 200


@pytest.mark.parametrize("index", INDEXES)
def test_a_coordinator_edits_an_index(client, site_pages, index):
    page = site_pages[index]
    client.force_login(factories.coordinator())
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert page.permissions_for_user(factories.coordinator()).can_publish()


def test_the_explorer_offers_a_presenter_no_edit_of_an_index(client, site_pages, officer):
    client.force_login(officer)
    for index in INDEXES:
        edit_url = reverse("wagtailadmin_pages:edit", args=[site_pages[index].pk])
        for listing in (site_pages["home"], site_pages[index]):
            response = client.get(reverse("wagtailadmin_explore", args=[listing.pk]))
            assert response.status_code == 200
            assert edit_url not in response.content.decode(), (index, listing.title)
    # a coordinator is offered it
    client.force_login(factories.coordinator())
    response = client.get(reverse("wagtailadmin_explore", args=[site_pages["home"].pk]))
    assert (
        reverse("wagtailadmin_pages:edit", args=[site_pages["sessions"].pk])
        in response.content.decode()
    )
