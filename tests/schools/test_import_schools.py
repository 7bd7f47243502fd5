"""`manage.py import_schools` reads GIAS's own CSV: Windows-1252, every field quoted, many columns."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from schools.models import District, School
from tests import factories

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "gias_sample.csv"


def test_the_sample_is_in_gias_encoding():
    data = SAMPLE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "St Mary’s" in data.decode("cp1252")


def test_imports_schools_with_phases_districts_and_open_status(capsys):
    call_command("import_schools", str(SAMPLE))
    st_marys = School.objects.get(urn=103456)
    assert st_marys.name == "St Mary’s Church of England Primary School"
    assert st_marys.phase == School.Phase.PRIMARY
    assert st_marys.district.name == "Ashby Vale"
    assert st_marys.postcode == "WS1 4AB"
    assert st_marys.number_of_pupils == 412
    assert st_marys.is_open
    academy = School.objects.get(urn=137001)
    assert academy.is_open  # "Open, but proposed to close" is still open
    assert academy.postcode == "WS2 7CD"
    closed = School.objects.get(urn=120999)
    assert not closed.is_open
    assert closed.number_of_pupils is None
    assert School.objects.get(urn=145000).phase == School.Phase.MIDDLE
    assert set(District.objects.values_list("name", flat=True)) == {
        "Ashby Vale",
        "Brackenfield",
        "Coldharbour",
    }
    assert "4 schools added" in capsys.readouterr().out


def test_running_again_updates_and_never_duplicates(capsys):
    factories.SchoolFactory(urn=103456, name="Old name", number_of_pupils=1)
    call_command("import_schools", str(SAMPLE))
    call_command("import_schools", str(SAMPLE))
    assert School.objects.count() == 4
    assert School.objects.get(urn=103456).name.startswith("St Mary’s")
    assert "0 schools added, 0 updated, 4 unchanged" in capsys.readouterr().out


def test_a_bad_row_stops_the_whole_import_with_its_line_number(tmp_path):
    text = SAMPLE.read_bytes().decode("cp1252")
    lines = text.split("\r\n")
    lines[3] = lines[3].replace('"Closed"', '"Shut"')
    lines[4] = lines[4].replace('"544"', '"about 500"')
    bad = tmp_path / "bad.csv"
    bad.write_bytes("\r\n".join(lines).encode("cp1252"))
    with pytest.raises(CommandError) as error:
        call_command("import_schools", str(bad))
    message = str(error.value)
    assert "Nothing was imported" in message
    assert "Line 4: unknown establishment status “Shut”" in message
    assert "Line 5: NumberOfPupils “about 500” is not a whole number" in message
    assert not School.objects.exists()


def test_line_numbers_count_quoted_line_breaks(tmp_path):
    text = SAMPLE.read_bytes().decode("cp1252")
    text = text.replace('"Brackenfield, North"', '"Brackenfield\r\nNorth"')
    text = text.replace('"Middle deemed secondary"', '"Upper"')
    path = tmp_path / "multiline.csv"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(CommandError, match="Line 6: unknown phase of education “Upper”"):
        call_command("import_schools", str(path))


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes(b'"URN","EstablishmentName"\r\n"1","A school"\r\n')
    with pytest.raises(CommandError, match="missing columns: PhaseOfEducation"):
        call_command("import_schools", str(path))


def test_a_repeated_urn_is_refused(tmp_path):
    text = SAMPLE.read_bytes().decode("cp1252")
    lines = text.split("\r\n")
    path = tmp_path / "repeat.csv"
    path.write_bytes("\r\n".join([*lines[:3], lines[1], *lines[3:]]).encode("cp1252"))
    with pytest.raises(CommandError, match="Line 4: URN 103456 also appears on line 2"):
        call_command("import_schools", str(path))


def test_utf8_files_are_read_too(tmp_path):
    path = tmp_path / "utf8.csv"
    path.write_bytes(SAMPLE.read_bytes().decode("cp1252").encode("utf-8-sig"))
    call_command("import_schools", str(path))
    assert School.objects.get(urn=103456).name.startswith("St Mary’s")


def test_a_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_schools", "/nonexistent/edubase.csv")
