"""A message to the DSLs of chosen districts or phases."""

from django import forms

from portal.forms import MessageForm

from ..models import District, School


class DslMessageForm(MessageForm):
    districts = forms.ModelMultipleChoiceField(
        label="Districts",
        queryset=District.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose districts, phases or both. Leave districts empty for every district.",
    )
    phases = forms.MultipleChoiceField(
        label="Phases",
        choices=School.Phase.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty for every phase.",
    )

    field_order = ["districts", "phases", "subject", "body"]

    def clean(self):
        data = super().clean()
        if not data.get("districts") and not data.get("phases") and "districts" not in self.errors:
            self.add_error("districts", "Select at least one district or phase")
        return data
