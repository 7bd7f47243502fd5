"""The GOV.UK date input: three boxes, GOV.UK's error rules, and an error summary that
links to the box to correct."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from portal.date_input import GovukDateField, date_data
from portal.form_renderer import GovukForm


class LeaveForm(GovukForm):
    start = GovukDateField(label="First day", subject="the first day", example=date(2026, 3, 27))
    end = GovukDateField(label="Last day (optional)", subject="the last day", required=False)


def typed(day="", month="", year=""):
    return {"start-day": day, "start-month": month, "start-year": year}


@pytest.mark.parametrize(
    ("data", "message", "marked"),
    [
        (typed(), "Enter the first day", ["day", "month", "year"]),
        (typed("27", "", "2026"), "The first day must include a month", ["month"]),
        (typed("", "", "2026"), "The first day must include a day and month", ["day", "month"]),
        (typed("27", "3", "26"), "The year of the first day must include 4 numbers", ["year"]),
        (typed("31", "2", "2026"), "The first day must be a real date", ["day", "month", "year"]),
        (typed("32", "3", "2026"), "The first day must be a real date", ["day"]),
        (typed("27", "13", "2026"), "The first day must be a real date", ["month"]),
        (typed("x", "y", "2026"), "The first day must be a real date", ["day", "month", "year"]),
    ],
)
def test_each_mistake_has_its_gov_uk_message_and_marks_only_the_wrong_boxes(data, message, marked):
    form = LeaveForm(data)
    assert form.errors["start"] == [message]
    html = BeautifulSoup(form.render(), "html.parser")
    wrong = [i["name"].split("-")[1] for i in html.select("input.govuk-input--error")]
    assert wrong == marked
    # The summary links to the first box to correct.
    link = html.select_one(".govuk-error-summary__list a")
    assert link.text == message
    assert link["href"] == f"#id_start-{marked[0]}"
    assert html.select_one(link["href"]) is not None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (typed("27", "3", "2026"), date(2026, 3, 27)),
        (typed(" 7 ", "03", "2026"), date(2026, 3, 7)),
        (typed("7", "Mar", "2026"), date(2026, 3, 7)),
        (typed("7", "march", "2026"), date(2026, 3, 7)),
        (typed("29", "2", "2028"), date(2028, 2, 29)),
    ],
)
def test_a_real_date_is_read_however_the_month_is_typed(data, expected):
    form = LeaveForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"start": expected, "end": None}


def test_what_was_typed_is_shown_again_as_typed():
    html = BeautifulSoup(LeaveForm(typed("31", "Feb", "2026")).render(), "html.parser")
    assert [i.get("value") for i in html.select("#id_start input")] == ["31", "Feb", "2026"]


def test_an_optional_date_left_empty_is_none_and_a_started_one_is_checked():
    assert LeaveForm(typed("1", "2", "2026")).is_valid()
    form = LeaveForm(typed("1", "2", "2026") | {"end-day": "3"})
    assert form.errors["end"] == ["The last day must include a month and year"]


def test_the_markup_is_a_labelled_group_with_a_hint():
    html = BeautifulSoup(LeaveForm().render(), "html.parser")
    fieldset = html.select_one("fieldset[role=group]")
    assert fieldset.legend.text.strip() == "First day"
    hint = html.select_one("#id_start_helptext")
    assert hint.text.strip() == "For example, 27 3 2026"
    assert "id_start_helptext" in fieldset["aria-describedby"]
    labels = {label["for"]: label.text for label in fieldset.select("label")}
    assert labels == {"id_start-day": "Day", "id_start-month": "Month", "id_start-year": "Year"}
    assert {i["inputmode"] for i in fieldset.select("input")} == {"numeric"}
    assert fieldset.select_one("#id_start-year")["class"].count("govuk-input--width-4") == 1


def test_date_data_is_what_a_browser_posts():
    assert date_data("start", date(2026, 3, 7)) == typed("7", "3", "2026")
    assert LeaveForm(date_data("start", date(2026, 3, 7))).is_valid()


def test_a_date_given_as_initial_fills_the_boxes():
    html = BeautifulSoup(LeaveForm(initial={"start": date(2026, 5, 4)}).render(), "html.parser")
    assert [i.get("value") for i in html.select("#id_start input")] == ["4", "5", "2026"]
