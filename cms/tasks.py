"""Emails about content, built in the background after a change commits and handed
to portal.tasks.queue_email, which sends them and retries."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from portal.roles import COORDINATORS
from portal.tasks import queue_email


@task
def send_upload_waiting_email(model_label: str, pk: int) -> None:
    """Tell coordinators that a presenter's document or image waits for approval."""
    item = apps.get_model(model_label).objects.filter(pk=pk).first()
    if item is None:
        return  # deleted before the email was built: nothing waits
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(groups__name=COORDINATORS, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        return
    kind = item._meta.verbose_name
    context = {
        "item": item,
        "kind": kind,
        "uploader": item.uploaded_by_user,
        "approvals_url": settings.WAGTAILADMIN_BASE_URL + reverse("cms_uploads_waiting"),
    }
    subject = " ".join(f"A {kind} is waiting for your approval: {item.title}".split())
    body = render_to_string("cms/emails/upload_waiting.txt", context)
    queue_email(
        EmailMessage(subject, body, to=recipients), key=f"upload-waiting:{model_label}:{pk}"
    )
