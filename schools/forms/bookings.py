"""Asking for a session, and what coordinators and schools do with the request."""

from datetime import timedelta

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone

from portal.date_input import GovukDateField
from portal.form_renderer import GovukForm
from portal.validators import one_line

from ..models import BookingOption
from ..services import MAX_OPTIONS, date_problem, earliest_date

ORDINALS = ["first", "second", "third"]


class BookingForm(GovukForm):
    """A booking request. Dates are checked here for the message, and again in the service."""

    school = forms.ModelChoiceField(
        queryset=None,
        label="Which school is this for?",
        empty_label=None,
        error_messages={
            "required": "Select the school this is for",
            "invalid_choice": "Select one of your schools",
        },
    )
    year_groups = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Year groups",
        error_messages={
            "required": "Select the year groups who will see the session",
            "invalid_choice": "Select only year groups this session is for",
            "invalid_list": "Select the year groups who will see the session",
        },
    )
    expected_pupils = forms.IntegerField(min_value=1)
    access_needs = forms.CharField(
        label="Access needs (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything the presenter should know: hearing loops, step-free access, "
        "interpreters. Do not name pupils.",
        error_messages={"max_length": "Access needs must be %(limit_value)d characters or fewer"},
    )
    notes = forms.CharField(
        label="Anything else (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Do not include pupils' names or other personal details.",
        error_messages={"max_length": "Anything else must be %(limit_value)d characters or fewer"},
    )

    def __init__(self, *args, session, schools, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.today = today
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].widget = forms.HiddenInput()
            self.fields["school"].initial = schools.first().pk
        if session.has_pupil_audience:
            self.fields["year_groups"].choices = session.year_groups
            self.fields["year_groups"].help_text = "Only the year groups this session is for."
        else:
            del self.fields["year_groups"]  # staff and parents come from no year group
        self.fields["expected_pupils"] = expected_field(session)
        only = schools.first() if schools.count() == 1 else None
        earliest = earliest_date(session, today=today, school=only)
        for n in range(1, MAX_OPTIONS + 1):
            first = n == 1
            ordinal = ORDINALS[n - 1]
            self.fields[f"date_{n}"] = GovukDateField(
                label=f"{ordinal.capitalize()} preferred date" + ("" if first else " (optional)"),
                subject=f"the {ordinal} preferred date",
                required=first,
                example=self.example_date,
                help_text=(
                    f"A school day at least {session.minimum_notice_days} school days "
                    f"from today: {earliest:%A %-d %B %Y} or later."
                    if first
                    else ""
                ),
            )
            part_message = f"Select morning or afternoon for the {ordinal} preferred date"
            self.fields[f"part_{n}"] = forms.ChoiceField(
                label=f"Morning or afternoon{'' if first else ' (optional)'}",
                choices=BookingOption.PartOfDay.choices,
                widget=forms.RadioSelect,
                required=first,
                error_messages={"required": part_message, "invalid_choice": part_message},
            )
        self.order_fields(
            ["school", "year_groups", "expected_pupils"]
            + [f"{k}_{n}" for n in range(1, MAX_OPTIONS + 1) for k in ("date", "part")]
        )

    def example_date(self):
        """A weekday the session could be booked for, for the date hint."""
        day = (self.today or timezone.localdate()) + timedelta(
            days=self.session.minimum_notice_days + 7
        )
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day

    def clean(self):
        data = super().clean()
        options = []
        for n in range(1, MAX_OPTIONS + 1):
            day, part = data.get(f"date_{n}"), data.get(f"part_{n}")
            ordinal = ORDINALS[n - 1]
            if day and not part:
                self.add_error(
                    f"part_{n}", f"Select morning or afternoon for the {ordinal} preferred date"
                )
            elif part and not day and n > 1 and f"date_{n}" not in self.errors:
                self.add_error(
                    f"date_{n}",
                    f"Enter the {ordinal} preferred date, or leave morning or afternoon blank",
                )
            elif day:
                problem = date_problem(
                    self.session, day, today=self.today, school=data.get("school")
                )
                if problem:
                    self.add_error(f"date_{n}", problem)
                elif (day, part) in options:
                    self.add_error(
                        f"date_{n}",
                        f"The {ordinal} preferred date must be different from the ones before it",
                    )
                else:
                    options.append((day, part))
        data["options"] = options
        data.setdefault("year_groups", [])
        return data


def expected_field(session) -> forms.IntegerField:
    """How many of the session's audience are expected: pupils, staff, or parents and carers."""
    label = f"Expected number of {session.audience_noun}"
    limit = session.max_audience
    return forms.IntegerField(
        label=label,
        min_value=1,
        validators=[
            MaxValueValidator(
                limit,
                message=f"This session is for up to {limit} {session.audience_noun} at a time.",
            )
        ],
        help_text=f"Up to {limit}.",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-5"}),
        error_messages={
            "required": f"Enter the expected number of {session.audience_noun}",
            "invalid": f"{label} must be a whole number, like 30",
            "min_value": f"{label} must be 1 or more",
        },
    )


def reason_field(label: str, *, help_text: str, required_message: str) -> forms.CharField:
    """A reason someone must give (for a cancellation, a move, a declined date): the
    same box and length limit wherever one is asked for."""
    return forms.CharField(
        label=label,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
        error_messages={
            "required": required_message,
            "max_length": "Reason must be %(limit_value)d characters or fewer",
        },
    )


class ReasonForm(GovukForm):
    reason = reason_field(
        "Reason",
        help_text="This is sent to everyone involved.",
        required_message="Enter the reason",
    )


class SlotField(forms.ChoiceField):
    """Offers the free presenters, but accepts any qualified one: if a presenter was
    taken since the page was shown, the service says who, when and why in words."""

    def __init__(self, *args, known=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.known = set(known)

    def valid_value(self, value):
        return value in self.known or super().valid_value(value)


def place_field() -> forms.CharField:
    """Where in the school a visit takes place: the same field wherever it is set."""
    return forms.CharField(
        label="Where in the school (optional)",
        max_length=200,
        required=False,
        validators=[one_line],
        help_text="For example: main hall.",
        error_messages={
            "max_length": "Where in the school must be %(limit_value)d characters or fewer"
        },
    )


class ScheduleForm(GovukForm):
    """Pick one preferred slot and one free, qualified presenter for it."""

    slot = SlotField(
        label="Date and presenter",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a date and presenter",
            "invalid_choice": "Select one of the dates and presenters shown",
        },
    )
    place = place_field()

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = slots
        self.fields["slot"].choices = [
            (f"{s['option'].position}:{p.pk}", f"{s['label']}: {_presenter_label(p)}")
            for s in slots
            for p in s["presenters"]
        ]
        self.fields["slot"].known = {
            f"{s['option'].position}:{p.pk}" for s in slots for p in s.get("qualified", ())
        }

    def cleaned_choice(self):
        position, presenter_id = self.cleaned_data["slot"].split(":")
        slot = next(s for s in self.slots if s["option"].position == int(position))
        everyone = [*slot["presenters"], *slot.get("qualified", ())]
        presenter = next(p for p in everyone if p.pk == int(presenter_id))
        return slot, presenter


def _presenter_label(person):
    organisation = person.presenter_profile.organisation
    return person.get_full_name() + (f", {organisation}" if organisation else "")
