"""Widgets the schools forms share."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "govuk-input govuk-input--width-10", **(attrs or {})})
