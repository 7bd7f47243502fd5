"""Feedback requests: after a school delivery or a training event, the people who
were there are emailed a link to give feedback, once per delivery or event."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from portal.tasks import queue_email
from schools.models import Delivery, SchoolMembership
from training.models import FeedbackRequest, Registration, TrainingEvent
from training.models.feedback import LIVE_BOOKING_STATUSES

# Requests go out for things that ended within this window, so a first run
# never emails people about last year's visits.
REQUEST_WINDOW = timedelta(days=14)


def delivery_feedback_recipients(delivery: Delivery) -> list[User]:
    """The person who booked, if still approved staff; otherwise the school's DSLs."""
    booking = delivery.booking
    approved = SchoolMembership.objects.filter(
        school=booking.school_id, status=SchoolMembership.Status.APPROVED, user__is_active=True
    ).select_related("user")
    requester = [m.user for m in approved if m.user_id == booking.requested_by_id]
    if requester:
        return requester
    return [m.user for m in approved if m.role == SchoolMembership.Role.DSL]


def event_feedback_recipients(event: TrainingEvent) -> list[User]:
    return [
        r.user
        for r in event.registrations.filter(
            attendance=Registration.Attendance.ATTENDED, user__is_active=True
        ).select_related("user")
    ]


def _send_request_emails(
    users: Iterable[User], *, subject: str, template: str, context: dict
) -> None:
    for user in users:
        body = render_to_string(template, {**context, "user": user})
        queue_email(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))


def _request_feedback(
    about: models.Model,
    *,
    kind: str,
    recipients: Callable[[models.Model], list[User]],
    subject: str,
) -> bool:
    """Email `recipients(about)` a link to give feedback on a delivery or an event
    (`kind`). Never twice for one: returns False when a request was already sent."""
    with transaction.atomic():
        type(about).objects.select_for_update().get(pk=about.pk)
        request, created = FeedbackRequest.objects.get_or_create(**{kind: about})
        if not created:
            return False
        users = recipients(about)
        request.recipients = len(users)
        request.save(update_fields=["recipients"])
        log(instance=about, action="training.feedback.requested")
        url = settings.WAGTAILADMIN_BASE_URL + reverse(f"training:{kind}_feedback", args=[about.pk])
        transaction.on_commit(
            lambda: _send_request_emails(
                users,
                subject=subject,
                template=f"training/feedback/email/{kind}_request.txt",
                context={kind: about, "url": url},
            )
        )
    return True


def delivery_feedback_link(delivery: Delivery) -> tuple[str, str]:
    """The teacher feedback form, as the next step in the "visit delivered" email
    (registered with schools.tasks.add_next_step by TrainingConfig.ready())."""
    url = settings.WAGTAILADMIN_BASE_URL + reverse("training:delivery_feedback", args=[delivery.pk])
    return "Tell us how it went (it takes two minutes)", url


def send_delivery_feedback_request(delivery: Delivery) -> bool:
    """Email the school contact a link to give feedback. Never twice for one delivery:
    returns False when a request was already sent."""
    return _request_feedback(
        delivery,
        kind="delivery",
        recipients=delivery_feedback_recipients,
        subject=f"How was {delivery.booking.session.title}?",
    )


def send_event_feedback_request(event: TrainingEvent) -> bool:
    """Email everyone marked as attended. Never twice for one event."""
    return _request_feedback(
        event,
        kind="event",
        recipients=event_feedback_recipients,
        subject=f"How was {event.course.title}?",
    )


def register_is_complete(event: TrainingEvent) -> bool:
    """Someone attended, and nobody confirmed is left unmarked."""
    regs = event.registrations.filter(status=Registration.Status.CONFIRMED)
    return (
        regs.filter(attendance=Registration.Attendance.ATTENDED).exists()
        and not regs.filter(attendance=Registration.Attendance.UNKNOWN).exists()
    )


def send_feedback_requests(now: datetime | None = None) -> tuple[int, int]:
    """For the reminders command: request feedback for every delivery and event that
    ended recently and has not had a request. Returns (deliveries, events) sent."""
    now = now or timezone.now()
    since = now - REQUEST_WINDOW
    deliveries = Delivery.objects.filter(
        end__lte=now,
        end__gte=since,
        booking__status__in=LIVE_BOOKING_STATUSES,
        feedback_request__isnull=True,
    ).select_related("booking__session", "booking__school")
    sent_deliveries = sum(send_delivery_feedback_request(d) for d in deliveries)
    events = TrainingEvent.objects.filter(
        end__lte=now,
        end__gte=since,
        status=TrainingEvent.Status.SCHEDULED,
        feedback_request__isnull=True,
    ).select_related("course")
    sent_events = sum(send_event_feedback_request(e) for e in events if register_is_complete(e))
    return sent_deliveries, sent_events
