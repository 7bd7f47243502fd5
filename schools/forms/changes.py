"""Changing a booking: a date and time with one or two presenters (scheduling any
open slot, proposing a date, moving a visit), a school's answer to a proposed date,
its request to move, cover for a presenter, and a coordinator's email choice."""

from datetime import date, datetime, timedelta

from django import forms
from django.utils import timezone

from portal.date_input import GovukDateField
from portal.form_renderer import GovukForm

from ..models import BookingEmailPreference
from ..services import LONDON, MAX_OPTIONS, next_open_day
from .bookings import place_field, reason_field

ORDINALS = ["first", "second", "third"]


def presenter_label(person):
    organisation = person.presenter_profile.organisation
    return person.get_full_name() + (f", {organisation}" if organisation else "")


class PresenterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return presenter_label(obj)


class VisitForm(GovukForm):
    """Any open date and start time, one presenter and an optional second. Whether
    they are free is the service's answer: it says who is busy, when and why."""

    date = GovukDateField(
        label="Date",
        subject="the date of the visit",
        example=lambda: next_open_day(timezone.localdate() + timedelta(days=14)),
    )
    start_time = forms.TimeField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 9:30 or 14:00.",
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time on the 24-hour clock, like 9:30 or 14:00",
        },
    )
    presenter = PresenterChoiceField(
        queryset=None,
        label="Presenter",
        empty_label="Choose a presenter",
        error_messages={
            "required": "Select a presenter",
            "invalid_choice": "Select one of the presenters qualified for this session",
        },
    )
    second_presenter = PresenterChoiceField(
        queryset=None,
        required=False,
        label="Second presenter (optional)",
        empty_label="None",
        help_text="Only if two people deliver it together.",
        error_messages={
            "invalid_choice": "Select one of the presenters qualified for this session"
        },
    )
    place = place_field()

    def __init__(self, *args, qualified, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = qualified
        self.fields["second_presenter"].queryset = qualified

    def clean(self):
        data = super().clean()
        first, second = data.get("presenter"), data.get("second_presenter")
        if first and second and first == second:
            self.add_error(
                "second_presenter",
                "Choose two different presenters, or leave the second one as None",
            )
        return data

    def start(self) -> datetime:
        return datetime.combine(
            self.cleaned_data["date"], self.cleaned_data["start_time"], tzinfo=LONDON
        )

    def presenters(self) -> list:
        return [
            p
            for p in (self.cleaned_data["presenter"], self.cleaned_data.get("second_presenter"))
            if p
        ]


class ProposalForm(VisitForm):
    note = forms.CharField(
        label="Message to the school (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: as agreed on the phone with your office.",
        error_messages={"max_length": "Message must be %(limit_value)d characters or fewer"},
    )


class MoveForm(VisitForm):
    reason = reason_field(
        "Why is the visit moving?",
        help_text="This is sent to the school and the presenters.",
        required_message="Enter why the visit is moving",
    )


class MoveRequestForm(GovukForm):
    """A school's request to move its visit: why, and up to three dates that suit."""

    reason = reason_field(
        "Why does the visit need to move?",
        help_text="Do not name pupils.",
        required_message="Enter why the visit needs to move",
    )

    def __init__(self, *args, example: date, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_OPTIONS + 1):
            ordinal = ORDINALS[n - 1]
            self.fields[f"date_{n}"] = GovukDateField(
                label=f"{ordinal.capitalize()} date that would suit"
                + ("" if n == 1 else " (optional)"),
                subject=f"the {ordinal} date",
                required=n == 1,
                example=example,
                help_text="A day your school is open." if n == 1 else "",
            )

    def dates(self) -> list[date]:
        return [
            self.cleaned_data[f"date_{n}"]
            for n in range(1, MAX_OPTIONS + 1)
            if self.cleaned_data.get(f"date_{n}")
        ]


class DeclineProposalForm(GovukForm):
    reason = reason_field(
        "Why does the date not suit?",
        help_text="Say which days would suit, so the coordinator can find another date.",
        required_message="Enter why the date does not suit",
    )


class CoverForm(GovukForm):
    presenter = PresenterChoiceField(
        queryset=None,
        label="Who will deliver it instead?",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select who will deliver it instead",
            "invalid_choice": "Select one of the presenters shown",
        },
    )

    def __init__(self, *args, presenters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = presenters


class BookingEmailsForm(GovukForm):
    frequency = forms.ChoiceField(
        label="How do you want to hear about schools' new requests, cancellations and moves?",
        choices=BookingEmailPreference.Frequency.choices,
        widget=forms.RadioSelect,
        help_text="A daily summary arrives each morning, and not at all on a day with nothing new.",
        error_messages={
            "required": "Select how often you want these emails",
            "invalid_choice": "Select how often you want these emails",
        },
    )
