"""Changes to a booking that wait for someone's answer: a date the coordinator
proposes to the school, a school's request to move its visit, and how each
coordinator wants to hear about schools' requests."""

from django.conf import settings
from django.db import models

from .bookings import Booking


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the school"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Replaced or withdrawn"


class DateProposal(models.Model):
    """Another date and time offered to a school for its request; the school accepts
    (the visit is scheduled through the same service) or declines."""

    Status = ProposalStatus

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="proposals")
    start = models.DateTimeField()
    end = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    presenters = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    note = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True, help_text="Why the school declined.")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking"],
                condition=models.Q(status=ProposalStatus.PENDING),
                name="one_pending_proposal_per_booking",
            )
        ]

    def __str__(self):
        return f"{self.booking_id} on {self.start:%d %b %Y}"


class MoveRequest(models.Model):
    """A school asks for its scheduled visit to move, with a reason and new dates."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="move_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    dates = models.JSONField(default=list, help_text="Preferred new dates, ISO format.")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(
        null=True, blank=True, help_text="When the visit was moved or cancelled."
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Move {self.booking_id} asked on {self.created_at:%d %b %Y}"


class BookingEmailPreference(models.Model):
    """How a coordinator hears of schools' new requests, cancellations and moves:
    one email each at once (the default, without a row) or one digest a day."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", "An email for each, at once"
        DAILY = "daily", "One summary email a day"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_emails"
    )
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    digest_sent_up_to = models.DateTimeField(
        null=True, blank=True, help_text="The end of the period the last digest covered."
    )

    def __str__(self):
        return f"{self.user}: {self.frequency}"
