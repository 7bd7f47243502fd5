"""Downloads read back as a spreadsheet program or a script would: each cell found
by its column's name, and of the type that column says (numbers as numbers,
percentages and months with number formats), and the same rows as the page."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.factories import feedback as fb
from tests.factories.core import SchoolFactory
from training.services.reports.cells import Number, as_csv

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(y, m, d):
    return datetime(y, m, d, 10, tzinfo=LONDON)


def xlsx(client, slug, **query):
    url = reverse("training:reports_export", args=[slug, "xlsx"])
    response = client.get(url, {"year": 2025, **query})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    rows = list(sheet.iter_rows())
    headers = [c.value for c in rows[0]]
    return sheet.title, [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def csv_rows(client, slug, **query):
    url = reverse("training:reports_export", args=[slug, "csv"])
    response = client.get(url, {"year": 2025, **query})
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def county(client):
    d = fb.delivered(start=at(2025, 10, 1), pupils=24)
    fb.pupil_responses(d, [(2, 4), (3, 4), (2, 3)] * 4)
    for quality in (5, 4, 4, 3, 5, 4, 4, 3, 4, 5):
        fb.teacher_feedback(delivery=d, quality=quality)
    client.force_login(factories.coordinator())
    return d


def test_pupil_figures_are_numbers_with_formats_in_the_spreadsheet(client, county):
    title, rows = xlsx(client, "pupil-confidence")
    assert title == "Pupil confidence"  # a whole word, not cut at 31 characters
    by_measure = {r["Measure"].value: r for r in rows}
    after = by_measure["Confidence after (1 to 5)"]
    assert after["Value"].value == pytest.approx(11 / 3)
    assert after["Value"].number_format == "0.00"
    assert isinstance(after["95% interval from"].value, float)
    assert after["95% interval from"].value < after["Value"].value < after["95% interval to"].value
    assert after["Responses"].value == 12
    change = by_measure["Change (paired)"]
    assert change["Value"].value == pytest.approx(4 / 3)
    assert change["Value"].number_format.startswith("+0.00")
    knows = by_measure["Know who to talk to"]
    assert knows["Value"].value == 1.0 and knows["Value"].number_format == "0%"


def test_counts_shares_and_months_are_numbers_and_dates(client, county):
    _, summary = xlsx(client, "summary")
    values = {r["Figure"].value: r["Value"] for r in summary}
    assert values["Deliveries"].value == 1 and values["Pupils reached"].value == 24
    assert isinstance(values["Coverage of open schools"].value, int | float)
    assert values["Coverage of open schools"].number_format == "0%"

    _, months = xlsx(client, "months")
    october = months[1]
    assert isinstance(october["Month"].value, datetime)
    assert october["Month"].value.month == 10 and october["Month"].number_format == "mmmm yyyy"
    assert october["Deliveries"].value == 1 and october["Pupils reached"].value == 24

    _, sessions = xlsx(client, "sessions")
    row = sessions[0]
    assert isinstance(row["Confidence after"].value, float)
    assert isinstance(row["Teacher quality rating"].value, float)
    assert row["Would recommend"].number_format == "0%"


def test_suppressed_figures_are_their_words_in_every_format(client):
    d = fb.delivered(start=at(2025, 10, 1))
    fb.pupil_responses(d, [(2, 4)] * 9)
    client.force_login(factories.coordinator())
    _, rows = xlsx(client, "pupil-confidence")
    after = next(r for r in rows if r["Measure"].value == "Confidence after (1 to 5)")
    assert after["Value"].value == "fewer than 10 responses"
    assert after["95% interval from"].value is None
    csv_after = next(r for r in csv_rows(client, "pupil-confidence") if "after" in r["Measure"])
    assert csv_after["Value"] == "fewer than 10 responses"


def test_schools_not_reached_have_their_name_under_school_and_urn_under_urn(client):
    fb.delivered(start=at(2025, 10, 1))
    missed = SchoolFactory(name="Hilltop Primary", urn=123456)
    client.force_login(factories.coordinator())

    page = client.get(reverse("training:reports"), {"year": 2025})
    assert '<th scope="row" class="govuk-table__header">Hilltop Primary</th>' in page.text
    _, rows = xlsx(client, "not-reached")
    row = next(r for r in rows if r["URN"].value == 123456)
    assert row["School"].value == "Hilltop Primary"
    assert row["District"].value == missed.district.name
    csv_row = next(r for r in csv_rows(client, "not-reached") if r["URN"] == "123456")
    assert csv_row["School"] == "Hilltop Primary"


def test_csv_keeps_signed_numbers_and_escapes_only_what_would_run(client, county):
    rows = {r["Measure"]: r for r in csv_rows(client, "pupil-confidence")}
    change = rows["Change (paired)"]
    assert change["Value"] == "+1.33"  # a number to a spreadsheet, not a formula
    assert float(change["95% interval from"]) < 1.33 < float(change["95% interval to"])
    assert "'" not in "".join(change.values())

    assert as_csv("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert as_csv("@SUM(A1)") == "'@SUM(A1)"
    assert as_csv("-2+3 cmd") == "'-2+3 cmd"
    assert as_csv("-0.40") == "-0.40"
    assert as_csv(Number(-0.4, "change")) == "-0.40"
    assert as_csv("St Mary's (Aided)") == "St Mary's (Aided)"


def test_text_that_looks_like_a_formula_stays_text_in_the_spreadsheet(client):
    fb.delivered(start=at(2025, 10, 1))
    SchoolFactory(name="=1+1 Academy")
    client.force_login(factories.coordinator())
    _, rows = xlsx(client, "not-reached")
    cell = next(r["School"] for r in rows if "Academy" in str(r["School"].value))
    assert cell.value == "=1+1 Academy" and cell.data_type == "s"
