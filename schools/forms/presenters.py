"""A presenter's time off."""

from django import forms

from portal.form_renderer import GovukForm

from .widgets import DateInput


class UnavailabilityForm(GovukForm):
    start = forms.DateField(label="First day", widget=DateInput())
    end = forms.DateField(label="Last day", widget=DateInput())
    reason = forms.CharField(
        label="Reason (optional)",
        max_length=200,
        required=False,
        help_text="For example: annual leave, court.",
    )

    confirm = forms.BooleanField(
        label="Record my time off anyway, and tell the coordinators",
        required=False,
        help_text="Only needed if you are booked for a visit on these days.",
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The last day must be the same as or after the first day.")
        return data
