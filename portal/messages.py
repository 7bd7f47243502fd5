"""Messages to many: a coordinator writes once to a group and each person gets an
email of their own (nobody sees who else it went to).

The apps choose the people: training (everyone confirmed on an event,
training.services.events.messages) and schools (the DSLs of districts or
phases, schools.services.messages). They call `draft_message` with the people
chosen; the coordinator is shown how many they are and confirms with
`send_message`, which queues one email per person in the same transaction that
marks the message sent. With the database task backend the emails exist exactly
when the message is sent (none lost, even if the process dies a moment later);
each carries the key `message:<id>:to:<user id>`, so a task run again (a retry,
a worker that died and whose lease ran out) never sends it twice
(portal.tasks.send_email).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.log_actions import log

from .errors import DomainError
from .models import Message, User
from .tasks import queue_email

# A message drafted and never sent is deleted after this long.
DRAFTS_KEPT = timedelta(days=1)


class MessageError(DomainError):
    pass


def message_key(message: Message, user_id: int) -> str:
    return f"message:{message.pk}:to:{user_id}"


def draft_message(
    *, subject: str, body: str, audience: str, kind: str, recipients: QuerySet[User], by: User
) -> Message:
    """Keep the message and the people it would go to, for the coordinator to check."""
    subject, body = subject.strip(), body.strip()
    if not subject:
        raise MessageError("Enter a subject", code="no_subject", field="subject")
    if not body:
        raise MessageError("Enter the message", code="no_body", field="body")
    ids = sorted(set(recipients.filter(is_active=True).values_list("pk", flat=True)))
    if not ids:
        raise MessageError(
            "Nobody matches your choice, so there is nobody to send it to",
            code="no_recipients",
        )
    return Message.objects.create(
        subject=subject,
        body=body,
        audience=audience[:300],
        kind=kind,
        recipient_ids=ids,
        recipient_count=len(ids),
        created_by=by,
    )


def send_message(message: Message, *, by: User) -> int:
    """Queue one email per person the coordinator was shown; once only, however
    often it is asked (a second click, two tabs). Returns how many were queued."""
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.status == Message.Status.SENT:
            raise MessageError("This message has been sent already.", code="already_sent")
        people = User.objects.filter(pk__in=locked.recipient_ids, is_active=True).order_by("pk")
        count = 0
        for person in people.only("pk", "email").iterator():
            queue_email(_email(locked, person), key=message_key(locked, person.pk))
            count += 1
        locked.status = Message.Status.SENT
        locked.sent_by = by
        locked.sent_at = timezone.now()
        locked.recipient_count = count
        locked.recipient_ids = []  # who it went to is in the email marks; not kept twice
        locked.save(
            update_fields=["status", "sent_by", "sent_at", "recipient_count", "recipient_ids"]
        )
        # Who, when, to which group and how many; never the words.
        log(
            instance=locked,
            action="portal.message.sent",
            user=by,
            data={"audience": locked.audience, "kind": locked.kind, "recipients": count},
        )
    message.refresh_from_db()
    return count


def _email(message: Message, person: User) -> EmailMessage:
    body = render_to_string(
        "portal/emails/message.txt",
        {
            "message": message,
            "service_name": settings.PORTAL_SERVICE_NAME,
        },
    )
    return EmailMessage(message.subject, body, to=[person.email])


def purge_unsent_messages(now: datetime) -> int:
    """Messages drafted and never sent, a day later (with the people they named)."""
    deleted, _ = Message.objects.filter(
        status=Message.Status.DRAFT, created_at__lt=now - DRAFTS_KEPT
    ).delete()
    return deleted
