"""What happened at a school delivery: counts only, never pupils' names."""

from django.conf import settings
from django.db import models

from cms.models import YEAR_GROUP_CHOICES


class DeliveryRegister(models.Model):
    delivery = models.OneToOneField(
        "schools.Delivery", on_delete=models.CASCADE, related_name="register"
    )
    delivered_at = models.DateTimeField()
    staff_present = models.PositiveIntegerField(default=0)
    pupils_reached = models.PositiveIntegerField(
        default=0, help_text="Total of the year-group counts."
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

    class Meta:
        verbose_name_plural = "pupils reached"
        constraints = [
            models.UniqueConstraint(
                fields=["register", "year_group"], name="one_count_per_year_group"
            )
        ]

    def __str__(self):
        return f"{self.get_year_group_display()}: {self.count}"
