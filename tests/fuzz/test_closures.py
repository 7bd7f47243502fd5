"""Closed days: a school's own INSET days (added and removed by its staff) and the
coordinators' term-dates file."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from schools.models import ClosedDays

from . import strategies as s
from .checks import Change, Outcomes, logged, querydict
from .routes import fuzzes

pytestmark = pytest.mark.django_db


def _days(*offsets):
    today = timezone.localdate()
    return s.date(st.sampled_from([(today + timedelta(days=n)).isoformat() for n in offsets]))


@fuzzes("schools:school_closures")
def test_adding_a_schools_inset_day(people):
    outcomes = Outcomes()
    path = f"/schools/{people.school_a.urn}/closed-days/"

    @s.FUZZ
    @given(
        who=s.mostly(st.just(people.staff_a), st.sampled_from([people.staff_b, people.presenter])),
        data=s.form(
            {
                "first_day": _days(-3, 20, 30),
                "last_day": _days(30, 31),
                "name": s.mostly(st.sampled_from(["", "INSET day"]), s.hostile_text()),
            }
        ),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(path, data)
            if response.status_code == 302:
                row = ClosedDays.objects.get()
                assert row.school == people.school_a
                assert row.first_day <= row.last_day
                assert row.first_day >= timezone.localdate()
                assert row.name == (querydict(data).get("name", "").strip() or "INSET day")
                attempt.accepted({"schools.ClosedDays": Change(added=1), **logged()})
            else:
                attempt.refused()

    today = timezone.localdate()
    baseline = {
        **dict(s.date_pairs("first_day", (today + timedelta(days=20)).isoformat())),
        **dict(s.date_pairs("last_day", "")),
        "name": "INSET day",
    }
    cases = s.sharp(baseline, date=["first_day", "last_day"], text=["name"])
    run = s.with_cases(run, [{"who": people.staff_a, "data": c} for c in cases])
    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:school_closure_delete")
def test_removing_a_schools_inset_day(people):
    outcomes = Outcomes()
    day = timezone.localdate() + timedelta(days=20)
    ours = ClosedDays.objects.create(
        name="INSET day", kind="inset", first_day=day, last_day=day, school=people.school_a
    )
    theirs = ClosedDays.objects.create(
        name="INSET day", kind="inset", first_day=day, last_day=day, school=people.school_b
    )
    everyone = ClosedDays.objects.create(name="Half term", first_day=day, last_day=day)

    @s.FUZZ
    @given(
        pk=s.mostly(st.just(ours.pk), s.ids(theirs, everyone)),
        method=st.sampled_from(["post", "post", "get"]),
    )
    def run(pk, method):
        with outcomes.attempt(people.staff_a) as attempt:
            path = f"/schools/{people.school_a.urn}/closed-days/{pk}/delete/"
            response = attempt.post(path, []) if method == "post" else attempt.get(path)
            if not ClosedDays.objects.filter(pk=ours.pk).exists():
                assert response.status_code == 302
                attempt.accepted({"schools.ClosedDays": Change(removed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


ROW = st.tuples(
    s.mostly(st.sampled_from(["Half term", "INSET day"]), s.hostile_text()),
    s.mostly(st.sampled_from(["holiday", "inset", ""]), s.hostile_text()),
    s.mostly(st.sampled_from(["2027-10-25", "25/10/2027"]), s.dates()),
    s.mostly(st.sampled_from(["2027-10-29"]), s.dates()),
    s.mostly(st.just(""), s.hostile(extra=["0", "99999999999999999999"])),
)


def _csv(header, rows):
    lines = [header] + [",".join(f'"{v}"' for v in row) for row in rows]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@fuzzes("schools:closed_days_import")
def test_importing_term_dates(people):
    outcomes = Outcomes()

    @s.FUZZ
    @given(
        header=s.mostly(st.just("name,kind,first_day,last_day,school_urn"), s.hostile_text()),
        rows=st.lists(ROW, max_size=4),
        name=s.mostly(st.just("dates.csv"), st.sampled_from(["dates.xlsx", "x", ".csv"])),
    )
    def run(header, rows, name):
        with outcomes.attempt(people.coordinator) as attempt:
            upload = SimpleUploadedFile(name, _csv(header, rows), content_type="text/csv")
            response = attempt.client.post("/term-dates/import/", {"file": upload})
            attempt.response = response
            if response.status_code == 302:
                added = ClosedDays.objects.count()
                assert 1 <= added <= len(rows)
                attempt.accepted({"schools.ClosedDays": Change(added=added), **logged(added)})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")
