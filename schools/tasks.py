"""Emails about memberships and bookings, built in the background after a change
commits and handed to portal.tasks.send_email, which sends them and retries."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.tasks import TaskContext, task
from django.template.loader import render_to_string
from django.urls import reverse

from portal import calendars
from portal.roles import COORDINATORS
from portal.tasks import queue_email

from . import calendar
from .models import (
    Booking,
    BookingEmailPreference,
    DateProposal,
    DeliveryAssignment,
    PlannedVisit,
    SchoolMembership,
)

# An email about a booking is named by the status the booking moved to, or is
# the reminder before the visit; one about a membership by the status the
# decision set, or is the request itself.
REMINDER = "reminder"
EDITED = "edited"
PROPOSED = "proposed"
MOVE_REQUESTED = "move_requested"
CHANGED = "changed"  # moved, or a presenter replaced
MEMBERSHIP_REQUESTED = "requested"
BOOKING_SUBJECTS = {
    Booking.Status.REQUESTED: "We have your request {ref}",
    Booking.Status.SCHEDULED: "Visit confirmed: {ref}",
    Booking.Status.DECLINED: "Your request {ref} has been declined",
    Booking.Status.CANCELLED: "Visit cancelled: {ref}",
    Booking.Status.DELIVERED: "Thank you: {ref} delivered",
    REMINDER: "Reminder: visit {ref} is coming up",
    EDITED: "We have your changes to {ref}",
    PROPOSED: "Another date offered for {ref}: please answer",
    MOVE_REQUESTED: "We have your request to move {ref}",
    CHANGED: "Visit changed: {ref}",
}
# A date offered from a term plan: the school did not ask, so it is an invitation.
PLANNED_OFFER_SUBJECT = "A visit offered to your school: {ref}, please answer"
# Emails that concern the presenters too, with the visit's calendar invitation.
WITH_PRESENTERS = (Booking.Status.SCHEDULED, Booking.Status.CANCELLED, REMINDER, CHANGED)
APPROVED = SchoolMembership.Status.APPROVED
DSL = SchoolMembership.Role.DSL
# The next thing to do, offered by apps to the right of this one (which it may not
# import), by the kind of email: training adds its teacher feedback form to "visit
# delivered". Each is `link(delivery)` returning (words, address) or None.
NEXT_STEPS = {}


def add_next_step(kind, link):
    if link not in NEXT_STEPS.setdefault(kind, []):
        NEXT_STEPS[kind].append(link)


def _next_steps(kind, delivery):
    if delivery is None:
        return []
    steps = (link(delivery) for link in NEXT_STEPS.get(kind, ()))
    return [step for step in steps if step]


def _school_recipients(booking):
    """The person who asked, while still approved there, and the school's approved DSLs."""
    members = booking.school.memberships.filter(status=APPROVED).select_related("user")
    emails = [
        m.user.email for m in members if m.role == DSL or m.user_id == booking.requested_by_id
    ]
    return sorted(set(emails))


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL + path


def send_booking_message(  # noqa: PLR0913  (who, what, and the key that sends it once)
    booking, kind, presenter_ids=None, *, former_ids=(), note="", key=""
):
    """Build and send one email per audience (school, presenters, presenters taken off
    the visit) for a booking change. `key` names it: a second run with the same key
    sends nothing (portal.tasks.queue_email)."""
    booking = Booking.objects.select_related("school", "session").get(pk=booking.pk)
    delivery = getattr(booking, "delivery", None)
    if presenter_ids is None:
        presenters = list(delivery.presenters.all()) if delivery else []
    else:
        presenters = list(get_user_model().objects.filter(pk__in=presenter_ids))
    context = {
        "booking": booking,
        "delivery": delivery,
        "presenters": presenters,
        "kind": kind,
        "note": note,
        "proposal": booking.proposals.filter(status=DateProposal.Status.PENDING).first(),
        "move": booking.move_requests.filter(resolved_at=None).last(),
        "url": _absolute(reverse("schools:booking_detail", args=[booking.reference])),
        "next_steps": _next_steps(kind, delivery),
        "offer_url": _absolute(reverse("schools:offer", args=[booking.reference])),
        "planned": kind == PROPOSED and PlannedVisit.objects.filter(booking=booking).exists(),
    }
    subject = (PLANNED_OFFER_SUBJECT if context["planned"] else BOOKING_SUBJECTS[kind]).format(
        ref=booking.reference
    )
    for audience, recipients, cancelled in _audiences(kind, presenters, booking, former_ids):
        if not recipients:
            continue
        template = "booking_removed" if audience == "former" else f"booking_{kind}"
        body = render_to_string(f"schools/emails/{template}.txt", {**context, "audience": audience})
        message = EmailMessage(subject, body, to=recipients)
        if cancelled is not None and delivery:
            ics, method = calendar.invitation(delivery, recipients, cancelled=cancelled)
            calendars.attach(message, f"{booking.reference}.ics", ics, method)
        queue_email(message, key=f"{key}:{audience}" if key else "")


def _audiences(kind, presenters, booking, former_ids):
    """(audience, addresses, None or whether its invitation is a cancellation) for each
    who hears of this change: only the emails that concern presenters carry one."""
    audiences = [("school", _school_recipients(booking), None)]
    if kind not in WITH_PRESENTERS:
        return audiences
    cancelled = kind == Booking.Status.CANCELLED
    audiences[0] = ("school", audiences[0][1], cancelled)
    audiences.append(("presenter", sorted({p.email for p in presenters}), cancelled))
    if former_ids:
        former = get_user_model().objects.filter(pk__in=former_ids)
        audiences.append(("former", sorted({p.email for p in former}), True))
    return audiences


@task(takes_context=True)
def send_booking_email(  # noqa: PLR0913  (the change, and who was taken off the visit)
    context: TaskContext, booking_id, kind, presenter_ids=None, former_ids=(), note=""
):
    send_booking_message(
        Booking(pk=booking_id),
        kind,
        presenter_ids,
        former_ids=former_ids or (),
        note=note,
        key=f"booking:{booking_id}:{kind}:task:{context.task_result.id}",
    )


# What coordinators hear of from schools, at once or in the daily digest (schools.digests).
NOTICE_REQUESTED = "requested"
NOTICE_CANCELLED = "cancelled"
NOTICE_MOVE_REQUESTED = "move_requested"
NOTICE_PROPOSAL_DECLINED = "proposal_declined"
NOTICE_OFFER_CLASH = "offer_clash"
NOTICE_SUBJECTS = {
    NOTICE_REQUESTED: "New request {ref}: {session} for {school}",
    NOTICE_CANCELLED: "{school} cancelled {ref}",
    NOTICE_MOVE_REQUESTED: "{school} asks to move {ref}",
    NOTICE_PROPOSAL_DECLINED: "{school} cannot do the date offered for {ref}",
    NOTICE_OFFER_CLASH: "{school} could not accept {ref}: the presenter is no longer free",
}


def coordinator_emails(frequency):
    """Active coordinators who chose `frequency` (at once is the default)."""
    daily = BookingEmailPreference.objects.filter(
        frequency=BookingEmailPreference.Frequency.DAILY
    ).values("user_id")
    people = get_user_model().objects.filter(groups__name=COORDINATORS, is_active=True)
    if frequency == BookingEmailPreference.Frequency.DAILY:
        people = people.filter(pk__in=daily)
    else:
        people = people.exclude(pk__in=daily)
    return sorted(set(people.values_list("email", flat=True)))


@task(takes_context=True)
def send_coordinator_notice(context: TaskContext, booking_id, notice):
    """Tell the coordinators who want it at once what a school has just done."""
    booking = Booking.objects.select_related("school", "session").get(pk=booking_id)
    recipients = coordinator_emails(BookingEmailPreference.Frequency.IMMEDIATE)
    if not recipients:
        return
    email_context = {
        "booking": booking,
        "notice": notice,
        "options": booking.options.order_by("position"),
        "proposal": booking.proposals.order_by("-created_at").first(),
        "move": booking.move_requests.order_by("-created_at").first(),
        "url": _absolute(reverse("schools:booking_detail", args=[booking.reference])),
        "schedule_url": _absolute(reverse("schools:booking_schedule", args=[booking.reference])),
        "requests_url": _absolute(reverse("schools:booking_requests")),
        "settings_url": _absolute(reverse("schools:booking_emails")),
    }
    subject = NOTICE_SUBJECTS[notice].format(
        ref=booking.reference, session=booking.session.title, school=booking.school.name
    )
    body = render_to_string(f"schools/emails/notice_{notice}.txt", email_context)
    queue_email(
        EmailMessage(" ".join(subject.split()), body, to=recipients),
        key=f"notice:{booking_id}:{notice}:task:{context.task_result.id}",
    )


@task(takes_context=True)
def send_leave_clash_email(context: TaskContext, assignment_ids):
    """Tell the coordinators that a presenter has recorded time off over visits."""
    assignments = list(
        DeliveryAssignment.objects.filter(pk__in=assignment_ids)
        .select_related("presenter", "delivery__booking__school", "delivery__booking__session")
        .order_by("start")
    )
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(groups__name=COORDINATORS, is_active=True)
            .values_list("email", flat=True)
        )
    )
    if not assignments or not recipients:
        return
    presenter = assignments[0].presenter
    email_context = {
        "presenter": presenter,
        "assignments": assignments,
        "requests_url": _absolute(reverse("schools:booking_requests")),
    }
    subject = f"{presenter.get_full_name()} has time off over {len(assignments)} visit(s)"
    body = render_to_string("schools/emails/leave_clash.txt", email_context)
    queue_email(
        EmailMessage(subject, body, to=recipients),
        key=f"leave-clash:task:{context.task_result.id}",
    )


@task(takes_context=True)
def send_membership_email(context: TaskContext, membership_id, kind):
    membership = SchoolMembership.objects.select_related("user", "school").get(pk=membership_id)
    email_context = {
        "membership": membership,
        "dashboard_url": _absolute(reverse("dashboard")),
        "approvals_url": _absolute(reverse("schools:membership_requests")),
    }
    if kind == MEMBERSHIP_REQUESTED:
        # Those who can approve: the school's approved DSLs, else the partnership team.
        recipients = list(
            membership.school.memberships.filter(status=APPROVED, role=DSL)
            .exclude(user=membership.user)
            .values_list("user__email", flat=True)
        ) or list(
            get_user_model()
            .objects.filter(groups__name=COORDINATORS, is_active=True)
            .values_list("email", flat=True)
        )
        subject = f"{membership.user.get_full_name()} asks to join {membership.school.name}"
    else:
        recipients = [membership.user.email]
        subject = (
            f"You can now book for {membership.school.name}"
            if kind == APPROVED
            else f"Your request to join {membership.school.name}"
        )
    if recipients:
        body = render_to_string(f"schools/emails/membership_{kind}.txt", email_context)
        # Names are checked for line breaks when typed (portal.validators.one_line);
        # one saved before that check must still not stop the email (a line break
        # in a subject is refused by Django's mail).
        subject = " ".join(subject.split())
        queue_email(
            EmailMessage(subject, body, to=sorted(set(recipients))),
            key=f"membership:{membership_id}:{kind}:task:{context.task_result.id}",
        )


@task
def solve_term_plan(plan_id: int) -> None:
    """Plan a term in the background (the solver is loaded by the run, here only)."""
    # Imported when the task runs: the services package imports this module.
    from schools.services.plans.runs import run_plan

    run_plan(plan_id)
