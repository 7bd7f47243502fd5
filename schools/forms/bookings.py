"""Asking for a session, and what coordinators and schools do with the request."""

from django import forms
from django.core.validators import MaxValueValidator

from portal.form_renderer import GovukForm

from ..models import BookingOption
from ..services import MAX_OPTIONS, date_problem, earliest_date
from .widgets import DateInput


class BookingForm(GovukForm):
    """A booking request. Dates are checked here for the message, and again in the service."""

    school = forms.ModelChoiceField(
        queryset=None, label="Which school is this for?", empty_label=None
    )
    year_groups = forms.TypedMultipleChoiceField(
        coerce=int, widget=forms.CheckboxSelectMultiple, label="Year groups"
    )
    expected_pupils = forms.IntegerField(
        label="Expected number of pupils",
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )
    access_needs = forms.CharField(
        label="Access needs (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything the presenter should know: hearing loops, step-free access, "
        "interpreters. Do not name pupils.",
    )
    notes = forms.CharField(
        label="Anything else (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Do not include pupils' names or other personal details.",
    )

    def __init__(self, *args, session, schools, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.today = today
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].widget = forms.HiddenInput()
            self.fields["school"].initial = schools.first().pk
        self.fields["year_groups"].choices = session.year_groups
        self.fields["year_groups"].help_text = "Only the year groups this session is for."
        self.fields["expected_pupils"].validators.append(
            MaxValueValidator(
                session.max_audience,
                message=f"This session is for up to {session.max_audience} pupils at a time.",
            )
        )
        self.fields["expected_pupils"].help_text = f"Up to {session.max_audience}."
        only = schools.first() if schools.count() == 1 else None
        earliest = earliest_date(session, today=today, school=only)
        for n in range(1, MAX_OPTIONS + 1):
            first = n == 1
            self.fields[f"date_{n}"] = forms.DateField(
                label=f"{['First', 'Second', 'Third'][n - 1]} preferred date"
                + ("" if first else " (optional)"),
                required=first,
                widget=DateInput(),
                help_text=(
                    f"A school day at least {session.minimum_notice_days} school days "
                    f"from today: {earliest:%A %-d %B %Y} or later."
                    if first
                    else None
                ),
            )
            self.fields[f"part_{n}"] = forms.ChoiceField(
                label=f"Morning or afternoon{'' if first else ' (optional)'}",
                choices=BookingOption.PartOfDay.choices,
                widget=forms.RadioSelect,
                required=first,
            )
        self.order_fields(
            ["school", "year_groups", "expected_pupils"]
            + [f"{k}_{n}" for n in range(1, MAX_OPTIONS + 1) for k in ("date", "part")]
        )

    def clean(self):
        data = super().clean()
        options = []
        for n in range(1, MAX_OPTIONS + 1):
            day, part = data.get(f"date_{n}"), data.get(f"part_{n}")
            if day and not part:
                self.add_error(f"part_{n}", "Choose morning or afternoon.")
            elif part and not day and n > 1:
                self.add_error(f"date_{n}", "Enter a date, or leave morning or afternoon blank.")
            elif day:
                problem = date_problem(
                    self.session, day, today=self.today, school=data.get("school")
                )
                if problem:
                    self.add_error(f"date_{n}", problem)
                elif (day, part) in options:
                    self.add_error(f"date_{n}", "You have already given this date.")
                else:
                    options.append((day, part))
        data["options"] = options
        return data


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="This is sent to everyone involved.",
    )


class SlotField(forms.ChoiceField):
    """Offers the free presenters, but accepts any qualified one: if a presenter was
    taken since the page was shown, the service says who, when and why in words."""

    def __init__(self, *args, known=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.known = set(known)

    def valid_value(self, value):
        return value in self.known or super().valid_value(value)


class ScheduleForm(GovukForm):
    """Pick one preferred slot and one free, qualified presenter for it."""

    slot = SlotField(label="Date and presenter", widget=forms.RadioSelect)
    place = forms.CharField(
        label="Where in the school (optional)",
        max_length=200,
        required=False,
        help_text="For example: main hall.",
    )

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
