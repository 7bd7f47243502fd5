"""A message to the DSLs of chosen districts or phases."""

from django import forms

from portal.forms import MessageForm

from ..models import District, School


class DslMessageForm(MessageForm):
    # Choices by id, checked against the districts listed (never a lookup of
    # whatever number is sent), and given back as District rows.
    districts = forms.MultipleChoiceField(
        label="Districts",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose districts, phases or both. Leave districts empty for every district.",
        error_messages={"invalid_choice": "Select only districts in the list"},
    )
    phases = forms.MultipleChoiceField(
        label="Phases",
        choices=School.Phase.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave empty for every phase.",
        error_messages={"invalid_choice": "Select only phases in the list"},
    )

    field_order = ["districts", "phases", "subject", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = {str(d.pk): d for d in District.objects.all()}
        self.fields["districts"].choices = [(pk, d.name) for pk, d in self.districts.items()]

    def clean_districts(self):
        return [self.districts[pk] for pk in self.cleaned_data["districts"]]

    def clean(self):
        data = super().clean()
        if not data.get("districts") and not data.get("phases") and "districts" not in self.errors:
            self.add_error("districts", "Select at least one district or phase")
        return data
