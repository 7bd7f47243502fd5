"""Finding a school and asking to join it."""

from django import forms

from portal.form_renderer import GovukForm
from portal.validators import one_line

from ..models import SchoolMembership


class SchoolSearchForm(GovukForm):
    q = forms.CharField(
        label="School name, postcode or URN",
        max_length=100,
        required=False,
        validators=[one_line],
        help_text="For example: Oakfield, WS1 4AB or 140037.",
        error_messages={"max_length": "Search terms must be %(limit_value)d characters or fewer"},
    )


class JoinForm(GovukForm):
    role = forms.ChoiceField(
        label="Your role at the school",
        choices=SchoolMembership.Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select your role at the school",
            "invalid_choice": "Select your role at the school",
        },
    )
