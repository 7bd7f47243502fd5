"""Dated staff training events and who registered for them."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


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
        max_length=200, blank=True, help_text="Leave empty for an online event."
    )
    online_link = models.URLField(blank=True, help_text="Sent only to confirmed people.")
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    booking_closes = models.DateTimeField()
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="training_events"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.course.title}, {self.start:%d %b %Y}"


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
    status_changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.user} at {self.event}"
