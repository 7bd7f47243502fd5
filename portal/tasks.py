"""Background work for the portal package (Django's tasks API; `manage.py task_worker`).

Every email the portal sends leaves through `send_email`: services and other
tasks build the message and hand it to `queue_email`, so a slow or unreachable
mail server never slows down or breaks a page, and a failed send is tried again
by the worker (see portal.worker for the tries and the back-off). On the way out
each gets the partnership's From name, Reply-To, automatic headers and an HTML
part (portal.mail.dress), so no caller has to remember them.
"""

from __future__ import annotations

import base64

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.tasks import TaskContext, task

from . import mail
from .models import SentEmail


def email_payload(message: EmailMessage) -> dict:
    """A message as JSON the task queue can store (attachments base64-encoded)."""
    attachments = []
    for name, content, mimetype in message.attachments:
        data = content.encode() if isinstance(content, str) else bytes(content)
        attachments.append([name, base64.b64encode(data).decode("ascii"), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": [[a.content, a.mimetype] for a in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def queue_email(message: EmailMessage, *, key: str = "") -> None:
    """Send `message` from the task worker. With the database task backend the task
    is stored in the caller's transaction, so it exists exactly when the change it
    tells of does. `key` names the email for good: a second email queued with the
    same key is never sent (leave it empty when the task's own id is enough)."""
    send_email.enqueue(email_payload(message), key=key)


@task(takes_context=True)
def send_email(context: TaskContext, message: dict, key: str = "") -> bool:
    """Send one queued email, at most once per key (the task's own id by default).

    The mark is written after the mail server accepted the message: a worker that
    dies between the two sends it again, which is the one duplicate SMTP allows.
    Returns False when it had already been sent."""
    key = key or f"task:{context.task_result.id}"
    if SentEmail.objects.filter(key=key).exists():
        return False
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        reply_to=message.get("reply_to") or None,
        headers=message["headers"],
    )
    email.content_subtype = message["content_subtype"]
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    for name, data, mimetype in message.get("attachments", []):
        email.attach(name, base64.b64decode(data), mimetype)
    mail.dress(email).send()
    try:
        with transaction.atomic():
            SentEmail.objects.create(key=key)
    except IntegrityError:
        pass  # another worker sent it at the same moment and marked it first
    return True
