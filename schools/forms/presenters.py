"""A presenter's time off."""

from django import forms

from portal.date_input import GovukDateField
from portal.form_renderer import GovukForm

from ..models import District
from ..models.presenters import WEEKDAYS


class UnavailabilityForm(GovukForm):
    start = GovukDateField(label="First day", subject="the first day")
    end = GovukDateField(label="Last day", subject="the last day")
    reason = forms.CharField(
        label="Reason (optional)",
        max_length=200,
        required=False,
        help_text="For example: annual leave, court.",
        error_messages={"max_length": "Reason must be %(limit_value)d characters or fewer"},
    )

    confirm = forms.BooleanField(
        label="Record my time off anyway, and tell the coordinators",
        required=False,
        help_text="Only needed if you are booked for a visit on these days.",
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error(
                "end", f"The last day must be the same as or after {data['start']:%-d %B %Y}"
            )
        return data


class WorkingPatternForm(GovukForm):
    working_weekdays = forms.TypedMultipleChoiceField(
        label="The days you work",
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one working day",
            "invalid_choice": "Choose working days from Monday to Friday",
        },
    )
    daily_max_visits = forms.TypedChoiceField(
        label="Most visits in a day",
        choices=[(n, str(n)) for n in range(1, 7)],
        coerce=int,
        error_messages={
            "required": "Choose the most visits you can give in a day",
            "invalid_choice": "Choose between 1 and 6 visits a day",
        },
    )
    base_district = forms.ModelChoiceField(
        label="Where your working day starts",
        queryset=District.objects.order_by("name"),
        required=False,
        empty_label="Not set",
        help_text="The planner counts your miles from here.",
        error_messages={"invalid_choice": "Choose a district from the list"},
    )
