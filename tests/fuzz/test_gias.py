"""The GIAS import's three steps, sent hostile files, choices and confirmations:
an upload is kept only when it is a GIAS file, a preview only for areas in it,
and a confirmation writes exactly the schools the preview showed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from schools import services
from schools.models import School, SchoolImport
from tests.schools.gias_file import HEADER, ROWS, gias_bytes

from . import strategies as s
from .checks import Change, Outcomes, logged
from .routes import fuzzes

pytestmark = pytest.mark.django_db

REAL_HEADER = ",".join(f'"{c}"' for c in HEADER)


def _who(people):
    return s.mostly(st.just(people.coordinator), st.sampled_from([people.presenter, people.dsl_a]))


@fuzzes("schools:gias_upload")
def test_uploading_a_gias_file(people):
    outcomes = Outcomes()

    @s.FUZZ
    @given(
        who=_who(people),
        header=s.mostly(st.just(REAL_HEADER), s.hostile_text()),
        rows=st.lists(s.mostly(st.just("real"), s.hostile_text()), max_size=4),
        name=s.mostly(st.just("edubasealldata.csv"), st.sampled_from(["gias.xlsx", "x", ".csv"])),
    )
    def run(who, header, rows, name):
        lines = [header]
        for row in rows:
            if row == "real":
                lines.append(gias_bytes(ROWS[:1]).decode("cp1252").split("\r\n")[1])
            else:
                lines.append(row)
        data = "\r\n".join(lines).encode("utf-8", "surrogatepass")
        with outcomes.attempt(who) as attempt:
            upload = SimpleUploadedFile(name, data, content_type="text/csv")
            response = attempt.client.post("/schools/import/", {"file": upload})
            attempt.response = response
            if response.status_code == 302:
                assert SchoolImport.objects.get().uploaded_by == people.coordinator
                attempt.accepted({"schools.SchoolImport": Change(added=1)})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:gias_choose")
def test_choosing_the_authorities(people):
    outcomes = Outcomes()
    upload = services.upload_gias(gias_bytes(), file_name="gias.csv", by=people.coordinator)
    path = f"/schools/import/{upload.token}/"

    @s.FUZZ
    @given(
        who=_who(people),
        data=s.form(
            {
                "authorities": s.mostly(
                    st.sampled_from(["Westshire", "Eastshire"]), s.hostile_text()
                ),
                "types": s.mostly(
                    st.sampled_from(["", "Community school", "Further education"]),
                    s.hostile_text(),
                ),
            }
        ),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(path, data)
            if response.status_code == 302:
                assert SchoolImport.objects.get().status == SchoolImport.Status.PREVIEWED
                attempt.accepted({"schools.SchoolImport": Change(changed=1)})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:gias_preview")
def test_confirming_an_import(people):
    outcomes = Outcomes()
    upload = services.upload_gias(gias_bytes(), file_name="gias.csv", by=people.coordinator)
    services.preview_gias(upload, authorities=["Westshire"], types=[])
    path = f"/schools/import/{upload.token}/preview/"
    held = School.objects.count()

    @s.FUZZ
    @given(
        who=_who(people), data=st.lists(st.tuples(s.hostile_text(), s.hostile_text()), max_size=3)
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(path, data)
            if response.status_code == 302:
                assert School.objects.count() == held + 5
                attempt.accepted(
                    {
                        "schools.School": Change(added=5),
                        "schools.District": Change(added=2),
                        "schools.SchoolImport": Change(changed=1),
                        **logged(6),
                    }
                )
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")
