"""Pupil answers that may be a disclosure: who is told, and marking one followed up.

The free text is matched in training.disclosure; a match is flagged by the pupil
answer services, and these tell the safeguarding people to sign in and read it.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from portal import roles
from portal.models import User
from portal.tasks import queue_email
from schools.models import Delivery, SchoolMembership
from training import permissions
from training.models import PupilResponse
from training.services.errors import FeedbackError


def safeguarding_recipients(delivery: Delivery) -> list[str]:
    """Coordinators, and the approved designated safeguarding leads of the school."""
    users = get_user_model().objects
    coordinators = users.filter(groups__name=roles.COORDINATORS, is_active=True)
    dsls = users.filter(
        is_active=True,
        school_memberships__school=delivery.booking.school_id,
        school_memberships__role=SchoolMembership.Role.DSL,
        school_memberships__status=SchoolMembership.Status.APPROVED,
    )
    return sorted({u.email for u in coordinators} | {u.email for u in dsls})


def notify_possible_disclosure(response: PupilResponse) -> None:
    """A prompt to sign in and read the answer. The email never carries the pupil's
    words: email is copied, forwarded and kept in places we cannot control.

    Called inside the transaction that saves the answer: with the database task
    backend the alert is stored with the answer or not at all, and the worker
    sends it, retrying while the mail server is down, so the pupil never waits
    for the mail server and the alert is never lost."""
    delivery = response.delivery
    recipients = safeguarding_recipients(delivery)
    if not recipients:
        return
    url = settings.WAGTAILADMIN_BASE_URL + reverse("training:flagged_response", args=[response.pk])
    body = render_to_string(
        "training/feedback/email/possible_disclosure.txt",
        {"delivery": delivery, "school": delivery.booking.school, "url": url},
    )
    queue_email(
        EmailMessage(
            "Pupil feedback needs a safeguarding check",
            body,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        ),
        key=f"possible-disclosure:{response.pk}",
    )


def mark_followed_up(
    response: PupilResponse, *, user: User, now: datetime | None = None
) -> PupilResponse:
    if not permissions.can_read_flagged(user, response):
        raise FeedbackError("You cannot follow up this answer.", code="not_allowed")
    with transaction.atomic():
        response = PupilResponse.objects.select_for_update().get(pk=response.pk)
        if response.followed_up_at:
            raise FeedbackError("This answer has already been followed up.", code="done")
        response.followed_up_at = now or timezone.now()
        response.followed_up_by = user
        response.save(update_fields=["followed_up_at", "followed_up_by"])
        log(instance=response, action="training.pupil_response.followed_up", user=user)
    return response
