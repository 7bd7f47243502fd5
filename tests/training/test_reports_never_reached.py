"""The open schools whose pupils no session has reached in any year, listed for
coordinators with each school's designated safeguarding lead to contact, on the
page and in both downloads (read back by column name and type)."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cms.models import SessionPage
from schools.models import SchoolMembership
from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import feedback as fb
from tests.factories import schools as school_factories
from tests.factories.core import MembershipFactory, SchoolFactory, UserFactory
from training.services import reports

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(y, m, d):
    return datetime(y, m, d, 10, tzinfo=LONDON)


def export(client, fmt, **query):
    url = reverse("training:reports_export", args=["never-reached", fmt])
    return client.get(url, {"year": 2025, **query})


def xlsx_rows(client):
    response = export(client, "xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows())
    headers = [c.value for c in rows[0]]
    return book.active.title, [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def csv_rows(client):
    text = export(client, "csv").content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def county():
    """Schools reached last year, this year, only by a staff briefing, never, and
    one closed; the never-reached one has a DSL (and a pending one and a teacher)."""
    last_year = fb.delivered(start=at(2024, 11, 5)).booking.school
    this_year = fb.delivered(start=at(2025, 10, 1)).booking.school
    staff_only = fb.delivered(
        start=at(2025, 10, 2),
        session=cms_factories.session_page(format=SessionPage.Format.STAFF_TRAINING),
    ).booking.school
    never = SchoolFactory(name="=HYPERLINK(1) Primary", urn=700123)
    school_factories.dsl(never, first_name="Priya", last_name="Shah", email="p.shah@example.org")
    MembershipFactory(
        user=UserFactory(first_name="Pending", last_name="Lead"),
        school=never,
        role=SchoolMembership.Role.DSL,
        status=SchoolMembership.Status.PENDING,
    )
    MembershipFactory(user=UserFactory(first_name="Tom", last_name="Teacher"), school=never)
    closed = SchoolFactory(is_open=False)
    return {
        "last_year": last_year,
        "this_year": this_year,
        "staff_only": staff_only,
        "never": never,
        "closed": closed,
    }


def test_only_open_schools_no_pupil_session_ever_reached_are_listed(county):
    report = reports.build_report(reports.Filters(year=2025))
    listed = {school.pk for school in report.never_reached}
    assert listed == {county["staff_only"].pk, county["never"].pk}
    assert report.never_reached_count == 2
    # Not reached this year is a different list: last year's school is on it.
    assert county["last_year"].pk in {school.pk for school in report.not_reached}


def test_the_downloads_name_each_schools_dsl_in_typed_columns(client, county):
    client.force_login(factories.coordinator())
    title, rows = xlsx_rows(client)
    assert title == "Never reached"
    row = next(r for r in rows if r["URN"].value == 700123)
    assert isinstance(row["URN"].value, int)
    assert row["School"].value == "=HYPERLINK(1) Primary"
    assert row["School"].data_type == "s"  # text, never a formula
    assert row["DSL name"].value == "Priya Shah"
    assert row["DSL email"].value == "p.shah@example.org"
    assert row["District"].value == county["never"].district.name
    assert row["DSL registered"].value is True
    assert row["DSL registered"].data_type == "b"
    without = next(r for r in rows if r["URN"].value == county["staff_only"].urn)
    assert without["DSL name"].value is None and without["DSL email"].value is None
    assert without["DSL registered"].value is False
    assert without["DSL registered"].data_type == "b"

    by_urn = {r["URN"]: r for r in csv_rows(client)}
    csv_row = by_urn["700123"]
    assert csv_row["School"] == "'=HYPERLINK(1) Primary"
    assert csv_row["DSL name"] == "Priya Shah"
    assert csv_row["DSL email"] == "p.shah@example.org"
    assert csv_row["DSL registered"] == "yes"
    csv_without = by_urn[str(county["staff_only"].urn)]
    assert (csv_without["DSL name"], csv_without["DSL email"]) == ("", "")
    assert csv_without["DSL registered"] == "no"


def test_the_page_lists_them_with_their_dsl(client, county):
    client.force_login(factories.coordinator())
    page = client.get(reverse("training:reports"), {"year": 2025}).text
    assert "2 open schools have never had a session for pupils" in page
    assert "p.shah@example.org" in page
    assert "Pending Lead" not in page and "Tom Teacher" not in page
    assert reverse("training:reports_export", args=["never-reached", "csv"]) in page


def test_the_page_says_when_a_school_has_no_dsl(client, county):
    client.force_login(factories.coordinator())
    page = client.get(reverse("training:reports"), {"year": 2025}).text
    table = page[page.index("Open schools never reached in any year</caption>") :]
    table = table[: table.index("</table>")]
    row = table[table.index(county["staff_only"].name) :]
    row = row[: row.index("</tr>")]
    assert '<td class="govuk-table__cell">No DSL registered</td>' in row
    assert '<td class="govuk-table__cell">None</td>' in row
    assert "DSL registered</th>" not in table  # the yes or no column is for the downloads
    assert table.count("No DSL registered") == 1


def test_a_dsl_who_leaves_is_gone_at_once_though_the_figures_are_kept(client, county, settings):
    settings.PORTAL_REPORTS_CACHE_SECONDS = 600
    client.force_login(factories.coordinator())
    assert any(r["DSL name"] == "Priya Shah" for r in csv_rows(client))
    SchoolMembership.objects.filter(user__email="p.shah@example.org").update(
        status=SchoolMembership.Status.LEFT
    )
    assert not any(r["DSL name"] == "Priya Shah" for r in csv_rows(client))


def test_a_district_filter_lists_only_its_own_schools(client, county):
    client.force_login(factories.coordinator())
    rows = [r for r in csv_rows(client) if r["URN"]]
    district = county["never"].district
    response = export(client, "csv", district=district.pk)
    text = response.content.decode("utf-8-sig")
    filtered = list(csv.DictReader(io.StringIO(text)))
    assert all(r["District"] == district.name for r in filtered)
    assert {r["URN"] for r in filtered} <= {r["URN"] for r in rows}
    assert "700123" in {r["URN"] for r in filtered}


def test_school_staff_cannot_download_the_list(client, county):
    client.force_login(factories.school_staff(school=county["never"]))
    assert export(client, "csv").status_code == 403
    own = reverse(
        "training:school_reports_export", args=[county["never"].pk, "never-reached", "csv"]
    )
    assert client.get(own, {"year": 2025}).status_code == 404


def test_a_coordinator_without_two_factor_sign_in_is_sent_to_set_it_up(client, county):
    client.force_login(factories.coordinator(mfa=False))
    response = export(client, "csv")
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]
