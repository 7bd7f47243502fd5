"""Forms for registering for training and taking registers. Rules live in training.services."""

from datetime import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models.pages import SessionPage, year_group_label
from portal.date_input import GovukDateField
from portal.form_renderer import GovukForm
from schools import roles as school_roles
from training.models import Registration, TrainingEvent
from training.services.events import (
    EARLIEST_DELIVERY_BEFORE_PLANNED,
    MAX_PARENTS_REACHED,
    MAX_PUPILS_PER_YEAR_GROUP,
    MAX_STAFF_PRESENT,
)


class RegistrationForm(GovukForm):
    school = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        label="Which school are you registering for?",
        empty_label=None,
        error_messages={
            "required": "Select the school you are registering for",
            "invalid_choice": "Select one of your schools",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        schools = school_roles.approved_schools(user).order_by("name")
        self.fields["school"].queryset = schools
        if len(schools) == 1:
            self.fields["school"].initial = schools[0].pk
            self.fields["school"].widget = forms.HiddenInput()

    @property
    def has_choice(self):
        return not isinstance(self.fields["school"].widget, forms.HiddenInput)


class AttendanceForm(GovukForm):
    """One attended/absent choice per confirmed person."""

    CHOICES = [
        (Registration.Attendance.ATTENDED, "Attended"),
        (Registration.Attendance.ABSENT, "Absent"),
    ]

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        for registration in self.registrations:
            school = f" ({registration.school.name})" if registration.school else ""
            name = registration.user.get_full_name() or registration.user.email
            self.fields[f"r{registration.pk}"] = forms.ChoiceField(
                label=f"{name}{school}",
                choices=self.CHOICES,
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": f"Select attended or absent for {name}"},
                initial=registration.attendance
                if registration.attendance != Registration.Attendance.UNKNOWN
                else None,
            )

    def marks(self):
        return {
            r.pk: self.cleaned_data[f"r{r.pk}"]
            for r in self.registrations
            if self.cleaned_data.get(f"r{r.pk}")
        }


class WalkInForm(GovukForm):
    email = forms.EmailField(
        label="Email address of the person who arrived",
        help_text="They need a portal account. Their certificate will use the name on it.",
        error_messages={
            "required": "Enter the email address of the person who arrived",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be %(limit_value)d characters or fewer",
        },
    )
    over_capacity = forms.BooleanField(
        label="Add them even though the event is full",
        required=False,
        help_text="Only if they are here and the room has space.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                "No account uses this email address. Ask them to create one, then add them."
            )
        self.user = user
        return email


def _count_field(label: str, limit: int, example: int) -> forms.IntegerField:
    """A whole number from 0 to `limit`, with GOV.UK messages that name the count."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=limit,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "required": f"Enter the number of {label.lower()}, or 0",
            "invalid": f"{label} must be a whole number, like {example}",
            "min_value": f"{label} must be 0 or more",
            "max_value": f"{label} must be %(limit_value)s or fewer",
        },
    )


def _year_field(year, *, booked, initial):
    """Pupils reached in one year group; one not booked says so in its label."""
    label = year_group_label(year) + ("" if booked else " (not booked)")
    return forms.IntegerField(
        label=f"Pupils reached in {label}",
        min_value=0,
        max_value=MAX_PUPILS_PER_YEAR_GROUP,
        initial=initial,
        error_messages={
            "required": f"Enter the number of pupils in {label}, or 0",
            "invalid": f"Pupils in {label} must be a whole number, like 28",
            "min_value": f"Pupils in {label} must be 0 or more",
            "max_value": f"Pupils in {label} must be %(limit_value)s or fewer",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
    )


class DeliveryRegisterForm(GovukForm):
    """Counts only, never names: pupils reached per year group and staff present at a
    session for pupils; the staff, or the parents and carers, at a session for them."""

    delivered_on = GovukDateField(label="Date delivered", subject="the date it was delivered")
    delivered_time = forms.TimeField(
        label="Time it started",
        help_text="Use the 24-hour clock, for example 9:30 or 14:00.",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter the time it started",
            "invalid": "Enter the time it started on the 24-hour clock, like 9:30 or 14:00",
        },
    )
    staff_present = forms.IntegerField(
        label="School staff present",
        min_value=0,
        max_value=MAX_STAFF_PRESENT,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of school staff present, or 0",
            "invalid": "School staff present must be a whole number, like 2",
            "min_value": "School staff present must be 0 or more",
            "max_value": "School staff present must be %(limit_value)s or fewer",
        },
    )

    def __init__(self, *args, delivery, register=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.planned_on = timezone.localtime(delivery.start).date()
        audience = delivery.booking.session.audience
        self.for_pupils = audience == SessionPage.Audience.PUPILS
        if audience == SessionPage.Audience.STAFF:
            self.fields["staff_present"] = _count_field(
                "School staff who attended", MAX_STAFF_PRESENT, 12
            )
        if audience == SessionPage.Audience.PARENTS:
            self.fields["parents_reached"] = _count_field(
                "Parents and carers who attended", MAX_PARENTS_REACHED, 40
            )
            self.fields["parents_reached"].initial = register.parents_reached if register else None
        self.booked = sorted(delivery.booking.year_groups) if self.for_pupils else []
        recorded = {p.year_group: p.count for p in register.year_groups.all()} if register else {}
        # Booked year groups, then any recorded on the day without being booked.
        self.year_groups = self.booked + sorted(set(recorded) - set(self.booked))
        for year in self.year_groups:
            self.fields[f"year_{year}"] = _year_field(
                year, booked=year in self.booked, initial=recorded.get(year)
            )
        if self.for_pupils:
            self._add_other_year_group(delivery.booking.school)
        when = timezone.localtime(register.delivered_at if register else delivery.start)
        self.fields["delivered_on"].initial = when.date()
        self.fields["delivered_time"].initial = when.strftime("%H:%M")
        self.fields["staff_present"].initial = register.staff_present if register else None
        # Year groups first: they are what the presenter counts in the room.
        self.order_fields(
            [
                *(f"year_{y}" for y in self.year_groups),
                "other_year_group",
                "other_count",
                "parents_reached",
            ]
        )

    def _add_other_year_group(self, school):
        """A year group that joined on the day: any other the school teaches."""
        taught = school.year_groups_taught or range(0, 14)
        others = [y for y in taught if y not in self.year_groups]
        self.fields["other_year_group"] = forms.TypedChoiceField(
            label="Another year group that took part (optional)",
            help_text="If a class that was not booked joined on the day. "
            "It is recorded as not booked.",
            choices=[("", "None")] + [(y, year_group_label(y)) for y in others],
            coerce=int,
            empty_value=None,
            required=False,
            error_messages={"invalid_choice": "Select one of the year groups listed"},
        )
        self.fields["other_count"] = forms.IntegerField(
            label="Pupils reached in that year group",
            min_value=1,
            max_value=MAX_PUPILS_PER_YEAR_GROUP,
            required=False,
            widget=forms.NumberInput(
                attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}
            ),
            error_messages={
                "invalid": "Pupils in that year group must be a whole number, like 28",
                "min_value": "Pupils in that year group must be 1 or more",
                "max_value": "Pupils in that year group must be %(limit_value)s or fewer",
            },
        )

    def clean(self):
        data = super().clean()
        year, count = data.get("other_year_group"), data.get("other_count")
        if year is not None and count is None and "other_count" not in self.errors:
            self.add_error("other_count", f"Enter the number of pupils in {year_group_label(year)}")
        if year is None and count is not None and "other_year_group" not in self.errors:
            self.add_error("other_year_group", "Select the year group those pupils were in")
        return data

    def clean_delivered_on(self):
        day = self.cleaned_data["delivered_on"]
        if day < self.planned_on - EARLIEST_DELIVERY_BEFORE_PLANNED:
            earliest = self.planned_on - EARLIEST_DELIVERY_BEFORE_PLANNED
            raise forms.ValidationError(
                f"The date it was delivered must be {earliest:%-d %B %Y} or later: "
                f"the visit was planned for {self.planned_on:%-d %B %Y}",
                params={"parts": ("day", "month", "year")},
            )
        return day

    def counts(self):
        counts = {y: self.cleaned_data[f"year_{y}"] for y in self.year_groups}
        if self.cleaned_data.get("other_year_group") is not None:
            counts[self.cleaned_data["other_year_group"]] = self.cleaned_data["other_count"]
        return counts

    def parents_reached(self):
        return self.cleaned_data.get("parents_reached") or 0

    def delivered_at(self):
        return timezone.make_aware(
            datetime.combine(self.cleaned_data["delivered_on"], self.cleaned_data["delivered_time"])
        )


class MoveRegistrationForm(forms.Form):
    to_event = forms.ModelChoiceField(
        queryset=None,
        label="Move to",
        empty_label=None,
        error_messages={
            "required": "Select the event to move them to",
            "invalid_choice": "Select one of the upcoming events shown",
        },
    )

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["to_event"]
        field.queryset = (
            TrainingEvent.objects.upcoming()
            .exclude(pk=registration.event_id)
            .with_counts()
            .select_related("course")
        )
        field.label_from_instance = lambda e: (
            f"{e.course.title}, {timezone.localtime(e.start):%d %b %Y %H:%M}: "
            + (f"{e.places_left} places left" if e.places_left else "full, joins the waiting list")
        )
        field.help_text = f"Now registered for {registration.event}."


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label="Why is the event cancelled?",
        help_text="Everyone registered or waiting is emailed this reason.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=500,
        error_messages={"max_length": "The reason must be %(limit_value)d characters or fewer"},
    )
