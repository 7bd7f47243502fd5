"""Every admin listing's CSV and XLSX download works, holds the right values in the
right columns with the right types, and no CSV cell runs as a formula.

The listings are found from the admin's URL patterns (admin_listings.py): a new
viewset, snippet or report with `list_export` is downloaded here at once, and
fails until its known row is added to KNOWN_ROWS.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import TestCase, override_settings
from openpyxl import load_workbook
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import (
    GroupApprovalTask,
    ModelLogEntry,
    Workflow,
    WorkflowTask,
)

from cms.choices import SessionAudience
from portal.spreadsheets import FORMULA_STARTS, SIGNED_NUMBER
from schools.models import ClosedDays, SchoolMembership
from schools.models.bookings import BookingStatus
from tests.access.world import build_world
from tests.factories import cms as cms_factories
from tests.factories import feedback as feedback_factories
from training.models import Registration

from .admin_listings import admin_listings
from .admin_payloads import write_formula_payloads

pytestmark = pytest.mark.django_db

LISTINGS = admin_listings()
LONDON = ZoneInfo("Europe/London")
# Stored in UTC with microseconds; read in summer time, to the second.
LOCKED_AT = datetime.datetime(2026, 7, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC)
# Winter: London is on UTC.
STARTED_AT = datetime.datetime(2026, 1, 12, 8, 5, 9, 987654, tzinfo=datetime.UTC)


@dataclass
class Seen:
    """The access world, and the rows it lacks that some admin listings show."""

    world: object
    closure: object
    feedback: object
    redirect: object


def _in_review(presenter):
    """A course page a presenter sent for review, started at a known moment."""
    draft = cms_factories.course_page(title="Responding to a disclosure", publish=False)
    workflow = Workflow.objects.create(name="Review", active=True)
    task = GroupApprovalTask.objects.create(name="Check the course")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    state = workflow.start(draft, presenter)
    state.created_at = STARTED_AT
    state.save(update_fields=["created_at"])
    state.current_task_state.started_at = STARTED_AT
    state.current_task_state.save(update_fields=["started_at"])


def _extras(world):
    closure = ClosedDays.objects.create(
        name="Christmas holidays",
        first_day=datetime.date(2026, 12, 21),
        last_day=datetime.date(2027, 1, 1),
    )
    feedback = feedback_factories.teacher_feedback(
        delivery=world.delivered, comments="Clear and useful", relevance=5, quality=4
    )
    redirect = Redirect.objects.create(old_path="/old-sessions", redirect_link="/sessions/")
    Query.get("knife crime").add_hit()
    page = world.session
    page.next_review_due = datetime.date(2025, 1, 31)
    page.locked, page.locked_by, page.locked_at = True, world.users["coordinator"], LOCKED_AT
    page.save()
    _in_review(world.users["presenter"])
    return Seen(world=world, closure=closure, feedback=feedback, redirect=redirect)


@pytest.fixture(scope="module")
def seen(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        world = build_world(lambda: TestCase.captureOnCommitCallbacks(execute=True))
        yield _extras(world)
        transaction.set_rollback(True)


@pytest.fixture
def superuser_client(client, seen, db):
    client.force_login(seen.world.users["superuser"])
    return client


def download(client, listing, fmt):
    response = client.get(listing.path, {"export": fmt})
    assert response.status_code == 200, listing.path
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    else:
        sheet = load_workbook(io.BytesIO(body)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _local(value):
    """What a coordinator's spreadsheet should read: the time in London, to the second."""
    return value.astimezone(LONDON).replace(microsecond=0, tzinfo=None)


def _known_rows(seen):
    """For each listing: the columns that find one row, and the values (with their
    XLSX types) that row must hold. A listing missing here fails: add its row."""
    world = seen.world
    school = world.school_a
    presenter = world.users["presenter"]
    pending = world.users["pending_a"]
    delivery = world.visit.delivery
    return {
        "bookings:index": (
            {"Reference": world.requested.reference},
            {
                "School": school.name,
                "URN": school.urn,
                "Session": "Healthy relationships",
                "Status": BookingStatus.REQUESTED.label,
                "Audience": SessionAudience.PUPILS.label,
                "Expected audience": world.requested.expected_pupils,
                "Created at": _local(world.requested.created_at),
            },
        ),
        "closed_days:index": (
            {"Name": "Christmas holidays"},
            {
                "Kind": ClosedDays.Kind.HOLIDAY.label,
                "First day": datetime.date(2026, 12, 21),
                "Last day": datetime.date(2027, 1, 1),
                "School URN": None,
            },
        ),
        "deliveries:index": (
            {"Booking": world.visit.reference},
            {"School": school.name, "Start": _local(delivery.start), "End": _local(delivery.end)},
        ),
        "memberships:index": (
            {"Email": pending.email},
            {
                "First name": "Penny",
                "Last name": "Pending",
                "School": str(school),
                "Role": SchoolMembership.Role.TEACHER.label,
                "Status": SchoolMembership.Status.PENDING.label,
            },
        ),
        "presenters:index": (
            {"Email": presenter.email},
            {"First name": presenter.first_name, "Last name": presenter.last_name},
        ),
        "unavailability:index": (
            {"Presenter": presenter.email},
            {
                "Start": _local(world.unavailability.start),
                "End": _local(world.unavailability.end),
                "Reason": "Leave",
            },
        ),
        "school_records:index": (
            {"URN": school.urn},
            {
                "Name": school.name,
                "District": school.district.name,
                "Number of pupils": school.number_of_pupils,
                "Open": True,
            },
        ),
        "teacher_feedback:index": (
            {"Comments": "Clear and useful"},
            {
                "School": str(school),
                "Relevance": 5,
                "Quality": 4,
                "Would recommend": True,
                "Created at": _local(seen.feedback.created_at),
            },
        ),
        "training_events:index": (
            {"Event ID": world.event.pk},
            {
                "Course": "Designated safeguarding lead refresher",
                "Start": _local(world.event.start),
                "Capacity": world.event.capacity,
                "Confirmed": 1,
                "Waiting": 0,
            },
        ),
        "training_registrations:index": (
            {"Event ID": world.past_event.pk, "Email": world.users["staff_a"].email},
            {
                "First name": "Alice",
                "School": school.name,
                "URN": school.urn,
                "Attendance": Registration.Attendance.ATTENDED.label,
                "Walk in": False,
                "Event starts": _local(world.past_event.start),
            },
        ),
        "cms_review_due": (
            {"Title": world.session.title},
            {"Review was due": datetime.date(2025, 1, 31), "Status": "live"},
        ),
        "wagtailadmin_reports:site_history": (
            {"Action type": "Unavailability recorded"},
            {
                "User": presenter.get_full_name(),
                "Type": "Unavailability",
                "Date/Time": _local(
                    ModelLogEntry.objects.get(action="schools.unavailability.recorded").timestamp
                ),
            },
        ),
        "wagtailadmin_reports:aging_pages": (
            {"Title": "Healthy relationships"},
            {"Status": "live", "Type": "Session page"},
        ),
        "wagtailadmin_reports:locked_pages": (
            {"Title": world.session.title},
            {
                "Locked by": world.users["coordinator"].get_full_name(),
                "Locked at": datetime.datetime(2026, 7, 1, 10, 30, 15),
            },
        ),
        "wagtailredirects:index": (
            {"From": "/old-sessions"},
            {"To": "/sessions/", "Type": "permanent"},
        ),
        "wagtailsearchpromotions:search_terms": (
            {"Search term(s)": "knife crime"},
            {"Views": 1},
        ),
        "wagtailadmin_reports:workflow": (
            {"Page/Snippet Title": "Responding to a disclosure"},
            {
                "Status": "In progress",
                "Started at": datetime.datetime(2026, 1, 12, 8, 5, 9),
            },
        ),
        # Wagtail heads this report's columns with the field names.
        "wagtailadmin_reports:workflow_tasks": (
            {"Page/Snippet Title": "Responding to a disclosure"},
            {
                "Status": "In progress",
                "started_at": datetime.datetime(2026, 1, 12, 8, 5, 9),
            },
        ),
    }


def as_csv_text(value):
    """How a typed value reads in the CSV."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _find(rows, key, listing):
    found = [row for row in rows if all(row[k] == v for k, v in key.items())]
    assert len(found) == 1, f"{listing.name}: {len(found)} rows with {key}"
    return found[0]


@pytest.mark.parametrize("listing", LISTINGS, ids=[listing.name for listing in LISTINGS])
def test_every_admin_download_holds_the_known_row_with_its_types(superuser_client, seen, listing):
    known = _known_rows(seen)
    assert listing.name in known, f"add the known row of {listing.name} to _known_rows"
    headings, rows = download(superuser_client, listing, "xlsx")
    csv_headings, csv_rows = download(superuser_client, listing, "csv")
    assert csv_headings == headings
    assert len(csv_rows) == len(rows)
    if known[listing.name] is None:
        assert rows == []
        return
    key, expected = known[listing.name]
    row = _find(rows, key, listing)
    for column, value in expected.items():
        assert (row[column], type(row[column])) == (value, type(value)), column
    csv_row = _find(csv_rows, {k: as_csv_text(v) for k, v in key.items()}, listing)
    for column, value in expected.items():
        assert csv_row[column] == as_csv_text(value), column


def test_every_listing_is_found_by_its_address():
    """The discovery itself: the portal's listings and Wagtail's reports are there."""
    names = {listing.name for listing in LISTINGS}
    assert {
        "bookings:index",
        "deliveries:index",
        "memberships:index",
        "presenters:index",
        "unavailability:index",
        "wagtailadmin_reports:site_history",
    } <= names


def _runs(cell):
    """Would a spreadsheet read this CSV cell as a formula?"""
    return cell.startswith(FORMULA_STARTS) and not SIGNED_NUMBER.fullmatch(cell)


def test_no_csv_cell_runs_as_a_formula(superuser_client, seen):
    written = write_formula_payloads()
    assert written > 50  # every text field of every row holds a formula-like value
    escaped = dict.fromkeys(FORMULA_STARTS, 0)
    for listing in LISTINGS:
        _, rows = download(superuser_client, listing, "csv")
        cells = [cell for row in rows for cell in row.values()]
        assert [c for c in cells if _runs(c)] == [], listing.name
        for cell in cells:
            if cell[:1] == "'" and cell[1:2] in escaped:
                escaped[cell[1:2]] += 1
        if rows:  # every listing with rows shows some text a person typed
            assert any(cell.startswith("'") for cell in cells), listing.name
    assert all(escaped.values()), escaped


def test_no_xlsx_cell_is_a_formula(superuser_client, seen):
    write_formula_payloads()
    for listing in LISTINGS:
        response = superuser_client.get(listing.path, {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        kinds = {cell.data_type for row in sheet.iter_rows() for cell in row}
        assert "f" not in kinds, listing.name
