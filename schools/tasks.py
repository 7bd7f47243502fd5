"""Emails about memberships and bookings, built in the background after a change
commits and handed to portal.tasks.send_email, which sends them and retries."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from portal.roles import COORDINATORS
from portal.tasks import queue_email

from . import calendar
from .models import Booking, DeliveryAssignment, SchoolMembership

# An email about a booking is named by the status the booking moved to, or is
# the reminder before the visit; one about a membership by the status the
# decision set, or is the request itself.
REMINDER = "reminder"
MEMBERSHIP_REQUESTED = "requested"
BOOKING_SUBJECTS = {
    Booking.Status.REQUESTED: "We have your request {ref}",
    Booking.Status.SCHEDULED: "Visit confirmed: {ref}",
    Booking.Status.DECLINED: "Your request {ref} has been declined",
    Booking.Status.CANCELLED: "Visit cancelled: {ref}",
    Booking.Status.DELIVERED: "Thank you: {ref} delivered",
    REMINDER: "Reminder: visit {ref} is coming up",
}
# Emails that concern the presenters too, with the visit's calendar invitation.
WITH_PRESENTERS = (Booking.Status.SCHEDULED, Booking.Status.CANCELLED, REMINDER)
APPROVED = SchoolMembership.Status.APPROVED
DSL = SchoolMembership.Role.DSL


def _school_recipients(booking):
    """The person who asked, while still approved there, and the school's approved DSLs."""
    members = booking.school.memberships.filter(status=APPROVED).select_related("user")
    emails = [
        m.user.email for m in members if m.role == DSL or m.user_id == booking.requested_by_id
    ]
    return sorted(set(emails))


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL + path


def send_booking_message(booking, kind, presenter_ids=None):
    """Build and send one email per audience (school, presenters) for a booking change."""
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
        "url": _absolute(reverse("schools:booking_detail", args=[booking.reference])),
    }
    subject = BOOKING_SUBJECTS[kind].format(ref=booking.reference)
    audiences = [("school", _school_recipients(booking))]
    if kind in WITH_PRESENTERS:
        audiences.append(("presenter", sorted({p.email for p in presenters})))
    ics = None
    if delivery and kind in WITH_PRESENTERS:
        ics = calendar.invitation(delivery, cancelled=kind == Booking.Status.CANCELLED)
    for audience, recipients in audiences:
        if not recipients:
            continue
        body = render_to_string(
            f"schools/emails/booking_{kind}.txt", {**context, "audience": audience}
        )
        message = EmailMessage(subject, body, to=recipients)
        if ics:
            message.attach(f"{booking.reference}.ics", ics, "text/calendar")
        queue_email(message)


@task
def send_booking_email(booking_id, kind, presenter_ids=None):
    send_booking_message(Booking(pk=booking_id), kind, presenter_ids)


@task
def send_new_request_email(booking_id):
    """Tell the partnership team that a school has asked for a session."""
    booking = Booking.objects.select_related("school", "session").get(pk=booking_id)
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(groups__name=COORDINATORS, is_active=True)
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        return
    context = {
        "booking": booking,
        "options": booking.options.order_by("position"),
        "schedule_url": _absolute(reverse("schools:booking_schedule", args=[booking.reference])),
        "requests_url": _absolute(reverse("schools:booking_requests")),
    }
    subject = f"New request {booking.reference}: {booking.session.title} for {booking.school.name}"
    body = render_to_string("schools/emails/booking_new_request.txt", context)
    queue_email(EmailMessage(subject, body, to=recipients))


@task
def send_leave_clash_email(assignment_ids):
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
    context = {
        "presenter": presenter,
        "assignments": assignments,
        "requests_url": _absolute(reverse("schools:booking_requests")),
    }
    subject = f"{presenter.get_full_name()} has time off over {len(assignments)} visit(s)"
    body = render_to_string("schools/emails/leave_clash.txt", context)
    EmailMessage(subject, body, to=recipients).send()


@task
def send_membership_email(membership_id, kind):
    membership = SchoolMembership.objects.select_related("user", "school").get(pk=membership_id)
    context = {
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
        body = render_to_string(f"schools/emails/membership_{kind}.txt", context)
        # Names are checked for line breaks when typed (portal.validators.one_line);
        # one saved before that check must still not stop the email (a line break
        # in a subject is refused by Django's mail).
        subject = " ".join(subject.split())
        queue_email(EmailMessage(subject, body, to=sorted(set(recipients))))
