"""Teachers' feedback on a school delivery or a training event: once per person
per delivery or event (checked here, and by the database)."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from portal.models import User
from schools.models import Delivery, School
from training import permissions
from training.models import TeacherFeedback, TrainingEvent
from training.services.errors import FeedbackError

from .totals import refresh_feedback_totals


def already_given(
    user: User, *, delivery: Delivery | None = None, event: TrainingEvent | None = None
) -> bool:
    return TeacherFeedback.objects.filter(user=user, delivery=delivery, event=event).exists()


def _school_giving(
    user: User, delivery: Delivery | None, event: TrainingEvent | None, now: datetime | None
) -> School | None:
    """The school the feedback is given for, once the person may give it."""
    if delivery is not None:
        if not permissions.can_give_delivery_feedback(user, delivery, now):
            raise FeedbackError(
                "Only staff of the school can give feedback, after the visit.", code="not_allowed"
            )
        return delivery.booking.school
    registration = permissions.attended_registration(user, event)
    if registration is None or not permissions.can_give_event_feedback(user, event, now):
        raise FeedbackError(
            "Only people who attended can give feedback, after the event.",
            code="not_allowed",
        )
    return registration.school


def submit_teacher_feedback(  # noqa: PLR0913 (the feedback form's answers, each named)
    user: User,
    *,
    delivery: Delivery | None = None,
    event: TrainingEvent | None = None,
    relevance: int,
    quality: int,
    engagement: int | None = None,
    would_recommend: bool,
    comments: str = "",
    now: datetime | None = None,
) -> TeacherFeedback:
    """Once per person per delivery or event (checked here, and by the database)."""
    school = _school_giving(user, delivery, event, now)
    if delivery is None or not delivery.booking.session.has_pupil_audience:
        engagement = None  # pupils' engagement is asked about sessions for pupils only
    if already_given(user, delivery=delivery, event=event):
        raise FeedbackError("You have already given feedback on this.", code="already_given")
    try:
        with transaction.atomic():
            feedback = TeacherFeedback.objects.create(
                delivery=delivery,
                event=event,
                user=user,
                school=school,
                relevance=relevance,
                quality=quality,
                engagement=engagement,
                would_recommend=would_recommend,
                comments=(comments or "").strip(),
            )
            if delivery is not None:
                refresh_feedback_totals(delivery.pk)
            log(instance=feedback, action="training.teacher_feedback.given", user=user)
    except IntegrityError as error:
        raise FeedbackError(
            "You have already given feedback on this.", code="already_given"
        ) from error
    return feedback
