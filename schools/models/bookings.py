"""Booking requests, their preferred dates, and the visits they become."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse

from .schools import School


def travel_buffer():
    """Time a presenter needs between two deliveries (SCHOOLS_TRAVEL_BUFFER_MINUTES)."""
    return timedelta(minutes=getattr(settings, "SCHOOLS_TRAVEL_BUFFER_MINUTES", 30))


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SCHEDULED = "scheduled", "Scheduled"
    DELIVERED = "delivered", "Delivered"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


# A request still waiting or a visit still to come.
OPEN_STATUSES = (BookingStatus.REQUESTED, BookingStatus.SCHEDULED)


class BookingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Booking.OPEN_STATUSES)


class Booking(models.Model):
    """A school's request for a session, and what became of it."""

    Status = BookingStatus

    # Which status may follow which; services check every change against this.
    TRANSITIONS = {
        Status.REQUESTED: {Status.SCHEDULED, Status.DECLINED, Status.CANCELLED},
        Status.SCHEDULED: {Status.DELIVERED, Status.CANCELLED},
        Status.DELIVERED: set(),
        Status.DECLINED: set(),
        Status.CANCELLED: set(),
    }
    OPEN_STATUSES = OPEN_STATUSES

    reference = models.CharField(max_length=20, unique=True, editable=False)
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="bookings")
    session = models.ForeignKey(
        "cms.SessionPage", on_delete=models.PROTECT, related_name="bookings"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="bookings_requested",
    )
    year_groups = models.JSONField(default=list, help_text="Year numbers; 0 is Reception.")
    # How many of the session's audience are expected: pupils, staff, or parents and
    # carers (year groups are asked for pupil sessions only).
    expected_pupils = models.PositiveIntegerField(
        "expected audience",
        help_text="Pupils, staff, or parents and carers, as the session is for.",
    )
    access_needs = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    status_reason = models.TextField(blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["school", "status"]), models.Index(fields=["status"])]
        constraints = [
            # The database's own guard against a school asking twice for one session.
            models.UniqueConstraint(
                fields=["school", "session"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="one_open_booking_per_school_and_session",
            )
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("schools:booking_detail", args=[self.reference])

    def can_become(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]

    @property
    def expected_audience(self) -> str:
        """The expected audience in words: "30 pupils", "12 staff"."""
        return f"{self.expected_pupils} {self.session.audience_noun}"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def can_cancel(self, now):
        """Schools may cancel until the visit starts; afterwards only the record stays."""
        if not self.can_become(self.Status.CANCELLED):
            return False
        delivery = getattr(self, "delivery", None) if self.status == self.Status.SCHEDULED else None
        return delivery is None or delivery.start > now


class ReferenceCounter(models.Model):
    """The last booking number used in a year; locked while the next one is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class BookingOption(models.Model):
    """One of up to three preferred dates (morning or afternoon) for a booking."""

    class PartOfDay(models.TextChoices):
        MORNING = "am", "Morning"
        AFTERNOON = "pm", "Afternoon"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    date = models.DateField()
    part_of_day = models.CharField(max_length=2, choices=PartOfDay.choices)

    class Meta:
        ordering = ["booking", "position"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "position"], name="one_option_per_position")
        ]

    def __str__(self):
        return f"{self.date:%d %b %Y} ({self.get_part_of_day_display()})"


class Delivery(models.Model):
    """The scheduled visit for a booking: when, where and who."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="delivery")
    start = models.DateTimeField()
    end = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True, help_text="For example: main hall.")
    presenters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="DeliveryAssignment", related_name="deliveries"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised on each move or change of presenter: calendars update in place.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["start"])]

    def __str__(self):
        return f"{self.booking.reference} on {self.start:%d %b %Y}"


class DeliveryAssignment(models.Model):
    """A presenter on a delivery. Start and end are copied from the delivery so that
    the database itself can refuse overlapping assignments for one presenter."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="assignments")
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    busy_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="End plus the travel buffer; PostgreSQL refuses overlapping busy times.",
    )
    needs_cover = models.BooleanField(
        default=False,
        help_text="The presenter recorded time off over this visit: find someone else.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "presenter"], name="one_assignment_per_presenter"
            )
        ]
        indexes = [models.Index(fields=["presenter", "start"])]

    def __str__(self):
        return f"{self.presenter} on {self.delivery_id}"

    def save(self, *args, **kwargs):
        # Only this row's own derived field; the exclusion constraint reads it.
        if self.busy_until is None and self.end is not None:
            self.busy_until = self.end + travel_buffer()
        super().save(*args, **kwargs)
