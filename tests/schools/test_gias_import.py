"""The national GIAS file: rows outside the chosen local authorities or types are
counted and skipped (never fatal), through the command and through the
coordinator's upload, preview and confirmation, which applies what it showed."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from schools import services
from schools.models import School, SchoolImport
from tests import factories
from tests.races import race
from tests.schools.gias_file import EAST, ROWS, gias_bytes, school

pytestmark = pytest.mark.django_db

WESTSHIRE = {200001, 200002, 200003, 200004, 200005}


@pytest.fixture
def gias(tmp_path):
    path = tmp_path / "edubasealldata20261201.csv"
    path.write_bytes(gias_bytes())
    return path


def test_the_file_is_in_gias_shape(gias):
    data = gias.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    assert "St Thérèse’s" in text
    assert '"Church Lane\r\nOld Town"' in text
    assert text.startswith('"URN","LA (code)","LA (name)","EstablishmentNumber"')


def test_the_command_keeps_one_authority_and_counts_the_rest(gias, capsys):
    call_command("import_schools", str(gias), "--la", "Westshire")
    assert set(School.objects.values_list("urn", flat=True)) == WESTSHIRE
    st_therese = School.objects.get(urn=200001)
    assert st_therese.name == "St Thérèse’s Catholic Primary School"
    assert (st_therese.easting, st_therese.northing) == (412345, 287654)
    assert st_therese.district.name == "Ashby Vale"
    academy = School.objects.get(urn=200002)
    assert (academy.phase, academy.postcode, academy.number_of_pupils) == (
        "secondary",
        "WS2 7CD",
        1104,
    )
    closed = School.objects.get(urn=200003)
    assert not closed.is_open
    assert (closed.easting, closed.northing, closed.number_of_pupils) == (None, None, None)
    out = capsys.readouterr().out
    assert "5 schools added, 0 updated, 0 unchanged" in out
    assert "2 outside the chosen local authorities" in out


def test_an_authority_may_be_named_by_its_code(gias):
    call_command("import_schools", str(gias), "--la", "880")
    assert set(School.objects.values_list("urn", flat=True)) == WESTSHIRE


def test_the_type_filter_keeps_only_the_types_named(gias, capsys):
    call_command(
        "import_schools", str(gias), "--la", "Westshire",
        "--type", "Academy converter", "--type", "voluntary aided school",
    )  # fmt: skip
    assert set(School.objects.values_list("urn", flat=True)) == {200001, 200002}
    assert "3 of other establishment types" in capsys.readouterr().out


def test_without_a_filter_a_bad_row_anywhere_stops_the_import_with_its_line(gias):
    # The first school's street has a quoted line break: the Eastshire row is on line 8.
    with pytest.raises(CommandError) as error:
        call_command("import_schools", str(gias))
    assert "Line 8: unknown phase of education “Unknown phase”" in str(error.value)
    assert not School.objects.exists()


def test_a_bad_row_inside_the_chosen_area_stops_the_import(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(gias_bytes([*ROWS, school(200009, "Bad", pupils="lots")]))
    with pytest.raises(CommandError, match="Line 10: NumberOfPupils “lots” is not a whole number"):
        call_command("import_schools", str(path), "--la", "Westshire")
    assert not School.objects.exists()


def test_an_authority_not_in_the_file_imports_nothing(gias):
    with pytest.raises(CommandError, match="No schools in the file match"):
        call_command("import_schools", str(gias), "--la", "Northshire")


# ------------------------------------------------------------ preview and confirm


def _held_schools():
    """Two Westshire schools already held: one renamed since, one open that GIAS closed."""
    district = factories.DistrictFactory(name="Ashby Vale")
    factories.SchoolFactory(urn=200002, name="Ashby Vale High", district=district,
                            phase="secondary", postcode="WS2 7CD", number_of_pupils=1104,
                            easting=413000, northing=288000)  # fmt: skip
    factories.SchoolFactory(urn=200003, name="Brackenfield Infant School", is_open=True)


def test_the_preview_lists_what_would_be_added_changed_and_closed(coordinator):
    _held_schools()
    upload = services.upload_gias(gias_bytes(), file_name="gias.csv", by=coordinator)
    assert [a["name"] for a in upload.authorities] == ["Eastshire", "Westshire"]
    assert {t["name"]: t["count"] for t in upload.types}["Community school"] == 3
    plan = services.preview_gias(upload, authorities=["Westshire"], types=[])
    assert {row["urn"] for row in plan.added} == {200001, 200004, 200005}
    changes = {c["urn"]: c["changes"] for c in plan.changed}
    assert changes[200002] == {"name": ["Ashby Vale High", "Ashby Vale Academy"]}
    assert changes[200003]["is_open"] == [True, False]
    assert [c["urn"] for c in plan.closed] == [200003]
    assert plan.outside_area == 2
    assert School.objects.count() == 2  # nothing changed yet

    result = services.confirm_gias(upload, by=coordinator)
    assert (result.created, result.updated, result.closed) == (3, 2, 1)
    assert set(School.objects.values_list("urn", flat=True)) == WESTSHIRE
    assert School.objects.get(urn=200002).name == "Ashby Vale Academy"
    assert not School.objects.get(urn=200003).is_open
    upload.refresh_from_db()
    assert upload.status == SchoolImport.Status.APPLIED
    assert bytes(upload.rows) == b""  # the parsed file is not kept once applied
    entry = ModelLogEntry.objects.get(action="schools.import.applied")
    assert entry.user_id == coordinator.pk
    assert entry.data["added"] == 3 and entry.data["authorities"] == ["Westshire"]


def test_the_stored_upload_holds_no_head_teachers_names(coordinator):
    upload = services.upload_gias(gias_bytes(), file_name="gias.csv", by=coordinator)
    assert "Siân".encode() not in bytes(upload.rows)
    assert b"Neill" not in services.imports.zlib.decompress(bytes(upload.rows))


def test_a_confirmation_applies_once(coordinator):
    upload = services.upload_gias(gias_bytes(), file_name="gias.csv", by=coordinator)
    services.preview_gias(upload, authorities=["Westshire"], types=[])
    services.confirm_gias(upload, by=coordinator)
    with pytest.raises(services.SchoolImportError) as error:
        services.confirm_gias(upload, by=coordinator)
    assert error.value.code == "import_applied"
    assert School.objects.count() == 5


def test_a_change_after_the_preview_is_shown_before_anything_is_applied(coordinator):
    upload = services.upload_gias(gias_bytes(), file_name="gias.csv", by=coordinator)
    services.preview_gias(upload, authorities=["Westshire"], types=[])
    factories.SchoolFactory(urn=200001, name="Added by hand meanwhile")
    with pytest.raises(services.SchoolImportError) as error:
        services.confirm_gias(upload, by=coordinator)
    assert error.value.code == "preview_out_of_date"
    assert School.objects.count() == 1
    upload.refresh_from_db()
    plan = services.stored_plan(upload)
    assert 200001 in [c["urn"] for c in plan.changed]  # the new preview shows it
    services.confirm_gias(upload, by=coordinator)
    assert School.objects.get(urn=200001).name.startswith("St Thérèse")


def test_abandoned_uploads_are_deleted_after_a_day(coordinator):
    upload = services.upload_gias(gias_bytes(), file_name="gias.csv", by=coordinator)
    assert services.purge_abandoned_imports(timezone.now()) == 0
    assert services.purge_abandoned_imports(timezone.now() + timedelta(days=2)) == 1
    assert not SchoolImport.objects.filter(pk=upload.pk).exists()


# ------------------------------------------------------------ pages


def test_the_pages_take_a_coordinator_from_upload_to_import(client, coordinator):
    factories.SchoolFactory(urn=200003, name="Brackenfield Infant School", is_open=True)
    client.force_login(coordinator)
    data = gias_bytes([*ROWS, school(300003, "Eastfield Academy", la=EAST, district="Eastgate")])
    upload = SimpleUploadedFile("edubasealldata.csv", data, content_type="text/csv")
    response = client.post(reverse("schools:gias_upload"), {"file": upload})
    row = SchoolImport.objects.get()
    assert response.url == reverse("schools:gias_choose", args=[row.token])
    page = client.get(response.url).content.decode()
    assert "Westshire (880): 5 rows" in page and "Eastshire (881): 3 rows" in page

    refused = client.post(response.url, {"authorities": []})
    assert "Select the local authorities whose schools to import" in refused.content.decode()
    assert School.objects.count() == 1

    preview = client.post(response.url, {"authorities": ["Westshire"]}, follow=True)
    text = preview.content.decode()
    assert "Check the changes before you import" in text
    assert "St Thérèse’s Catholic Primary School" in text
    assert "Open: yes to no" in text
    assert School.objects.count() == 1
    done = client.post(reverse("schools:gias_preview", args=[row.token]), follow=True)
    assert "Schools imported" in done.content.decode()
    assert set(School.objects.values_list("urn", flat=True)) == WESTSHIRE


def test_a_file_that_is_not_from_gias_is_refused_at_the_field(client, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("schools.csv", b"name,postcode\r\nA,B\r\n", content_type="text/csv")
    response = client.post(reverse("schools:gias_upload"), {"file": upload})
    assert response.status_code == 200
    assert "missing columns: URN" in response.content.decode()
    assert not SchoolImport.objects.exists()


@pytest.mark.parametrize("who", ["school_staff", "presenter", "other_coordinator"])
def test_only_the_coordinator_who_uploaded_sees_the_upload(client, coordinator, who):
    upload = services.upload_gias(gias_bytes(), file_name="gias.csv", by=coordinator)
    person = {
        "school_staff": lambda: factories.school_staff(),
        "presenter": lambda: factories.presenter(),
        "other_coordinator": lambda: factories.coordinator(),
    }[who]()
    client.force_login(person)
    expected = 404 if who == "other_coordinator" else 403
    assert client.get(reverse("schools:gias_choose", args=[upload.token])).status_code == expected
    if who != "other_coordinator":
        assert client.get(reverse("schools:gias_upload")).status_code == 403


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_import_once(coordinator):
    upload = services.upload_gias(gias_bytes(), file_name="gias.csv", by=coordinator)
    services.preview_gias(upload, authorities=["Westshire"], types=[])
    outcomes = race(
        2, lambda i: services.confirm_gias(SchoolImport.objects.get(pk=upload.pk), by=coordinator)
    )
    refused = [o for o in outcomes if isinstance(o, services.SchoolImportError)]
    assert [error.code for error in refused] == ["import_applied"], outcomes
    assert School.objects.count() == 5
    assert ModelLogEntry.objects.filter(action="wagtail.create").count() == 5
