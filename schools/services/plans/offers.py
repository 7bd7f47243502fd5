"""A plan's offers: each proposed visit becomes a booking with a date proposed to the
school (schools.services.bookings.proposals), so the DSL's answer goes through the
same services, locks and emails as any booking. Accepting schedules the visit
(schedule_delivery: the presenters locked, never double-booked); a presenter booked
elsewhere since the plan was made is refused plainly, and the coordinators told."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from schools import tasks
from schools.models import (
    Booking,
    DateProposal,
    Delivery,
    PlannedVisit,
    School,
    SchoolMembership,
    TermPlan,
)

from ..bookings import (
    accept_proposal,
    cancel_booking,
    decline_proposal,
    next_reference,
    propose_date,
)
from ..common import LONDON, after_commit
from ..errors import BookingError, PlanError, SchedulingError, SchoolsError
from .solving import _coordinator

OfferState = PlannedVisit.OfferState


def send_offers(plan: TermPlan, *, by: User) -> tuple[int, list[tuple[PlannedVisit, str]]]:
    """Offer every visit of the plan not removed to its school. Returns how many went,
    and each visit that could not be offered with why (it stays unsent)."""
    _coordinator(by)
    with transaction.atomic():
        plan = TermPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != TermPlan.Status.READY:
            raise PlanError("Only a plan ready to check can send its offers.", code="not_ready")
        visits = plan.visits.filter(removed=False, offer_state=OfferState.NOT_SENT)
        visits = visits.select_related("school", "session", "presenter")
        sent, refused = 0, []
        for visit in visits:
            try:
                with transaction.atomic():
                    offer_visit(visit, by=by)
            except SchoolsError as error:
                refused.append((visit, error.message))
            else:
                sent += 1
        if sent == 0:
            raise PlanError(
                "No offer could be sent. " + " ".join(f"{v.school.name}: {m}" for v, m in refused),
                code="nothing_sent",
            )
        plan.status = TermPlan.Status.SENT
        plan.sent_at = timezone.now()
        plan.save(update_fields=["status", "sent_at", "updated_at"])
        log(
            instance=plan,
            action="schools.term_plan.sent",
            user=by,
            data={"sent": sent, "not_sent": [v.pk for v, _ in refused]},
        )
    return sent, refused


def offer_visit(visit: PlannedVisit, *, by: User) -> Booking:
    """One visit becomes a booking for the school with its date proposed, through
    propose_date: the presenter must still be qualified and free, the day open."""
    school = School.objects.select_for_update().get(pk=visit.school_id)
    if not school.memberships.filter(
        status=SchoolMembership.Status.APPROVED, role=SchoolMembership.Role.DSL
    ).exists():
        raise PlanError(
            "the school has no approved designated safeguarding lead to answer.", code="no_dsl"
        )
    if Booking.objects.open().filter(school=school, session=visit.session_id).exists():
        raise PlanError("the school already has an open booking for this session.", code="open")
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                reference=next_reference(visit.day.year),
                school=school,
                session=visit.session,
                requested_by=by,
                year_groups=[visit.year_group],
                expected_pupils=min(visit.pupils, visit.session.max_audience),
                notes="Offered by the partnership in its plan for the term.",
                status=Booking.Status.REQUESTED,
                status_changed_by=by,
                status_changed_at=timezone.now(),
            )
    except IntegrityError as error:
        raise PlanError("the school already has an open booking for this session.") from error
    visit.booking = booking
    visit.offer_state = OfferState.SENT
    visit.save(update_fields=["booking", "offer_state"])
    propose_date(
        booking,
        by=by,
        presenters=[visit.presenter],
        start=datetime.combine(visit.day, visit.start, tzinfo=LONDON),
        note="The partnership is planning visits to schools this term and can offer this date.",
    )
    log(instance=booking, action="schools.booking.offered", user=by, data={"plan": visit.plan_id})
    return booking


def _planned(booking: Booking) -> PlannedVisit:
    visit = PlannedVisit.objects.select_for_update().filter(booking=booking).first()
    if visit is None:
        raise BookingError("This booking is not an offer from a term plan.", code="not_offer")
    return visit


def _answered(visit: PlannedVisit, state: str, by: User, action: str) -> None:
    visit.offer_state = state
    visit.save(update_fields=["offer_state"])
    log(
        instance=visit.plan,
        action=action,
        user=by,
        data={"visit": visit.pk, "booking": visit.booking.reference},
    )


def accept_offer(booking: Booking, *, by: User) -> Delivery:
    """The DSL takes the date: scheduled through accept_proposal and schedule_delivery.
    If the presenter was booked elsewhere meanwhile, nothing is booked, the date is
    withdrawn, the coordinators are told, and the refusal says so."""
    try:
        with transaction.atomic():
            visit = _planned(booking)
            delivery = accept_proposal(booking, by=by)
            _answered(visit, OfferState.ACCEPTED, by, "schools.term_plan.offer_accepted")
    except SchedulingError as error:
        if error.code != "presenter_busy":
            raise
        _clash(booking, by)
        raise SchedulingError(
            "Sorry: the presenter for this date has since been booked elsewhere, so this "
            "date can no longer be booked. We have told the partnership's coordinators, "
            "who will offer you another date.",
            code="offer_clash",
        ) from error
    return delivery


def _clash(booking: Booking, by: User) -> None:
    with transaction.atomic():
        visit = _planned(booking)
        booking.proposals.filter(status=DateProposal.Status.PENDING).update(
            status=DateProposal.Status.WITHDRAWN, decided_at=timezone.now()
        )
        _answered(visit, OfferState.CLASH, by, "schools.term_plan.offer_clash")
        after_commit(tasks.send_coordinator_notice.enqueue, booking.pk, tasks.NOTICE_OFFER_CLASH)


def ask_another_date(booking: Booking, *, by: User, reason: str) -> DateProposal:
    """The school would like the visit on another day: the request stays open for the
    coordinators, who are told (decline_proposal)."""
    with transaction.atomic():
        visit = _planned(booking)
        proposal = decline_proposal(booking, by=by, reason=reason)
        _answered(visit, OfferState.ANOTHER_DATE, by, "schools.term_plan.offer_another_date")
    return proposal


def decline_offer(booking: Booking, *, by: User, reason: str) -> Booking:
    """The school does not want the visit: the date is declined and the request
    withdrawn (cancel_booking tells the coordinators)."""
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(
            "Say why the school does not want the visit.", code="no_reason", field="reason"
        )
    with transaction.atomic():
        visit = _planned(booking)
        booking.proposals.filter(status=DateProposal.Status.PENDING).update(
            status=DateProposal.Status.DECLINED,
            decided_by=by,
            decided_at=timezone.now(),
            reason=reason,
        )
        booking = cancel_booking(booking, by=by, reason=reason)
        _answered(visit, OfferState.DECLINED, by, "schools.term_plan.offer_declined")
    return booking
