"""Downloads never carry another school's rows, and the county report no pupil's data.

The downloads are found the way a person finds them: every export, calendar feed
and data download linked from their dashboard and from the report pages it links
to. So an export added to a page is checked here without a new test.
"""

import csv
import io
import json
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from schools.models import Booking
from tests.factories import feedback as feedback_factories
from tests.factories import schools as school_factories
from training.models import PupilResponse
from training.services import reports

from .world import DISCLOSURE, become

pytestmark = pytest.mark.django_db

DOWNLOAD = re.compile(r"\.(csv|xlsx|ics)(\?|$)|/account/your-data/$")
# A pupil's free text that names someone: it may be read on the flagged page,
# never carried into a report.
NAMED_ANSWER = "I will tell Mrs Okonkwo in Year 8 about it"


def _links(html):
    """Every address a page offers: links, and calendar addresses shown to copy."""
    found = re.findall(r'href="([^"]+)"', html)
    found += re.findall(r"<code[^>]*>\s*([^<\s]+\.ics)\s*</code>", html)
    return {urlsplit(unescape(link))._replace(scheme="", netloc="").geturl() for link in found}


def _text(response):
    """A download as text: spreadsheet cells, CSV cells, calendar lines or JSON."""
    kind = response["Content-Type"]
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        cells = (c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
        return "\n".join(str(c) for c in cells if c is not None)
    body = response.content.decode("utf-8-sig")
    if "text/csv" in kind:
        return "\n".join("\n".join(row) for row in csv.reader(io.StringIO(body)))
    if "calendar" in kind:
        return body.replace("\r\n ", "").replace("\\,", ",")  # unfold long lines
    return json.dumps(json.loads(body), ensure_ascii=False)


def _school_tables(year):
    """Every table a school's report page can export, linked from the page or not."""
    report = reports.build_report(reports.Filters(year=year), reports.SCHOOL_PARTS)
    return [table.slug for table in reports.tables(report)]


def _downloads(client, year):
    """Every download reachable from the dashboard (reports pages opened for `year`),
    and every table of each school report reached, in both formats."""
    dashboard = client.get("/dashboard/")
    assert dashboard.status_code == 200
    links = _links(dashboard.content.decode())
    for page in sorted(link for link in links if link.startswith("/reports/")):
        if DOWNLOAD.search(page):
            continue
        page = page.split("?")[0]
        response = client.get(page, {"year": year})
        assert response.status_code == 200, page
        links |= _links(response.content.decode())
        links |= {
            f"{page}export/{slug}.{fmt}?year={year}"
            for slug in _school_tables(year)
            for fmt in ("csv", "xlsx")
        }
    found = {}
    for link in sorted(link for link in links if DOWNLOAD.search(link)):
        response = client.get(link)
        assert response.status_code == 200, link
        found[link] = _text(response)
    return found


def _school_a_rows(world):
    """What would show that a download holds school A's records."""
    people = [world.users[r] for r in ("staff_a", "dsl_a", "pending_a", "presenter")]
    return [
        world.school_a.name,
        world.visit.reference,
        world.delivered.booking.reference,
        world.requested.reference,
        world.session.title,  # only school A had this session
        world.event.course.title,  # only school A's staff registered
        *(p.get_full_name() for p in people),
        *(p.email for p in people),
    ]


@pytest.fixture
def school_b_visit(world):
    """School B's own delivered and coming visits, by another presenter and session,
    so its downloads have rows of their own."""
    other = world.requested.session
    presenter = world.users["other_presenter"]
    delivered = feedback_factories.delivered(
        school=world.school_b,
        session=other,
        start=world.delivered.start,  # same academic year, another presenter
        presenters=[presenter],
        pupils=58,
    )
    coming = school_factories.booking(
        school=world.school_b, session=other, status=Booking.Status.SCHEDULED
    )
    school_factories.delivery(booking_=coming, presenters=[presenter])
    return delivered


def _year(world):
    return reports.academic_year_of(timezone.localdate(world.delivered.start))


def _kinds(downloads):
    return {
        "data" if path.endswith("/your-data/") else path.split("?")[0].rsplit(".", 1)[-1]
        for path in downloads
    }


def test_school_b_downloads_carry_none_of_school_as_rows(client, world, school_b_visit):
    become(client, world, "staff_b")
    downloads = _downloads(client, _year(world))
    assert _kinds(downloads) == {"csv", "xlsx", "ics", "data"}
    assert any(world.school_b.name in text for text in downloads.values())
    assert any("58" in text.split("\n") for text in downloads.values())
    for marker in _school_a_rows(world):
        leaked = [path for path, text in downloads.items() if marker in text]
        assert leaked == [], f"{marker!r} of school A is in {leaked}"
    assert not any("437" in text.split("\n") for text in downloads.values())


def test_the_same_check_finds_school_as_rows_in_school_as_downloads(client, world, school_b_visit):
    """The control: the markers are really there for school A's own staff."""
    become(client, world, "staff_a")
    downloads = _downloads(client, _year(world))
    assert _kinds(downloads) == {"csv", "xlsx", "ics", "data"}
    everything = "\n".join(downloads.values())
    assert world.school_a.name in everything
    assert world.visit.reference in everything
    assert world.users["presenter"].get_full_name() in everything
    assert "437" in everything.split("\n")
    assert world.event.course.title in everything
    assert world.school_b.name not in everything


def test_the_county_report_exports_carry_no_pupils_data(client, world, school_b_visit):
    """Pupils' answers count in the figures; their words and tokens never leave."""
    feedback_factories.pupil_response(world.delivered, text=NAMED_ANSWER)
    become(Client(), world, "pupil")  # a "before" answer waiting for its pair
    tokens = list(
        PupilResponse.objects.exclude(pairing_hash="").values_list("pairing_hash", flat=True)
    )
    assert tokens
    become(client, world, "coordinator")
    response = client.get("/reports/", {"year": _year(world)})
    assert response.status_code == 200
    exports = sorted(link for link in _links(response.content.decode()) if DOWNLOAD.search(link))
    assert {link.split("?")[0].rsplit(".", 1)[-1] for link in exports} == {"csv", "xlsx"}
    texts = {}
    for link in exports:
        download = client.get(link)
        assert download.status_code == 200, link
        texts[link] = _text(download)
    everything = "\n".join(texts.values())
    assert "437" in everything.split("\n")  # the figures are there
    assert world.school_b.name in everything or "58" in everything.split("\n")
    pupil_words = [DISCLOSURE, NAMED_ANSWER, "Okonkwo"]
    people = [u for u in world.users.values() if u is not None]
    for marker in [
        *pupil_words,
        *tokens,
        *(u.email for u in people),
        *(u.get_full_name() for u in people),
    ]:
        assert [link for link, text in texts.items() if marker in text] == [], marker
