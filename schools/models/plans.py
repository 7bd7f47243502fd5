"""Term plans: the coordinator's aims for a term, the visits the planner proposed for
them, and what became of each offer sent to a school."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from .bookings import Booking
from .schools import School


class TermPlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SOLVING = "solving", "Being planned"
    READY = "ready", "Ready to check"
    SENT = "sent", "Offers sent"


class TermPlan(models.Model):
    """One term's plan. `aims` holds what the coordinator chose, as they chose it
    (session, year group, districts, phase, years since reached, weight); the schools
    each aim names are worked out again whenever the term is planned."""

    Status = TermPlanStatus

    first_day = models.DateField("first day of term")
    last_day = models.DateField("last day of term")
    aims = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    error = models.TextField(blank=True, help_text="Why the last planning run stopped.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # What the solver reported for the last run.
    solver = models.CharField(max_length=20, blank=True)
    solver_status = models.CharField(max_length=40, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    pupils_reached = models.PositiveIntegerField(default=0)
    weighted_pupils = models.PositiveIntegerField(default=0)
    miles = models.FloatField(default=0)
    unplaced = models.JSONField(
        default=list, help_text="What could not be placed: aim, school, reason."
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Term plan {self.first_day:%d %b %Y} to {self.last_day:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("schools:plan_detail", args=[self.pk])

    @property
    def is_solving(self):
        return self.status == self.Status.SOLVING


class OfferState(models.TextChoices):
    NOT_SENT = "not_sent", "Not sent"
    SENT = "sent", "Waiting for the school"
    ACCEPTED = "accepted", "Accepted"
    ANOTHER_DATE = "another_date", "School asked for another date"
    DECLINED = "declined", "Declined"
    CLASH = "clash", "Presenter no longer free"


class PlannedVisit(models.Model):
    """One visit the planner proposed; once sent it has a booking with a proposed
    date, answered by the school through the usual services."""

    OfferState = OfferState

    plan = models.ForeignKey(TermPlan, on_delete=models.CASCADE, related_name="visits")
    aim = models.CharField(max_length=200)
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey("cms.SessionPage", on_delete=models.PROTECT, related_name="+")
    year_group = models.PositiveSmallIntegerField()
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField()
    start = models.TimeField()
    end = models.TimeField()
    pupils = models.PositiveIntegerField()
    miles = models.FloatField(default=0)
    locked = models.BooleanField(default=False)
    removed = models.BooleanField(default=False)
    offer_state = models.CharField(
        max_length=20, choices=OfferState.choices, default=OfferState.NOT_SENT
    )
    booking = models.OneToOneField(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="planned_visit"
    )

    class Meta:
        ordering = ["day", "start", "pk"]
        indexes = [models.Index(fields=["plan", "day"])]

    def __str__(self):
        return f"{self.school} on {self.day:%d %b %Y}"

    @property
    def is_accepted(self):
        """Accepted and still on: the booking is scheduled or delivered."""
        return self.booking is not None and self.booking.status in (
            Booking.Status.SCHEDULED,
            Booking.Status.DELIVERED,
        )
