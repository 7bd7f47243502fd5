"""Filters shared by the catalogue (/sessions/), the library (/resources/) and /search/.

Each filter is a GET parameter, so a filtered list has its own address and
works without JavaScript. A value that is not a choice is reported on the form
and ignored.
"""

from django import forms
from django.apps import apps

from portal.form_renderer import GovukForm

from .choices import (
    AUDIENCE_CHOICES,
    KEY_STAGES,
    SessionFormat,
    json_list_contains,
    year_group_label,
)


class TopicChoiceField(forms.ChoiceField):
    """Topic slugs, read from the database once, when first needed: to check a
    chosen topic or to show the list. A form whose HTML comes from the cache
    (cms/listing.py) and has no topic chosen needs neither."""

    def __init__(self, **kwargs):
        self._topics = None
        message = "Select a topic from the list"
        kwargs.setdefault("error_messages", {"invalid_choice": message})
        super().__init__(required=False, label="Topic", choices=self._topic_choices, **kwargs)

    def _topic_choices(self):
        if self._topics is None:
            # The model by name: the page models import these forms (for their listings).
            topics = apps.get_model("cms", "Topic").objects.values_list("slug", "name")
            self._topics = [("", "All topics"), *topics]
        return self._topics


class KeyStageField(forms.ChoiceField):
    """A key stage as people type it in a link: "ks3", "KS3", "3", "key stage 3"."""

    def to_python(self, value):
        value = "".join(super().to_python(value).lower().split())
        value = value.removeprefix("keystage").removeprefix("ks")
        return f"ks{value}" if value else ""

    def bound_data(self, data, initial):
        return self.to_python(data)  # so "3" shows Key stage 3 as chosen


class FilterForm(GovukForm):
    def value(self, name):
        """The cleaned value of a filter, or "" when it is missing or not a choice."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    def filter_pages(self, pages):
        """`pages` narrowed to those matching every chosen filter."""
        raise NotImplementedError


class SessionFilterForm(FilterForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"] = TopicChoiceField()
        self.fields["key_stage"] = KeyStageField(
            required=False,
            label="Key stage",
            choices=[("", "All key stages")]
            + [
                (key, f"{name} ({_years(first, last)})")
                for key, (name, first, last) in KEY_STAGES.items()
            ],
            error_messages={"invalid_choice": "Select a key stage from the list"},
        )
        self.fields["format"] = forms.ChoiceField(
            required=False,
            label="Format",
            choices=[("", "All formats"), *SessionFormat.choices],
            error_messages={"invalid_choice": "Select a format from the list"},
        )

    def filter_pages(self, pages):
        return filter_sessions(pages, self)


class ResourceFilterForm(FilterForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age"] = forms.ChoiceField(
            required=False,
            label="Who it is for",
            choices=[("", "Everyone"), *AUDIENCE_CHOICES],
            error_messages={"invalid_choice": "Select who it is for from the list"},
        )
        self.fields["topic"] = TopicChoiceField()

    def filter_pages(self, pages):
        return filter_resources(pages, self)


class SearchForm(FilterForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"] = forms.CharField(
            required=False,
            max_length=200,
            label="Search for",
            error_messages={
                "max_length": "Search words must be %(limit_value)d characters or fewer"
            },
        )
        session_form = SessionFilterForm()
        self.fields["topic"] = TopicChoiceField()
        self.fields["key_stage"] = session_form.fields["key_stage"]
        self.fields["format"] = session_form.fields["format"]
        self.fields["age"] = ResourceFilterForm().fields["age"]


def _years(first, last):
    return f"{year_group_label(first)} to {year_group_label(last)}"


def filter_sessions(sessions, form):
    """Sessions matching every chosen filter. A key stage matches any overlapping year range."""
    if topic := form.value("topic"):
        sessions = sessions.filter(topics__slug=topic)
    if key_stage := form.value("key_stage"):
        _name, first, last = KEY_STAGES[key_stage]
        sessions = sessions.filter(min_year__lte=last, max_year__gte=first)
    if format_ := form.value("format"):
        sessions = sessions.filter(format=format_)
    return sessions


def filter_resources(resources, form):
    if topic := form.value("topic"):
        resources = resources.filter(topics__slug=topic)
    if age := form.value("age"):
        resources = resources.filter(json_list_contains("audiences", age))
    return resources


def filter_courses(courses, form):
    if topic := form.value("topic"):
        courses = courses.filter(topics__slug=topic)
    return courses
