"""Dated staff training events, who registered for them, and the registers taken:
who attended an event, and what a school delivery reached (counts only, never
pupils' names). Who may see or change each is in training.permissions."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from cms.models import YEAR_GROUP_CHOICES
from portal.validators import one_line


class TrainingEventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Scheduled events that have not started yet."""
        return self.filter(status=TrainingEvent.Status.SCHEDULED, start__gt=now or timezone.now())

    def with_counts(self):
        """Annotate confirmed and waitlisted numbers in one query."""
        return self.annotate(
            confirmed_count=models.Count(
                "registrations",
                filter=models.Q(registrations__status=Registration.Status.CONFIRMED),
            ),
            waitlisted_count=models.Count(
                "registrations",
                filter=models.Q(registrations__status=Registration.Status.WAITLISTED),
            ),
        )


class TrainingEvent(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    course = models.ForeignKey(
        "cms.TrainingCoursePage", on_delete=models.PROTECT, related_name="events"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    venue = models.CharField(
        max_length=200,
        blank=True,
        help_text="Leave empty for an online event.",
        validators=[one_line],
    )
    online_link = models.URLField(blank=True, help_text="Sent only to confirmed people.")
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    booking_closes = models.DateTimeField()
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="training_events"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised when the time or place changes, or the event is cancelled: "
        "calendars update in place.",
    )

    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.course.title}, {timezone.localtime(self.start):%d %b %Y}"

    @property
    def is_online(self):
        return not self.venue

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def confirmed_number(self):
        if hasattr(self, "confirmed_count"):
            return self.confirmed_count
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    @property
    def places_left(self):
        return max(self.capacity - self.confirmed_number(), 0)

    def is_open_for_booking(self, now=None):
        now = now or timezone.now()
        return (
            self.status == self.Status.SCHEDULED and now < self.booking_closes and now < self.start
        )

    def register_open(self, now=None):
        """A register can be taken from the morning of the event (local time) onwards."""
        now = now or timezone.now()
        start_of_day = timezone.localtime(self.start).replace(hour=0, minute=0, second=0)
        return self.status == self.Status.SCHEDULED and now >= start_of_day


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting_list(self):
        """Waitlisted people in the order they joined the queue."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by(
            "status_changed_at", "pk"
        )


class Registration(models.Model):
    """A member of school staff's place (or place in the queue) at an event."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", "Not recorded"
        ATTENDED = "attended", "Attended"
        ABSENT = "absent", "Absent"

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    attendance = models.CharField(
        max_length=20, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    walk_in = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The waiting list is ordered by when each person joined it (status_changed_at),
    # so someone who cancels and registers again joins the back of the queue.
    status_changed_at = models.DateTimeField(auto_now_add=True)
    # Raised when this person's place is given up or taken again; with the event's own
    # sequence it orders every invitation and cancellation they are sent.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.user} at {self.event}"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    def waiting_list_position(self):
        """1 for the first person waiting; None when not on the waiting list."""
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = (
            Registration.objects.filter(event_id=self.event_id, status=self.Status.WAITLISTED)
            .filter(
                models.Q(status_changed_at__lt=self.status_changed_at)
                | models.Q(status_changed_at=self.status_changed_at, pk__lt=self.pk)
            )
            .count()
        )
        return ahead + 1


# Registers of school deliveries ------------------------------------------------------


class DeliveryRegister(models.Model):
    delivery = models.OneToOneField(
        "schools.Delivery", on_delete=models.CASCADE, related_name="register"
    )
    delivered_at = models.DateTimeField()
    staff_present = models.PositiveIntegerField(default=0)
    pupils_reached = models.PositiveIntegerField(
        default=0, help_text="Total of the year-group counts; sessions for pupils only."
    )
    parents_reached = models.PositiveIntegerField(
        "parents and carers reached",
        default=0,
        help_text="Parents and carers who attended; sessions for parents and carers only.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Register for delivery {self.delivery_id}"


class PupilsReached(models.Model):
    register = models.ForeignKey(
        DeliveryRegister, on_delete=models.CASCADE, related_name="year_groups"
    )
    year_group = models.PositiveSmallIntegerField(choices=YEAR_GROUP_CHOICES)
    count = models.PositiveIntegerField()
    booked = models.BooleanField(
        default=True, help_text="False for a year group that joined on the day unbooked."
    )

    class Meta:
        verbose_name_plural = "pupils reached"
        constraints = [
            models.UniqueConstraint(
                fields=["register", "year_group"], name="one_count_per_year_group"
            )
        ]

    def __str__(self):
        note = "" if self.booked else " (not booked)"
        return f"{self.get_year_group_display()}{note}: {self.count}"
