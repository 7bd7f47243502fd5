"""Another date for a request: the coordinator proposes it (a date agreed by phone,
or one the school did not list), the school accepts, and the visit is scheduled
through schedule_delivery with its locks, or declines, and the request goes back
to the coordinators."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from schools import tasks
from schools.models import Booking, DateProposal, Delivery, SchoolMembership

from ..common import after_commit
from ..errors import BookingError, SchedulingError
from ..presenters import busy_error, busy_presenter_ids
from .common import check_presenters, lock_booking, visit_times
from .scheduling import schedule_delivery

PENDING = DateProposal.Status.PENDING


def propose_date(  # noqa: PLR0913  (the visit's own fields, each a form field)
    booking: Booking,
    *,
    by: User,
    presenters: list[User],
    start: datetime,
    place: str = "",
    note: str = "",
) -> DateProposal:
    """Offer the school another date and time. The presenters must be free now (the
    readable refusal says who is not); they are not held until the school accepts,
    and accepting checks again. A newer proposal replaces a waiting one."""
    presenters = list(presenters)
    check_presenters(presenters, booking)
    start, end = visit_times(booking, start)
    ids = [p.pk for p in presenters]
    with transaction.atomic():
        booking = lock_booking(booking)
        if booking.status != Booking.Status.REQUESTED:
            raise SchedulingError(
                "Only a request not yet scheduled can be offered another date.",
                code="not_schedulable",
            )
        busy = busy_presenter_ids(ids, start, end)
        if busy:
            raise busy_error(presenters, busy, start, end)
        now = timezone.now()
        booking.proposals.filter(status=PENDING).update(
            status=DateProposal.Status.WITHDRAWN, decided_at=now
        )
        proposal = DateProposal.objects.create(
            booking=booking, start=start, end=end, place=place, note=note, proposed_by=by
        )
        proposal.presenters.set(presenters)
        log(
            instance=booking,
            action="schools.booking.date_proposed",
            user=by,
            data={"start": start.isoformat(), "presenters": ids, "proposal": proposal.pk},
        )
        after_commit(tasks.send_booking_email.enqueue, booking.pk, tasks.PROPOSED)
    return proposal


def _pending(booking: Booking, by: User) -> DateProposal:
    """The waiting proposal, locked, for one of the school's approved staff."""
    if not booking.school.memberships.filter(
        user=by, status=SchoolMembership.Status.APPROVED
    ).exists():
        raise BookingError("Only your school's staff can answer this.", code="not_member")
    proposal = (
        DateProposal.objects.select_for_update()
        .filter(booking=booking, status=PENDING)
        .order_by("-created_at")
        .first()
    )
    if proposal is None:
        raise BookingError(
            "There is no date waiting for your answer: it may have been replaced or "
            "already answered. Check the booking below.",
            code="no_proposal",
        )
    return proposal


def accept_proposal(booking: Booking, *, by: User) -> Delivery:
    """The school takes the proposed date: the visit is scheduled as if the coordinator
    had chosen it, with the same checks, locks and emails."""
    with transaction.atomic():
        booking = lock_booking(booking)
        proposal = _pending(booking, by)
        proposal.status = DateProposal.Status.ACCEPTED
        proposal.decided_by = by
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        delivery = schedule_delivery(
            booking,
            by=by,
            presenters=list(proposal.presenters.order_by("pk")),
            start=proposal.start,
            end=proposal.end,
            place=proposal.place,
        )
        log(
            instance=booking,
            action="schools.booking.proposal_accepted",
            user=by,
            data={"proposal": proposal.pk, "start": proposal.start.isoformat()},
        )
    return delivery


def decline_proposal(booking: Booking, *, by: User, reason: str) -> DateProposal:
    """The school cannot do the proposed date: the request waits for the coordinators
    again, and they are told why."""
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(
            "Say why the date does not suit, so the coordinator can find another.",
            code="no_reason",
            field="reason",
        )
    with transaction.atomic():
        booking = lock_booking(booking)
        proposal = _pending(booking, by)
        proposal.status = DateProposal.Status.DECLINED
        proposal.decided_by = by
        proposal.decided_at = timezone.now()
        proposal.reason = reason
        proposal.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        log(
            instance=booking,
            action="schools.booking.proposal_declined",
            user=by,
            data={"proposal": proposal.pk, "reason": reason},
        )
        after_commit(
            tasks.send_coordinator_notice.enqueue, booking.pk, tasks.NOTICE_PROPOSAL_DECLINED
        )
    return proposal
