"""Coordinators import the local authority's term dates and INSET days from a CSV file:
every row checked first, each bad row named, nothing half-saved, a second import of the
same file adds nothing."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from schools import services
from schools.models import ClosedDays
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("schools:closed_days_import")
GOOD = (
    "name,kind,first_day,last_day,school_urn\n"
    "October half term,holiday,2027-10-25,2027-10-29,\n"
    "INSET day,inset,03/09/2027,03/09/2027,\n"
    "Polling station,closure,2027-05-06,2027-05-06,{urn}\n"
)


def upload(text, name="term-dates.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_a_good_file_adds_every_row_and_a_second_import_adds_nothing(school, coordinator):
    data = GOOD.format(urn=school.urn).encode()
    assert services.import_closed_days(data, by=coordinator) == (3, 0)
    rows = {(r.name, r.kind, r.first_day, r.last_day, r.school) for r in ClosedDays.objects.all()}
    assert rows == {
        ("October half term", "holiday", date(2027, 10, 25), date(2027, 10, 29), None),
        ("INSET day", "inset", date(2027, 9, 3), date(2027, 9, 3), None),
        ("Polling station", "closure", date(2027, 5, 6), date(2027, 5, 6), school),
    }
    assert ModelLogEntry.objects.filter(action="schools.closed_days.imported").count() == 3
    assert services.import_closed_days(data, by=coordinator) == (0, 3)
    assert ClosedDays.objects.count() == 3
    # The imported days close schools at once.
    assert services.closure(date(2027, 10, 27), school) == "October half term"
    assert services.closure(date(2027, 5, 6), school) == "Polling station"
    assert services.closure(date(2027, 5, 6), factories.SchoolFactory()) is None


def test_every_bad_row_is_named_and_nothing_is_saved(coordinator):
    text = (
        "name,kind,first_day,last_day,school_urn\n"
        "Fine,holiday,2027-10-25,2027-10-29,\n"
        ",holiday,2027-10-25,2027-10-29,\n"
        "Half term,summer,2027-10-25,2027-10-29,\n"
        "Half term,holiday,31/02/2027,2027-10-29,\n"
        "Half term,holiday,2027-10-29,2027-10-25,\n"
        "Half term,holiday,2027-10-25,2027-10-29,999999\n"
    )
    with pytest.raises(services.ImportFailed) as failure:
        services.import_closed_days(text.encode(), by=coordinator)
    assert failure.value.problems == [
        "Row 3: name: enter a name of up to 100 characters on one line.",
        "Row 4: kind: use holiday, inset or closure.",
        'Row 5: first_day: "31/02/2027" is not a date. Write it as 2027-02-15 or 15/02/2027.',
        "Row 6: last_day is before first_day.",
        'Row 7: school_urn: no school has the URN "999999".',
    ]
    assert not ClosedDays.objects.exists()


def test_a_file_without_the_columns_says_which_are_missing(coordinator):
    with pytest.raises(services.ImportFailed) as failure:
        services.import_closed_days(b"Name,Start\nHalf term,2027-10-25\n", by=coordinator)
    assert failure.value.problems == [
        "The file is missing the columns name, first_day, last_day. The first row must "
        "name the columns: name, kind, first_day, last_day, school_urn."
    ]


def test_the_upload_page_imports_and_says_how_many(client, coordinator, school):
    client.force_login(coordinator)
    response = client.post(URL, {"file": upload(GOOD.format(urn=school.urn))}, follow=True)
    assert "3 added, 0 already held." in response.text
    assert ClosedDays.objects.count() == 3


def test_the_upload_page_shows_each_bad_row_at_the_field(client, coordinator):
    client.force_login(coordinator)
    text = "name,kind,first_day,last_day\nHalf term,holiday,2027-10-25,someday\n"
    response = client.post(URL, {"file": upload(text)})
    assert response.status_code == 200
    page = response.text
    assert "Nothing was saved. Fix these rows and upload the file again" in page
    assert "Row 2: last_day: &quot;someday&quot; is not a date." in page
    assert 'id="id_file_error"' in page
    assert not ClosedDays.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("dates.xlsx", "name\n", "The selected file must be a CSV"),
        ("dates.csv", "", "The selected file is empty"),
    ],
)
def test_the_upload_page_refuses_other_files(client, coordinator, name, content, message):
    client.force_login(coordinator)
    response = client.post(URL, {"file": upload(content, name)})
    assert message in response.text
    assert not ClosedDays.objects.exists()


def test_only_coordinators_may_import(client, staff, presenter):
    for person in (staff, presenter):
        client.force_login(person)
        assert client.get(URL).status_code == 403
        response = client.post(URL, {"file": upload(GOOD.format(urn=1))})
        assert response.status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302
    assert not ClosedDays.objects.exists()


def test_the_admin_listing_links_to_the_import(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/closed_days/")
    assert URL in response.text


@pytest.mark.parametrize(
    "data",
    [
        b"name,first_day,last_day\n" + b"x" * 200_000 + b",2027-10-25,2027-10-29\n",
        b"name,first_day,last_day\n\x81\x8d,2027-10-25,2027-10-29\n",
    ],
)
def test_a_file_that_is_not_csv_is_refused_in_words(coordinator, data):
    with pytest.raises(services.ImportFailed) as failure:
        services.import_closed_days(data, by=coordinator)
    assert failure.value.problems == [
        "The file could not be read as CSV. Save it from the spreadsheet as CSV and try again."
    ]
    assert not ClosedDays.objects.exists()
