"""A school's own INSET days, and the coordinators' term-dates file."""

from django import forms

from portal.date_input import GovukDateField
from portal.form_renderer import GovukForm
from portal.validators import one_line

MAX_UPLOAD_BYTES = 1_000_000


class SchoolClosureForm(GovukForm):
    first_day = GovukDateField(label="First day", subject="the first day")
    last_day = GovukDateField(
        label="Last day (optional)",
        subject="the last day",
        required=False,
        help_text="Leave empty for a single day.",
    )
    name = forms.CharField(
        label="What it is (optional)",
        max_length=100,
        required=False,
        validators=[one_line],
        help_text="For example: INSET day, polling station. Shown to the partnership.",
        error_messages={"max_length": "What it is must be %(limit_value)d characters or fewer"},
    )


class ClosedDaysImportForm(GovukForm):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="Columns: name, kind, first_day, last_day, school_urn. "
        "Dates like 2027-02-15 or 15/02/2027.",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 1 MB")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        return upload
