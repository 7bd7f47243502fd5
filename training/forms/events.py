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
        self.year_groups = sorted(delivery.booking.year_groups) if self.for_pupils else []
        if audience == SessionPage.Audience.STAFF:
            self.fields["staff_present"] = _count_field(
                "School staff who attended", MAX_STAFF_PRESENT, 12
            )
        if audience == SessionPage.Audience.PARENTS:
            self.fields["parents_reached"] = _count_field(
                "Parents and carers who attended", MAX_PARENTS_REACHED, 40
            )
            self.fields["parents_reached"].initial = register.parents_reached if register else None
        counts = {p.year_group: p.count for p in register.year_groups.all()} if register else {}
        for year in self.year_groups:
            label = year_group_label(year)
            self.fields[f"year_{year}"] = forms.IntegerField(
                label=f"Pupils reached in {label}",
                min_value=0,
                max_value=MAX_PUPILS_PER_YEAR_GROUP,
                initial=counts.get(year),
                error_messages={
                    "required": f"Enter the number of pupils in {label}, or 0",
                    "invalid": f"Pupils in {label} must be a whole number, like 28",
                    "min_value": f"Pupils in {label} must be 0 or more",
                    "max_value": f"Pupils in {label} must be %(limit_value)s or fewer",
                },
                widget=forms.NumberInput(
                    attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}
                ),
            )
        when = timezone.localtime(register.delivered_at if register else delivery.start)
        self.fields["delivered_on"].initial = when.date()
        self.fields["delivered_time"].initial = when.strftime("%H:%M")
        self.fields["staff_present"].initial = register.staff_present if register else None
        # Who was in the room first: it is what the presenter counts.
        self.order_fields([*(f"year_{y}" for y in self.year_groups), "parents_reached"])

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
        return {y: self.cleaned_data[f"year_{y}"] for y in self.year_groups}

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
