"""Wagtail's own emails (moderation: submitted, approved, changes requested; comment
notices) through the portal's task queue.

Wagtail sends them in the request through `wagtail.admin.mail.get_connection()`:
with the mail server down, a coordinator's approval would still go live but the
presenter would never hear of it (Wagtail logs the failure and moves on). Here
that connection is one that queues each message with `portal.tasks.queue_email`
once the change commits, so the worker sends it, and tries again until the mail
server answers, like every other email of the portal.
"""

from functools import partial

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from .tasks import queue_email


class QueuedEmailBackend(BaseEmailBackend):
    """An email backend that hands every message to the task queue."""

    def send_messages(self, email_messages):
        for message in email_messages:
            transaction.on_commit(partial(queue_email, message))
        return len(email_messages)


def queued_connection(*args, **kwargs):
    """Stands in for django.core.mail.get_connection inside wagtail.admin.mail."""
    return QueuedEmailBackend()


def install():
    """Called once from PortalConfig.ready()."""
    # Imported here: wagtail.admin.mail imports Wagtail's models.
    from wagtail.admin import mail

    mail.get_connection = queued_connection
