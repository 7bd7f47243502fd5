"""Every field of the portal's own forms says what to do when it is wrong.

GOV.UK asks for a message per field ("Enter the number of pupils in Year 9"),
never Django's generic "This field is required." or "Select a valid choice".
These tests walk every form class the portal defines (not allauth's and not
the Wagtail admin's editing forms), submit each field empty and then with a
value of the wrong kind, and fail on any of Django's own messages.
"""

import importlib
import pkgutil
import re
from datetime import date
from functools import partial
from types import SimpleNamespace

import pytest
from django import forms
from django.core import validators
from django.forms import models as model_forms
from wagtail.admin.forms import WagtailAdminModelForm

from portal.date_input import GovukDateField, date_data
from portal.form_renderer import GovukForm
from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import schools as school_factories
from tests.factories import training as training_factories

pytestmark = pytest.mark.django_db

PACKAGES = ["portal", "cms", "schools", "training"]


def portal_form_classes():
    """Every form class defined in the portal's own packages, Wagtail admin forms aside."""
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if any(part in info.name for part in (".migrations", ".management", ".settings")):
                continue
            importlib.import_module(info.name)
    found = set()
    pending = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PACKAGES and not issubclass(
            cls, WagtailAdminModelForm | _wagtail_page_form()
        ):
            found.add(cls)
    return found


def _wagtail_page_form():
    from wagtail.admin.forms import WagtailAdminPageForm
    from wagtail.documents.forms import BaseDocumentForm
    from wagtail.images.forms import BaseImageForm

    return WagtailAdminPageForm | BaseDocumentForm | BaseImageForm


class _Any(dict):
    """Fills every placeholder of a message with one number (or its text)."""

    def __init__(self, number):
        super().__init__()
        self.number = number

    def __missing__(self, key):
        return self.number


def generic_patterns():
    """Django's own messages, as patterns that match them once filled in."""
    messages = []
    field_classes = [forms.Field]
    while field_classes:
        cls = field_classes.pop()
        field_classes.extend(cls.__subclasses__())
        if cls.__module__.startswith("django."):
            messages += getattr(cls, "default_error_messages", {}).values()
    for cls in [model_forms.ModelChoiceField, model_forms.ModelMultipleChoiceField]:
        messages += cls.default_error_messages.values()
    messages += [
        validator.message
        for validator in [
            validators.MaxLengthValidator,
            validators.MinLengthValidator,
            validators.MaxValueValidator,
            validators.MinValueValidator,
            validators.EmailValidator,
            validators.URLValidator,
            validators.ProhibitNullCharactersValidator,
        ]
    ]
    patterns = set()
    # Filled in with 1 and with 7777, for the singular and plural wordings.
    for message in messages:
        for number, filled in ((1, r"\b1\b"), (7777, "7777")):
            text = re.escape(str(message % _Any(number)))
            patterns.add(re.compile("^" + re.sub(filled, ".*", text) + "$"))
    return patterns


GENERIC = generic_patterns()


def is_generic(message):
    return any(pattern.match(str(message)) for pattern in GENERIC)


def test_the_generic_patterns_know_djangos_messages():
    assert is_generic("This field is required.")
    assert is_generic("Select a valid choice. 9 is not one of the available choices.")
    assert is_generic("Enter a whole number.")
    assert is_generic("Ensure this value has at most 3 characters (it has 4).")
    assert not is_generic("Enter the number of pupils in Year 9, or 0")


# How each form is built, as its view builds it: a function that makes what the
# form needs and returns a maker of the form from posted data. A new form class
# needs a line here (test_every_form_of_the_portal_is_walked says so).
def _booking_form():
    from schools.forms.bookings import BookingForm
    from schools.models import School

    school = factories.SchoolFactory()
    session = cms_factories.session_page(min_year=7, max_year=9, max_audience=90)
    return partial(BookingForm, session=session, schools=School.objects.filter(pk=school.pk))


def _schedule_form():
    from schools.forms.bookings import ScheduleForm

    presenter = school_factories.presenter_profile().user
    option = school_factories.booking().options.first()
    return partial(
        ScheduleForm, slots=[{"option": option, "label": "A day", "presenters": [presenter]}]
    )


def _presenters():
    from portal.models import User

    presenter = school_factories.presenter_profile().user
    return User.objects.filter(pk=presenter.pk)


def _visit_form(form_class):
    """A coordinator's date, time and presenters form, as the booking's page builds it."""
    return partial(form_class, qualified=_presenters())


def _register_form():
    from training.forms.events import DeliveryRegisterForm

    delivery = school_factories.delivery()
    delivery.booking.year_groups = [8, 9]
    delivery.booking.save(update_fields=["year_groups"])
    return partial(DeliveryRegisterForm, delivery=delivery)


def _move_form():
    from training.forms.events import MoveRegistrationForm

    training_factories.event()
    return partial(MoveRegistrationForm, registration=training_factories.registration())


def _gias_choose_form():
    from schools.forms.imports import GiasChooseForm

    upload = SimpleNamespace(
        authorities=[{"name": "Westshire", "code": "881", "count": 3}],
        types=[{"name": "Community school", "count": 3}],
    )
    return partial(GiasChooseForm, upload=upload)


def _with_district(form_class):
    """Forms that offer the districts (and sessions) there are when they are built."""
    from schools.models import District

    District.objects.get_or_create(name="Fenwick Moor")
    cms_factories.session_page(min_year=7, max_year=9)
    return form_class


def builders():
    from cms import filters
    from portal import forms as portal_forms
    from schools.forms import (
        bookings,
        changes,
        closures,
        imports,
        memberships,
        messages,
        plans,
        presenters,
    )
    from training.forms import certificates as forms_certificates
    from training.forms import events as training_forms
    from training.forms import feedback as forms_feedback
    from training.forms import reports as forms_reports

    def plain(form_class):
        return lambda: form_class

    return {
        GovukForm: plain(GovukForm),
        portal_forms.SignupForm: plain(portal_forms.SignupForm),
        portal_forms.CloseAccountForm: lambda: partial(
            portal_forms.CloseAccountForm, user=factories.UserFactory()
        ),
        filters.FilterForm: plain(filters.FilterForm),
        filters.SessionFilterForm: plain(filters.SessionFilterForm),
        filters.ResourceFilterForm: plain(filters.ResourceFilterForm),
        filters.SearchForm: plain(filters.SearchForm),
        memberships.SchoolSearchForm: plain(memberships.SchoolSearchForm),
        memberships.JoinForm: plain(memberships.JoinForm),
        bookings.BookingForm: _booking_form,
        bookings.ReasonForm: plain(bookings.ReasonForm),
        bookings.ScheduleForm: _schedule_form,
        presenters.UnavailabilityForm: plain(presenters.UnavailabilityForm),
        changes.VisitForm: partial(_visit_form, changes.VisitForm),
        changes.ProposalForm: partial(_visit_form, changes.ProposalForm),
        changes.MoveForm: partial(_visit_form, changes.MoveForm),
        changes.MoveRequestForm: lambda: partial(changes.MoveRequestForm, example=date(2027, 3, 4)),
        changes.DeclineProposalForm: plain(changes.DeclineProposalForm),
        changes.CoverForm: lambda: partial(changes.CoverForm, presenters=_presenters()),
        changes.BookingEmailsForm: plain(changes.BookingEmailsForm),
        closures.SchoolClosureForm: plain(closures.SchoolClosureForm),
        closures.ClosedDaysImportForm: plain(closures.ClosedDaysImportForm),
        training_forms.RegistrationForm: lambda: partial(
            training_forms.RegistrationForm, user=factories.school_staff()
        ),
        training_forms.AttendanceForm: lambda: partial(
            training_forms.AttendanceForm, registrations=[training_factories.registration()]
        ),
        training_forms.WalkInForm: plain(training_forms.WalkInForm),
        training_forms.DeliveryRegisterForm: _register_form,
        training_forms.MoveRegistrationForm: _move_form,
        training_forms.CancelEventForm: plain(training_forms.CancelEventForm),
        forms_feedback.CodeForm: plain(forms_feedback.CodeForm),
        forms_feedback.BeforeForm: plain(forms_feedback.BeforeForm),
        forms_feedback.AfterForm: plain(forms_feedback.AfterForm),
        forms_feedback.TeacherFeedbackForm: plain(forms_feedback.TeacherFeedbackForm),
        forms_reports.ReportFilterForm: plain(forms_reports.ReportFilterForm),
        forms_reports.SchoolReportFilterForm: plain(forms_reports.SchoolReportFilterForm),
        forms_certificates.VerifyForm: plain(forms_certificates.VerifyForm),
        forms_certificates.RevokeForm: plain(forms_certificates.RevokeForm),
        forms_certificates.StartBatchForm: plain(forms_certificates.StartBatchForm),
        portal_forms.MessageForm: plain(portal_forms.MessageForm),
        messages.DslMessageForm: partial(_with_district, messages.DslMessageForm),
        imports.GiasUploadForm: plain(imports.GiasUploadForm),
        imports.GiasChooseForm: _gias_choose_form,
        plans.TermPlanForm: partial(_with_district, plans.TermPlanForm),
        plans.OfferAnswerForm: plain(plans.OfferAnswerForm),
        presenters.WorkingPatternForm: plain(presenters.WorkingPatternForm),
    }


def test_every_form_of_the_portal_is_walked():
    """A new form class fails here until it is added to builders(), and so checked."""
    assert portal_form_classes() == set(builders())


def wrong_values(name, field):
    """Posted data that breaks each rule of one field, one submission each."""
    if isinstance(field, GovukDateField):
        return [
            {},
            date_data(name, None) | {f"{name}-month": "2", f"{name}-year": "2026"},
            date_data(name, date(2026, 2, 1)) | {f"{name}-day": "31"},
            date_data(name, date(2026, 2, 1)) | {f"{name}-year": "26"},
        ]
    cases = [{}]
    if isinstance(field, forms.MultipleChoiceField):
        cases.append({name: ["not-one-of-them"]})
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        cases += [{name: "not-one-of-them"}, {name: "99999999"}]
    elif isinstance(field, forms.IntegerField):
        cases += [{name: "lots"}, {name: "-1"}, {name: "9" * 12}, {name: "2.5"}]
    elif isinstance(field, forms.EmailField):
        cases.append({name: "not an email"})
    elif isinstance(field, forms.TimeField):
        cases.append({name: "25:99"})
    if getattr(field, "max_length", None):
        cases.append({name: "x" * (field.max_length + 1)})
    return cases


@pytest.mark.parametrize("form_class", sorted(builders(), key=lambda c: c.__qualname__), ids=str)
def test_each_field_says_what_to_do(form_class):
    make = builders()[form_class]()
    failures = []
    for name, field in make().fields.items():
        for data in wrong_values(name, field):
            for message in make(data=data).errors.get(name, []):
                if is_generic(message):
                    failures.append(f"{name} {data!r}: {message}")
    assert failures == [], "\n".join(failures)


def test_the_two_confidence_questions_have_their_own_messages():
    from training.forms.feedback import AfterForm

    form = AfterForm(data={})
    assert form.errors["retrospective_before"] == [
        "Select how confident you felt before the session"
    ]
    assert form.errors["after_confidence"] == [
        "Select how confident you feel now, after the session"
    ]


def test_pupil_counts_name_their_year_group():
    form = _register_form()(data={})
    assert form.errors["year_9"] == ["Enter the number of pupils in Year 9, or 0"]
