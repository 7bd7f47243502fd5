"""Forms for pupil voice and teacher feedback."""

from django import forms

from portal.form_renderer import GovukForm
from training.models import PupilResponse

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


def rating_field(label, rated):
    """A 1 to 5 rating, asked with radio buttons; `rated` names it in the error."""
    return forms.TypedChoiceField(
        label=label,
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": f"Select a rating for {rated}",
            "invalid_choice": f"Select a rating for {rated}",
        },
    )


# What each kind of session is asked about, by the session's audience (cms
# SessionPage.audience) or "event" for a training event: pupils' engagement is
# asked only where there were pupils to engage.
TEACHER_QUESTIONS = {
    "pupils": {
        "relevance": "How relevant was it to your pupils' needs?",
        "would_recommend": "Would you recommend it to another school?",
    },
    "staff": {
        "relevance": "How relevant was it to your staff's needs?",
        "would_recommend": "Would you recommend it to another school?",
    },
    "parents": {
        "relevance": "How relevant was it to the parents and carers who came?",
        "would_recommend": "Would you recommend it to another school?",
    },
    "event": {
        "relevance": "How relevant was it to your role?",
        "would_recommend": "Would you recommend it to a colleague?",
    },
}
ASKS_ENGAGEMENT = frozenset({"pupils"})


class TeacherFeedbackForm(GovukForm):
    relevance = rating_field("How relevant was it to your pupils' needs?", "relevance")
    quality = rating_field("How good was the delivery?", "quality")
    engagement = rating_field("How engaged were the pupils?", "pupil engagement")
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

    def __init__(self, *args, asked="pupils", **kwargs):
        """`asked` is the session's audience, or "event" for a training event."""
        super().__init__(*args, **kwargs)
        if asked not in ASKS_ENGAGEMENT:
            del self.fields["engagement"]
        for name, label in TEACHER_QUESTIONS[asked].items():
            self.fields[name].label = label
