"""Pupils' anonymous answers: a "before" answer from the start of a session, paired
with the same browser's "after" answer at the end, or one answer at the end with a
retrospective "before". Free text that may be a disclosure is flagged and the
safeguarding people are told to look. See docs/feedback.md for the choices made.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.audit import log_line_only
from portal.models import User
from schools.models import Delivery
from training.disclosure import may_be_disclosure
from training.models import PupilResponse
from training.services.errors import FeedbackError

from .disclosures import notify_possible_disclosure
from .totals import refresh_feedback_totals


def pairing_hash(token: str) -> str:
    """Only a hash of the browser's random token is stored, never the token."""
    return hashlib.sha256(f"pupil-pairing:{token}".encode()).hexdigest() if token else ""


def survey_stage(delivery: Delivery, now: datetime | None = None) -> str:
    """Before the middle of a session pupils say how they feel now; after it, how they
    feel after the session."""
    now = now or timezone.now()
    middle = delivery.start + (delivery.end - delivery.start) / 2
    return "before" if now < middle else "after"


def open_pair(delivery: Delivery, token: str) -> PupilResponse | None:
    """A "before" answer from this browser still waiting for its "after" answer."""
    if not token:
        return None
    return PupilResponse.objects.filter(
        delivery=delivery, pairing_hash=pairing_hash(token), after_confidence__isnull=True
    ).first()


def answers_allowed(delivery: Delivery) -> int:
    """The most pupil answers a visit keeps: the pupils on its register, or before
    the register is taken, the pupils the school said to expect."""
    register = getattr(delivery, "register", None)
    if register is not None:
        return register.pupils_reached
    return delivery.booking.expected_pupils


def _make_room(delivery: Delivery) -> None:
    """Refuse a new answer once the visit has one from every pupil it reached.

    Called inside the transaction: the delivery row's lock makes answers arriving
    at once count one after the other, so none slips past the limit. Answers set
    aside by a coordinator do not take a pupil's place. A session for staff or for
    parents and carers takes no pupil answers at all."""
    if not delivery.booking.session.has_pupil_audience:
        raise FeedbackError(
            "This session was not for pupils, so it has no pupil questions.",
            code="not_for_pupils",
        )
    locked = Delivery.objects.select_for_update().select_related("booking").get(pk=delivery.pk)
    kept = PupilResponse.objects.counted().filter(delivery=locked).count()
    if kept >= answers_allowed(locked):
        raise FeedbackError(
            "Thank you. This session already has an answer from every pupil who was "
            "there, so we cannot take any more.",
            code="answers_full",
        )


@dataclass
class PupilSubmission:
    response: PupilResponse
    flagged: bool


def submit_pupil_before(delivery: Delivery, *, token: str, confidence: int) -> PupilSubmission:
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
            _make_room(delivery)
            response = PupilResponse.objects.create(
                delivery=delivery, pairing_hash=pairing_hash(token), before_confidence=confidence
            )
        refresh_feedback_totals(delivery.pk)
        log_line_only(response, "training.pupil_response.before_given")
    return PupilSubmission(response=response, flagged=False)


def _answer_to_complete(
    delivery: Delivery, token: str, retrospective_before: int | None
) -> PupilResponse:
    """This browser's open "before" answer (locked), or a new answer with the pupil's
    retrospective "before"."""
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
        if response is not None:
            return response
    if retrospective_before is None:
        raise FeedbackError(
            "Select how confident you felt before the session",
            code="before_missing",
            field="retrospective_before",
        )
    _make_room(delivery)
    return PupilResponse(
        delivery=delivery,
        before_confidence=retrospective_before,
        before_is_retrospective=True,
    )


def submit_pupil_feedback(
    delivery: Delivery,
    *,
    token: str,
    after_confidence: int,
    knows_who_to_talk_to: str,
    do_differently: str = "",
    retrospective_before: int | None = None,
) -> PupilSubmission:
    """Record a pupil's end-of-session answers.

    Paired with this browser's "before" answer when there is one; otherwise the
    pupil's retrospective "before" is stored. The pairing hash is emptied once
    the pair is complete: it has no further use. Free text that may be a
    disclosure is flagged and the safeguarding people are told to look.
    """
    do_differently = (do_differently or "").strip()
    flagged = may_be_disclosure(do_differently)
    with transaction.atomic():
        response = _answer_to_complete(delivery, token, retrospective_before)
        response.after_confidence = after_confidence
        response.knows_who_to_talk_to = knows_who_to_talk_to
        response.do_differently = do_differently
        response.flagged = flagged
        response.pairing_hash = ""
        response.save()
        refresh_feedback_totals(delivery.pk)
        if flagged:
            log(instance=response, action="training.pupil_response.flagged")
            # Queued in this transaction, not on commit: the alert is stored with
            # the answer, so no crash between the two can lose it.
            notify_possible_disclosure(response)
        else:
            log_line_only(response, "training.pupil_response.answered")
    return PupilSubmission(response=response, flagged=flagged)


def set_aside_answers(delivery: Delivery, *, by: User, reason: str) -> int:
    """Set aside every answer a visit has that is still counted: kept, with who did
    it and when, but out of every figure and of the places taken. Returns how many."""
    reason = (reason or "").strip()
    if not reason:
        raise FeedbackError(
            "Say why these answers are set aside.", code="reason_missing", field="reason"
        )
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        count = (
            PupilResponse.objects.counted()
            .filter(delivery=locked)
            .update(set_aside_at=timezone.now(), set_aside_by=by)
        )
        if not count:
            raise FeedbackError("This visit has no answers to set aside.", code="nothing_counted")
        refresh_feedback_totals(locked.pk)
        log(
            instance=locked,
            action="training.pupil_responses.set_aside",
            user=by,
            data={"answers": count, "reason": reason},
        )
    return count
