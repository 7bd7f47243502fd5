"""A person's link to a school, and whether the school has accepted it."""

from django.conf import settings
from django.db import models

from .schools import School


class SchoolMembership(models.Model):
    """A person's link to a school. Only approved memberships give access to its records."""

    class Role(models.TextChoices):
        DSL = "dsl", "Designated safeguarding lead"
        TEACHER = "teacher", "Teacher"
        OFFICE = "office", "School office"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        LEFT = "left", "Left the school"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_memberships"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["school__name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="one_membership_per_school")
        ]

    def __str__(self):
        return f"{self.user} at {self.school.name} ({self.get_status_display()})"
