"""The GIAS import's two forms: the file, then the areas and types to keep."""

from django import forms

from portal.form_renderer import GovukForm

# The national "all establishment data" file is about 60 MB.
MAX_UPLOAD_BYTES = 150_000_000


class GiasUploadForm(GovukForm):
    file = forms.FileField(
        label="Upload the GIAS file",
        help_text="The “all establishment data” CSV file (edubasealldata) as downloaded "
        "from Get Information about Schools: the whole country or part of it.",
        error_messages={
            "required": "Select the GIAS CSV file",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 150 MB")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        return upload


class GiasChooseForm(GovukForm):
    authorities = forms.MultipleChoiceField(
        label="Local authorities to import",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the local authorities whose schools to import",
            "invalid_choice": "Select only local authorities in the file",
        },
    )
    types = forms.MultipleChoiceField(
        label="Establishment types to import (optional)",
        help_text="Leave them all unselected to import every type.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select only establishment types in the file"},
    )

    def __init__(self, *args, upload, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authorities"].choices = [
            (a["name"] or a["code"], f"{a['name']} ({a['code']}): {_rows(a['count'])}")
            for a in upload.authorities
        ]
        self.fields["types"].choices = [
            (t["name"], f"{t['name']}: {_rows(t['count'])}") for t in upload.types
        ]


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"
