"""What happened at a school delivery: counts only, never pupils' names."""

from django.conf import settings
from django.db import models

from cms.models import YEAR_GROUP_CHOICES
from portal import roles


def deliveries_with_register_for(user):
    """School deliveries whose register this person may see and record."""
    from schools.models import Delivery

    if roles.is_coordinator(user):
        return Delivery.objects.all()
    if not user.is_authenticated:
        return Delivery.objects.none()
    return Delivery.objects.filter(assignments__presenter=user).distinct()


def can_record_delivery_register(user, delivery):
    """Presenters assigned to the delivery and coordinators record its register."""
    if not user.is_authenticated:
        return False
    return roles.is_coordinator(user) or delivery.assignments.filter(presenter=user).exists()


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
