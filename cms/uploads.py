"""Documents and images a presenter uploads wait, unseen by the public, until a
coordinator approves them or approves a page that uses them.

The waiting room is a Wagtail collection, "Awaiting approval", restricted to the
Coordinators and Presenters groups (a CollectionViewRestriction, which Wagtail's
document serve view enforces). Presenters may add documents and images only
there, so every upload of theirs lands in it; coordinators may add anywhere.
Approving moves the upload to the root collection, where it is public. See
docs/content.md and docs/decisions/0008-upload-approval-collection.md.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    Page,
    ReferenceIndex,
)

from portal.errors import DomainError

from . import tasks

AWAITING_APPROVAL = "Awaiting approval"
# What a presenter may do in the waiting collection: add (and so edit and
# delete their own uploads there) and choose.
PRESENTER_UPLOAD_PERMISSIONS = ["add_image", "add_document"]


class UploadError(DomainError):
    pass


def upload_models():
    return [get_document_model(), get_image_model()]


def awaiting_collection() -> Collection | None:
    root = Collection.get_first_root_node()
    if root is None:
        return None
    return root.get_children().filter(name=AWAITING_APPROVAL).first()


def ensure_upload_collections(presenters: Group, coordinators: Group, permissions) -> Collection:
    """The waiting collection, its restriction to the two groups, and presenters'
    add permissions there (and nowhere else); safe to repeat. `permissions` maps a
    codename to its Permission."""
    root = Collection.get_first_root_node()
    awaiting = awaiting_collection() or root.add_child(name=AWAITING_APPROVAL)
    restriction = CollectionViewRestriction.objects.filter(collection=awaiting).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=awaiting, restriction_type=CollectionViewRestriction.GROUPS
        )
    restriction.groups.set([coordinators, presenters])
    adds = [permissions[codename] for codename in PRESENTER_UPLOAD_PERMISSIONS]
    GroupCollectionPermission.objects.filter(group=presenters, permission__in=adds).exclude(
        collection=awaiting
    ).delete()
    for permission in adds:
        GroupCollectionPermission.objects.get_or_create(
            group=presenters, collection=awaiting, permission=permission
        )
    return awaiting


def waiting_uploads():
    """Every document and image waiting for approval, the oldest first."""
    awaiting = awaiting_collection()
    return [
        model.objects.filter(collection=awaiting)
        .select_related("uploaded_by_user")
        .order_by("created_at", "pk")
        for model in upload_models()
    ]


def waiting_count() -> int:
    return sum(queryset.count() for queryset in waiting_uploads())


def approve_upload(item, *, by) -> None:
    """Make one waiting document or image public."""
    awaiting = awaiting_collection()
    if awaiting is None or item.collection_id != awaiting.pk:
        raise UploadError("This upload has already been approved.", code="not_waiting")
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        if locked.collection_id != awaiting.pk:
            raise UploadError("This upload has already been approved.", code="not_waiting")
        locked.collection = Collection.get_first_root_node()
        locked.save(update_fields=["collection"])
        log(instance=locked, action="cms.upload.approved", user=by)


def _used_uploads(page):
    """The documents and images `page` refers to, read from the page itself: the
    reference index is brought up to date by a background task, which may not
    have run yet when the page is published."""
    found = {model: set() for model in upload_models()}
    by_type = {ContentType.objects.get_for_model(model).pk: model for model in upload_models()}
    # Wagtail's own extraction of a page's references (fields, StreamField blocks,
    # rich text), which its reference index uses.
    for content_type_id, object_id, *_ in ReferenceIndex._extract_references_from_object(page):
        if content_type_id in by_type:
            found[by_type[content_type_id]].add(object_id)
    return found


def approve_page_uploads(page: Page, *, by=None) -> int:
    """A page approved and published makes public the waiting uploads it uses."""
    awaiting = awaiting_collection()
    if awaiting is None:
        return 0
    approved = 0
    with transaction.atomic():
        for model, ids in _used_uploads(page.specific).items():
            waiting = model.objects.select_for_update().filter(pk__in=ids, collection=awaiting)
            for item in waiting:
                item.collection = Collection.get_first_root_node()
                item.save(update_fields=["collection"])
                log(
                    instance=item,
                    action="cms.upload.approved",
                    user=by,
                    data={"page_id": page.pk, "page_title": page.title},
                )
                approved += 1
    return approved


def upload_created(sender, instance, created, **kwargs):
    """post_save of documents and images: a new upload in the waiting collection
    is announced to coordinators once the upload is committed."""
    awaiting = awaiting_collection()
    if not created or awaiting is None or instance.collection_id != awaiting.pk:
        return
    label = instance._meta.label_lower
    transaction.on_commit(lambda: tasks.send_upload_waiting_email.enqueue(label, instance.pk))


def page_published(sender, instance, **kwargs):
    """page_published: the signal does not say who published (the revision's user
    is its author), so the audit entry names the page instead; the page's own
    history names who approved it."""
    approve_page_uploads(instance)
