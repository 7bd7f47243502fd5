"""Presenters: what they may deliver, and when they cannot."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from portal.validators import one_line

from .calendars import new_calendar_token

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
]


def default_working_weekdays():
    return [0, 1, 2, 3, 4]


class WeekdaysField(models.JSONField):
    """A list of weekday numbers, chosen with a checkbox each."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=WEEKDAYS,
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            label=kwargs.get("label", self.verbose_name.capitalize()),
            help_text=self.help_text,
            error_messages={"required": "Choose at least one working day"},
        )


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
    working_weekdays = WeekdaysField(
        "working days",
        default=default_working_weekdays,
        help_text="The school days the presenter works.",
    )
    daily_max_visits = models.PositiveSmallIntegerField(
        "most visits in a day",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    base_district = models.ForeignKey(
        "schools.District",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the presenter's working day starts: the planner counts miles from it.",
    )

    def __str__(self):
        return str(self.user)

    @property
    def working_days_label(self):
        names = dict(WEEKDAYS)
        return ", ".join(names[d] for d in sorted(self.working_weekdays) if d in names)


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
