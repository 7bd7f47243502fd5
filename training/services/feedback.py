"""Feedback rules: pupil codes and answers, teacher feedback, feedback requests.

Views, tasks, commands and other packages call these; nothing else writes
feedback rows. See docs/feedback.md for the choices made here.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from portal import roles
from portal.audit import log_line_only
from schools.models import Booking, Delivery, SchoolMembership
from training.disclosure import may_be_disclosure
from training.models import (
    FeedbackCode,
    FeedbackRequest,
    PupilResponse,
    Registration,
    TeacherFeedback,
    TrainingEvent,
)
from training.models.feedback import CODE_ALPHABET, CODE_LENGTH

from .feedback_totals import refresh_feedback_totals

CODE_LIFETIME = timedelta(days=14)
# Requests go out for things that ended within this window, so a first run
# never emails people about last year's visits.
REQUEST_WINDOW = timedelta(days=14)
LIVE_BOOKING_STATUSES = (Booking.Status.SCHEDULED, Booking.Status.DELIVERED)


class FeedbackError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


# Pupil codes ----------------------------------------------------------------


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """What a pupil typed, as a code: spaces and dashes dropped, upper case."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def feedback_code_for(delivery):
    """The delivery's pupil feedback code, created the first time it is asked for."""
    existing = FeedbackCode.objects.filter(delivery=delivery).first()
    if existing:
        return existing
    for _ in range(10):
        try:
            with transaction.atomic():
                return FeedbackCode.objects.create(delivery=delivery, code=new_code())
        except IntegrityError:
            # Either the code was taken (try another) or another request made
            # this delivery's code at the same moment (use theirs).
            existing = FeedbackCode.objects.filter(delivery=delivery).first()
            if existing:
                return existing
    raise FeedbackError("Could not make a unique feedback code.", code="no_code")


def code_expires_at(delivery):
    return delivery.end + CODE_LIFETIME


def delivery_for_code(code, now=None):
    """The delivery a code opens, or a FeedbackError saying why not."""
    now = now or timezone.now()
    found = (
        FeedbackCode.objects.select_related("delivery__booking__session")
        .filter(code=normalise_code(code))
        .first()
    )
    if found is None or found.delivery.booking.status not in LIVE_BOOKING_STATUSES:
        raise FeedbackError(
            "We could not find that code. Check it with the person who ran your session.",
            code="unknown_code",
        )
    if now > code_expires_at(found.delivery):
        raise FeedbackError(
            "This code has stopped working. Codes work for 14 days after a session.",
            code="expired_code",
        )
    return found.delivery


# Pupil answers ---------------------------------------------------------------


def pairing_hash(token):
    """Only a hash of the browser's random token is stored, never the token."""
    return hashlib.sha256(f"pupil-pairing:{token}".encode()).hexdigest() if token else ""


def survey_stage(delivery, now=None):
    """Before the middle of a session pupils say how they feel now; after it, how they
    feel after the session."""
    now = now or timezone.now()
    middle = delivery.start + (delivery.end - delivery.start) / 2
    return "before" if now < middle else "after"


def open_pair(delivery, token):
    """A "before" answer from this browser still waiting for its "after" answer."""
    if not token:
        return None
    return PupilResponse.objects.filter(
        delivery=delivery, pairing_hash=pairing_hash(token), after_confidence__isnull=True
    ).first()


@dataclass
class PupilSubmission:
    response: PupilResponse
    flagged: bool


def submit_pupil_before(delivery, *, token, confidence):
    """Record a "before" answer, kept open for pairing with the same browser's "after"."""
    if not token:
        raise FeedbackError("Your answer could not be saved. Try again.", code="no_token")
    with transaction.atomic():
        response = PupilResponse.objects.filter(
            delivery=delivery, pairing_hash=pairing_hash(token)
        ).first()
        if response:
            response.before_confidence = confidence
            response.save(update_fields=["before_confidence"])
        else:
            response = PupilResponse.objects.create(
                delivery=delivery, pairing_hash=pairing_hash(token), before_confidence=confidence
            )
        refresh_feedback_totals(delivery.pk)
        log_line_only(response, "training.pupil_response.before_given")
    return PupilSubmission(response=response, flagged=False)


def submit_pupil_feedback(
    delivery,
    *,
    token,
    after_confidence,
    knows_who_to_talk_to,
    do_differently="",
    retrospective_before=None,
):
    """Record a pupil's end-of-session answers.

    Paired with this browser's "before" answer when there is one; otherwise the
    pupil's retrospective "before" is stored. The pairing hash is emptied once
    the pair is complete: it has no further use. Free text that may be a
    disclosure is flagged and the safeguarding people are told to look.
    """
    do_differently = (do_differently or "").strip()
    flagged = may_be_disclosure(do_differently)
    with transaction.atomic():
        response = None
        if token:
            response = (
                PupilResponse.objects.select_for_update()
                .filter(
                    delivery=delivery,
                    pairing_hash=pairing_hash(token),
                    after_confidence__isnull=True,
                )
                .first()
            )
        if response is None:
            if retrospective_before is None:
                raise FeedbackError(
                    "Select how confident you felt before the session", code="before_missing"
                )
            response = PupilResponse(
                delivery=delivery,
                before_confidence=retrospective_before,
                before_is_retrospective=True,
            )
        response.after_confidence = after_confidence
        response.knows_who_to_talk_to = knows_who_to_talk_to
        response.do_differently = do_differently
        response.flagged = flagged
        response.pairing_hash = ""
        response.save()
        refresh_feedback_totals(delivery.pk)
        if flagged:
            log(instance=response, action="training.pupil_response.flagged")
            transaction.on_commit(lambda: notify_possible_disclosure(response))
        else:
            log_line_only(response, "training.pupil_response.answered")
    return PupilSubmission(response=response, flagged=flagged)


def safeguarding_recipients(delivery):
    """Coordinators, and the approved designated safeguarding leads of the school."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    coordinators = User.objects.filter(groups__name=roles.COORDINATORS, is_active=True)
    dsls = User.objects.filter(
        is_active=True,
        school_memberships__school=delivery.booking.school_id,
        school_memberships__role=SchoolMembership.Role.DSL,
        school_memberships__status=SchoolMembership.Status.APPROVED,
    )
    return sorted({u.email for u in coordinators} | {u.email for u in dsls})


def notify_possible_disclosure(response):
    """A prompt to sign in and read the answer. The email never carries the pupil's
    words: email is copied, forwarded and kept in places we cannot control."""
    delivery = response.delivery
    recipients = safeguarding_recipients(delivery)
    if not recipients:
        return
    url = settings.WAGTAILADMIN_BASE_URL + reverse("training:flagged_response", args=[response.pk])
    body = render_to_string(
        "training/feedback/email/possible_disclosure.txt",
        {"delivery": delivery, "school": delivery.booking.school, "url": url},
    )
    send_mail(
        "Pupil feedback needs a safeguarding check",
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )


def can_read_flagged(user, response):
    if roles.is_coordinator(user):
        return True
    return SchoolMembership.objects.filter(
        user=user,
        school_id=response.delivery.booking.school_id,
        role=SchoolMembership.Role.DSL,
        status=SchoolMembership.Status.APPROVED,
    ).exists()


def flagged_visible_to(user):
    qs = PupilResponse.objects.filter(flagged=True).select_related(
        "delivery__booking__school", "delivery__booking__session", "followed_up_by"
    )
    if roles.is_coordinator(user):
        return qs
    return qs.filter(
        delivery__booking__school__memberships__user=user,
        delivery__booking__school__memberships__role=SchoolMembership.Role.DSL,
        delivery__booking__school__memberships__status=SchoolMembership.Status.APPROVED,
    )


def mark_followed_up(response, *, user, now=None):
    if not can_read_flagged(user, response):
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


# Teacher feedback ----------------------------------------------------------------


def can_give_delivery_feedback(user, delivery, now=None):
    now = now or timezone.now()
    return (
        user.is_authenticated
        and delivery.end <= now
        and delivery.booking.status in LIVE_BOOKING_STATUSES
        and roles.approved_schools(user).filter(pk=delivery.booking.school_id).exists()
    )


def attended_registration(user, event):
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(
        event=event, user=user, attendance=Registration.Attendance.ATTENDED
    ).first()


def can_give_event_feedback(user, event, now=None):
    now = now or timezone.now()
    return event.end <= now and attended_registration(user, event) is not None


def already_given(user, *, delivery=None, event=None):
    return TeacherFeedback.objects.filter(user=user, delivery=delivery, event=event).exists()


def submit_teacher_feedback(
    user,
    *,
    delivery=None,
    event=None,
    relevance,
    quality,
    engagement=None,
    would_recommend,
    comments="",
    now=None,
):
    """Once per person per delivery or event (checked here, and by the database)."""
    if delivery is not None:
        if not can_give_delivery_feedback(user, delivery, now):
            raise FeedbackError(
                "Only staff of the school can give feedback, after the visit.", code="not_allowed"
            )
        school = delivery.booking.school
    else:
        registration = attended_registration(user, event)
        if registration is None or not can_give_event_feedback(user, event, now):
            raise FeedbackError(
                "Only people who attended can give feedback, after the event.",
                code="not_allowed",
            )
        school = registration.school
        engagement = None
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


# Feedback requests --------------------------------------------------------------


def delivery_feedback_recipients(delivery):
    """The person who booked, if still approved staff; otherwise the school's DSLs."""
    booking = delivery.booking
    approved = SchoolMembership.objects.filter(
        school=booking.school_id, status=SchoolMembership.Status.APPROVED, user__is_active=True
    ).select_related("user")
    requester = [m.user for m in approved if m.user_id == booking.requested_by_id]
    if requester:
        return requester
    return [m.user for m in approved if m.role == SchoolMembership.Role.DSL]


def event_feedback_recipients(event):
    return [
        r.user
        for r in event.registrations.filter(
            attendance=Registration.Attendance.ATTENDED, user__is_active=True
        ).select_related("user")
    ]


def _send_request_emails(users, *, subject, template, context):
    for user in users:
        body = render_to_string(template, {**context, "user": user})
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def send_delivery_feedback_request(delivery):
    """Email the school contact a link to give feedback. Never twice for one delivery:
    returns False when a request was already sent."""
    with transaction.atomic():
        Delivery.objects.select_for_update().get(pk=delivery.pk)
        request, created = FeedbackRequest.objects.get_or_create(delivery=delivery)
        if not created:
            return False
        users = delivery_feedback_recipients(delivery)
        request.recipients = len(users)
        request.save(update_fields=["recipients"])
        log(instance=delivery, action="training.feedback.requested")
        url = settings.WAGTAILADMIN_BASE_URL + reverse(
            "training:delivery_feedback", args=[delivery.pk]
        )
        transaction.on_commit(
            lambda: _send_request_emails(
                users,
                subject=f"How was {delivery.booking.session.title}?",
                template="training/feedback/email/delivery_request.txt",
                context={"delivery": delivery, "url": url},
            )
        )
    return True


def send_event_feedback_request(event):
    """Email everyone marked as attended. Never twice for one event."""
    with transaction.atomic():
        TrainingEvent.objects.select_for_update().get(pk=event.pk)
        request, created = FeedbackRequest.objects.get_or_create(event=event)
        if not created:
            return False
        users = event_feedback_recipients(event)
        request.recipients = len(users)
        request.save(update_fields=["recipients"])
        log(instance=event, action="training.feedback.requested")
        url = settings.WAGTAILADMIN_BASE_URL + reverse("training:event_feedback", args=[event.pk])
        transaction.on_commit(
            lambda: _send_request_emails(
                users,
                subject=f"How was {event.course.title}?",
                template="training/feedback/email/event_request.txt",
                context={"event": event, "url": url},
            )
        )
    return True


def register_is_complete(event):
    """Someone attended, and nobody confirmed is left unmarked."""
    regs = event.registrations.filter(status=Registration.Status.CONFIRMED)
    return (
        regs.filter(attendance=Registration.Attendance.ATTENDED).exists()
        and not regs.filter(attendance=Registration.Attendance.UNKNOWN).exists()
    )


def send_feedback_requests(now=None):
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
