"""Forms for pupil voice, teacher feedback and the reports' filters."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import SessionPage, Topic
from portal import roles
from portal.form_renderer import GovukForm
from portal.forms import PageChoiceField
from schools.models import District
from training.models import PupilResponse
from training.reports import academic_year_label, academic_year_of

FACES = {1: "😟", 2: "🙁", 3: "😐", 4: "🙂", 5: "😀"}
CONFIDENCE_CHOICES = [
    (value, f"{FACES[value]} {label}") for value, label in PupilResponse.Confidence.choices
]
RATING_CHOICES = [
    (1, "1 – Poor"),
    (2, "2 – Fair"),
    (3, "3 – Good"),
    (4, "4 – Very good"),
    (5, "5 – Excellent"),
]


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Your session code",
        help_text="Six letters and numbers, shown on the screen. For example, K7M3QX.",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "govuk-input--width-10 app-code-input",
            }
        ),
        error_messages={
            "required": "Enter the code shown on the screen",
            "max_length": "Enter the 6 letters and numbers shown on the screen",
        },
    )


def confidence_field(label, message, help_text=""):
    """A confidence question; each has its own message, so a pupil can tell which is missing."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class BeforeForm(GovukForm):
    before_confidence = confidence_field(
        "Before the session starts, how confident do you feel about this topic?",
        "Select how confident you feel before the session starts",
        "There are no right or wrong answers.",
    )


class AfterForm(GovukForm):
    retrospective_before = confidence_field(
        "Think back to before the session. How confident did you feel about this topic then?",
        "Select how confident you felt before the session",
    )
    after_confidence = confidence_field(
        "Now, after the session, how confident do you feel?",
        "Select how confident you feel now, after the session",
    )
    knows_who_to_talk_to = forms.ChoiceField(
        label="If something worried you, do you know who you could talk to?",
        choices=PupilResponse.KnowsWhoToTalkTo.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes, not sure or no",
            "invalid_choice": "Select yes, not sure or no",
        },
    )
    do_differently = forms.CharField(
        label="What will you do differently after this session? (optional)",
        help_text="Do not write your name or anyone else's.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep your answer under 500 characters"},
    )

    def __init__(self, *args, paired=False, **kwargs):
        super().__init__(*args, **kwargs)
        if paired:
            del self.fields["retrospective_before"]


class TeacherFeedbackForm(GovukForm):
    relevance = forms.TypedChoiceField(
        label="How relevant was it to your pupils' needs?",
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a rating for relevance",
            "invalid_choice": "Select a rating for relevance",
        },
    )
    quality = forms.TypedChoiceField(
        label="How good was the delivery?",
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a rating for quality",
            "invalid_choice": "Select a rating for quality",
        },
    )
    engagement = forms.TypedChoiceField(
        label="How engaged were the pupils?",
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a rating for pupil engagement",
            "invalid_choice": "Select a rating for pupil engagement",
        },
    )
    would_recommend = forms.TypedChoiceField(
        label="Would you recommend it to another school?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes or no", "invalid_choice": "Select yes or no"},
    )
    comments = forms.CharField(
        label="Anything else you would like to tell us? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Your answer must be %(limit_value)d characters or fewer"},
    )

    def __init__(self, *args, for_event=False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_event:
            del self.fields["engagement"]
            self.fields["relevance"].label = "How relevant was it to your role?"
            self.fields["would_recommend"].label = "Would you recommend it to a colleague?"


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
        queryset=SessionPage.objects.order_by("title"),
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


class SchoolReportFilterForm(GovukForm):
    year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        choices=year_choices,
        error_messages=choose("an academic year"),
    )
