"""Planning a term: the term's dates and up to three aims; a school's answer to an
offer from the plan."""

from django import forms

from cms.models import YEAR_GROUP_CHOICES, SessionPage
from portal.date_input import GovukDateField
from portal.form_renderer import GovukForm

from ..models import District, School
from ..services.plans import AimChoice

AIM_ROWS = 3
# "Not reached in N years": N, or every school whatever its history.
NOT_REACHED_CHOICES = [
    ("", "Any school, reached or not"),
    ("1", "Not reached in the last year"),
    ("2", "Not reached in the last two years"),
    ("3", "Not reached in the last three years"),
    ("50", "Never reached"),
]
WEIGHT_CHOICES = [("1", "Normal"), ("2", "Priority"), ("3", "Top priority")]
AIM_PARTS = ("session", "year", "districts", "phase", "not_reached", "weight")


def _session_choices():
    sessions = (
        SessionPage.objects.live()
        .filter(bookable=True, audience=SessionPage.Audience.PUPILS)
        .order_by("title")
    )
    return [("", "No aim")] + [(str(s.pk), f"{s.title} ({s.year_range_label})") for s in sessions]


def _choices_message(what: str, n: int) -> dict:
    return {
        "required": f"Choose {what} for aim {n}",
        "invalid_choice": f"Choose {what} for aim {n} from the list",
    }


class TermPlanForm(GovukForm):
    first_day = GovukDateField(label="First day of term", subject="the first day of term")
    last_day = GovukDateField(label="Last day of term", subject="the last day of term")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sessions = _session_choices()
        districts = [(str(d.pk), d.name) for d in District.objects.order_by("name")]
        phases = [("", "Any phase"), *School.Phase.choices]
        for n in range(1, AIM_ROWS + 1):
            self.fields[f"aim_{n}_session"] = forms.ChoiceField(
                label="Session",
                choices=sessions,
                required=False,
                error_messages=_choices_message("a session", n),
            )
            self.fields[f"aim_{n}_year"] = forms.TypedChoiceField(
                label="Year group",
                choices=[("", "Choose a year group"), *YEAR_GROUP_CHOICES],
                coerce=int,
                required=False,
                error_messages=_choices_message("a year group", n),
            )
            self.fields[f"aim_{n}_districts"] = forms.MultipleChoiceField(
                label="Districts",
                choices=districts,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="Leave all unticked for every district.",
                error_messages=_choices_message("districts", n),
            )
            self.fields[f"aim_{n}_phase"] = forms.ChoiceField(
                label="Phase",
                choices=phases,
                required=False,
                error_messages=_choices_message("a phase", n),
            )
            self.fields[f"aim_{n}_not_reached"] = forms.ChoiceField(
                label="Which schools",
                choices=NOT_REACHED_CHOICES,
                required=False,
                error_messages=_choices_message("which schools", n),
            )
            self.fields[f"aim_{n}_weight"] = forms.ChoiceField(
                label="How much it matters",
                choices=WEIGHT_CHOICES,
                initial="1",
                error_messages=_choices_message("how much it matters", n),
            )

    def aim_rows(self):
        """Each aim's bound fields, for one fieldset each."""
        return [
            (n, [self[f"aim_{n}_{part}"] for part in AIM_PARTS]) for n in range(1, AIM_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(1, AIM_ROWS + 1):
            if data.get(f"aim_{n}_session") and data.get(f"aim_{n}_year") in (None, ""):
                self.add_error(f"aim_{n}_year", f"Choose a year group for aim {n}")
        if not any(data.get(f"aim_{n}_session") for n in range(1, AIM_ROWS + 1)):
            self.add_error("aim_1_session", "Choose a session for at least one aim")
        return data

    def aims(self) -> list[AimChoice]:
        data, aims = self.cleaned_data, []
        for n in range(1, AIM_ROWS + 1):
            if not data.get(f"aim_{n}_session"):
                continue
            years = data.get(f"aim_{n}_not_reached")
            aims.append(
                AimChoice(
                    session_id=int(data[f"aim_{n}_session"]),
                    year_group=data[f"aim_{n}_year"],
                    district_ids=tuple(int(d) for d in data.get(f"aim_{n}_districts", [])),
                    phase=data.get(f"aim_{n}_phase", ""),
                    not_reached_years=int(years) if years else None,
                    weight=int(data.get(f"aim_{n}_weight") or 1),
                )
            )
        return aims


class OfferAnswerForm(GovukForm):
    ACCEPT, ANOTHER_DATE, DECLINE = "accept", "another_date", "decline"

    answer = forms.ChoiceField(
        label="Your answer",
        choices=[
            (ACCEPT, "Accept this date"),
            (ANOTHER_DATE, "We would like the visit, on another date"),
            (DECLINE, "No thank you: we do not want this visit"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose your answer",
            "invalid_choice": "Choose one of the three answers",
        },
    )
    reason = forms.CharField(
        label="Why, and which dates would suit (if you ask for another date or decline)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to %(limit_value)d characters or fewer"},
    )
