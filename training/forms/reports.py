"""The reports' filters: the county-wide dashboard's, and a school's own (the year)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import SessionPage, Topic
from portal import roles
from portal.form_renderer import GovukForm
from portal.forms import PageChoiceField
from schools.models import District
from training.services.reports import Filters, academic_year_label, academic_year_of


def choose(what):
    """Messages for a list to pick from: a value not in it was typed into the address."""
    message = f"Select {what} from the list"  # noqa: S608 (words, not SQL)
    return {"required": message, "invalid_choice": message}


def year_choices():
    current = academic_year_of(timezone.localdate())
    return [(y, academic_year_label(y)) for y in range(current, current - 5, -1)]


class ReportFilterForm(GovukForm):
    """GET filters for /reports/; every field optional except the year."""

    year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        choices=year_choices,
        error_messages=choose("an academic year"),
    )
    district = forms.ModelChoiceField(
        label="District",
        queryset=District.objects.all(),
        required=False,
        empty_label="All",
        error_messages=choose("a district"),
    )
    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=Topic.objects.all(),
        required=False,
        empty_label="All",
        error_messages=choose("a topic"),
    )
    session = PageChoiceField(
        label="Session",
        queryset=SessionPage.objects.live().order_by("title"),
        required=False,
        empty_label="All",
        error_messages=choose("a session"),
    )
    format = forms.ChoiceField(
        label="Format",
        choices=[("", "All"), *SessionPage.Format.choices],
        required=False,
        error_messages=choose("a format"),
    )
    presenter = forms.ModelChoiceField(
        label="Presenter",
        queryset=get_user_model()
        .objects.filter(groups__name=roles.PRESENTERS)
        .order_by("last_name", "first_name"),
        required=False,
        empty_label="All",
        error_messages=choose("a presenter"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].label_from_instance = lambda u: u.get_full_name() or u.email

    def filters(self):
        """The report's filters from the valid form (ids of the rows chosen)."""
        data = self.cleaned_data
        return Filters(
            year=data["year"],
            district=data["district"].pk if data["district"] else None,
            topic=data["topic"].pk if data["topic"] else None,
            session=data["session"].pk if data["session"] else None,
            format=data["format"] or None,
            presenter=data["presenter"].pk if data["presenter"] else None,
        )


class SchoolReportFilterForm(GovukForm):
    year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        choices=year_choices,
        error_messages=choose("an academic year"),
    )
