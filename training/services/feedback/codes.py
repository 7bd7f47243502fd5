"""Pupil feedback codes: each delivery's short code, made when the visit is
scheduled (or first asked for), and the delivery a code someone typed opens."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.codes import PUPIL_CODE
from schools.models import Delivery
from training.models import FeedbackCode
from training.models.feedback import LIVE_BOOKING_STATUSES
from training.services.errors import FeedbackError

# A code opens shortly before the visit starts (pupils answering "how do you feel
# now" at the start) and closes a set time after it ends.
CODE_OPENS_BEFORE = timedelta(minutes=30)
CODE_LIFETIME = timedelta(days=14)


def feedback_code_for(delivery: Delivery) -> FeedbackCode:
    """The delivery's pupil feedback code, created the first time it is asked for.
    Only a session for pupils has one: staff and parents give no pupil answers."""
    if not delivery.booking.session.has_pupil_audience:
        raise FeedbackError("Only a session for pupils has a pupil feedback code.", code="no_code")
    existing = FeedbackCode.objects.filter(delivery=delivery).first()
    if existing:
        return existing
    for _ in range(10):
        try:
            with transaction.atomic():
                return FeedbackCode.objects.create(delivery=delivery, code=PUPIL_CODE.generate())
        except IntegrityError:
            # Either the code was taken (try another) or another request made
            # this delivery's code at the same moment (use theirs).
            existing = FeedbackCode.objects.filter(delivery=delivery).first()
            if existing:
                return existing
    raise FeedbackError("Could not make a unique feedback code.", code="no_code")


def give_feedback_code(sender: type, *, delivery: Delivery, **kwargs: object) -> None:
    """Every scheduled visit for pupils gets the short code pupils use to give
    feedback (received from schools' ``delivery_scheduled`` signal, after the commit)."""
    if delivery.booking.session.has_pupil_audience:
        feedback_code_for(delivery)


def code_opens_at(delivery: Delivery) -> datetime:
    return delivery.start - CODE_OPENS_BEFORE


def code_expires_at(delivery: Delivery) -> datetime:
    return delivery.end + CODE_LIFETIME


def delivery_for_code(code: str, now: datetime | None = None) -> Delivery:
    """The delivery a code opens, or a FeedbackError saying why not."""
    now = now or timezone.now()
    found = (
        FeedbackCode.objects.select_related("delivery__booking__session")
        .filter(code=PUPIL_CODE.normalise(code))
        .first()
    )
    if (
        found is None
        or found.delivery.booking.status not in LIVE_BOOKING_STATUSES
        # A code made before its session was marked as for staff or parents.
        or not found.delivery.booking.session.has_pupil_audience
    ):
        raise FeedbackError(
            "We could not find that code. Check it with the person who ran your session.",
            code="unknown_code",
            field="code",
        )
    if now < code_opens_at(found.delivery):
        opens = timezone.localtime(code_opens_at(found.delivery))
        raise FeedbackError(
            f"This code opens at {opens:%-H:%M} on {opens:%A %-d %B}, "
            "just before your session starts.",
            code="not_open_yet",
            field="code",
        )
    if now > code_expires_at(found.delivery):
        raise FeedbackError(
            "This code has stopped working. Codes work for 14 days after a session.",
            code="expired_code",
            field="code",
        )
    return found.delivery
