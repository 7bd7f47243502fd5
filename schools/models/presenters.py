"""Presenters: what they may deliver, and when they cannot."""

from django.conf import settings
from django.db import models

from portal.validators import one_line

from .calendars import new_calendar_token


class PresenterProfile(models.Model):
    """What schools need to know about a presenter, and what they may deliver.

    A designated safeguarding lead must check visiting speakers: the partnership
    records its vetting confirmation here.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presenter_profile"
    )
    organisation = models.ForeignKey(
        "cms.PartnerOrganisation", null=True, blank=True, on_delete=models.SET_NULL
    )
    job_title = models.CharField(
        max_length=150,
        blank=True,
        help_text="For example: PC, schools officer.",
        validators=[one_line],
    )
    qualified_sessions = models.ManyToManyField(
        "cms.SessionPage", blank=True, related_name="qualified_presenters"
    )
    vetting_confirmed_on = models.DateField(null=True, blank=True)
    vetting_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    def __str__(self):
        return str(self.user)


class Unavailability(models.Model):
    """A time a presenter cannot deliver (leave, court days, training)."""

    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unavailabilities"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name_plural = "unavailability"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="unavailability_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.presenter}: {self.start:%d %b %Y} to {self.end:%d %b %Y}"
