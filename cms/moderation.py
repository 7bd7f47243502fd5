"""Who may do what with content, and the approval workflow, set up idempotently.

Runs after every `migrate` (post_migrate) and from `seed_demo`, so a fresh
database, a flushed test database and the demo all get the same rules:

- Presenters may add and edit pages under the sessions, resources and training indexes,
  upload images and documents (into the "Awaiting approval" collection only:
  cms.uploads), and submit pages for review. They cannot publish.
- Coordinators may add, edit, publish, lock and delete every page, and manage
  topics, partner organisations and the partnership settings.
- Every page goes through the "Coordinator approval" workflow: one group
  approval task for the Coordinators group. Approval publishes.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.roles import COORDINATORS, PRESENTERS

from . import uploads
from .models import ResourceIndexPage, SessionIndexPage, TrainingIndexPage

WORKFLOW_NAME = "Coordinator approval"
TASK_NAME = "Coordinator review"

PRESENTER_PAGE_PERMISSIONS = ["add_page", "change_page"]
COORDINATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
# On the root collection, so everywhere; presenters add only in the waiting
# collection (cms.uploads.ensure_upload_collections).
PRESENTER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
]
COORDINATOR_COLLECTION_PERMISSIONS = [
    *PRESENTER_COLLECTION_PERMISSIONS,
    ("wagtailimages", "add_image"),
    ("wagtaildocs", "add_document"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
]
COORDINATOR_MODEL_PERMISSIONS = [
    ("cms", codename)
    for codename in [
        "add_topic",
        "change_topic",
        "delete_topic",
        "add_partnerorganisation",
        "change_partnerorganisation",
        "delete_partnerorganisation",
        "change_partnershipsettings",
    ]
]


def _permissions(pairs):
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(
            codename__in=[codename for _app, codename in pairs]
        ).select_related("content_type")
    }
    return [found[pair] for pair in pairs if pair in found], len(found) >= len(set(pairs))


def presenter_index_pages():
    """Where presenters may add pages: the sessions, resources and training indexes."""
    return [
        *SessionIndexPage.objects.all(),
        *ResourceIndexPage.objects.all(),
        *TrainingIndexPage.objects.all(),
    ]


def ensure_moderation(**kwargs):
    """Create the page permissions and workflow if anything is missing; safe to repeat."""
    presenters = Group.objects.filter(name=PRESENTERS).first()
    coordinators = Group.objects.filter(name=COORDINATORS).first()
    root = Page.get_first_root_node()
    page_perms, complete = _permissions(
        [("wagtailcore", codename) for codename in COORDINATOR_PAGE_PERMISSIONS]
    )
    if not (presenters and coordinators and root and complete):
        return  # an earlier stage of migrate: the last post_migrate call does the work
    by_codename = {p.codename: p for p in page_perms}

    for permission in page_perms:
        GroupPagePermission.objects.get_or_create(
            group=coordinators, page=root, permission=permission
        )
    for index in presenter_index_pages():
        for codename in PRESENTER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=presenters, page=index, permission=by_codename[codename]
            )

    collection = Collection.get_first_root_node()
    if collection is not None:
        for group, pairs in (
            (presenters, PRESENTER_COLLECTION_PERMISSIONS),
            (coordinators, COORDINATOR_COLLECTION_PERMISSIONS),
        ):
            for permission in _permissions(pairs)[0]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
        adds = _permissions([("wagtailimages", "add_image"), ("wagtaildocs", "add_document")])[0]
        uploads.ensure_upload_collections(presenters, coordinators, {p.codename: p for p in adds})
    coordinators.permissions.add(*_permissions(COORDINATOR_MODEL_PERMISSIONS)[0])

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([coordinators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
