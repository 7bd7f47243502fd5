"""Presenters' own unavailability: adding and removing it."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from schools.models import Unavailability
from schools.services import LONDON

from . import strategies as s
from .checks import (
    Change,
    Outcomes,
    assert_sound,
    logged,
    querydict,
)
from .routes import fuzzes

pytestmark = pytest.mark.django_db


def _days(*offsets):
    today = timezone.localdate()
    return s.date(st.sampled_from([(today + timedelta(days=n)).isoformat() for n in offsets]))


@fuzzes("schools:unavailability")
def test_recording_unavailability(people):
    outcomes = Outcomes()

    @s.FUZZ
    @given(
        who=s.mostly(st.just(people.presenter), st.just(people.staff_a)),
        data=s.form(
            {
                "start": _days(1, 7),
                "end": _days(7, 10),
                "reason": s.mostly(st.sampled_from(["", "Court"]), s.hostile_text()),
            }
        ),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post("/availability/", data)
            if response.status_code == 302:
                entry = Unavailability.objects.get(presenter=who)
                assert entry.start < entry.end
                assert entry.reason == querydict(data).get("reason", "").strip()
                first = s.posted_date(data, "start")
                assert entry.start == datetime.combine(first, datetime.min.time(), LONDON)
                attempt.accepted({"schools.Unavailability": Change(added=1), **logged()})
                assert_sound(attempt.client.get(response.url))
            else:
                attempt.refused()

    today = timezone.localdate()
    baseline = {
        **dict(s.date_pairs("start", today.isoformat())),
        **dict(s.date_pairs("end", today.isoformat())),
        "reason": "Leave",
    }
    cases = s.sharp(baseline, date=["start", "end"], text=["reason"])
    run = s.with_cases(run, [{"who": people.presenter, "data": c} for c in cases])
    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:unavailability_delete")
def test_removing_unavailability(people):
    outcomes = Outcomes()
    now = timezone.now()
    mine = Unavailability.objects.create(
        presenter=people.presenter, start=now, end=now + timedelta(days=1)
    )
    theirs = Unavailability.objects.create(
        presenter=people.other_presenter, start=now, end=now + timedelta(days=1)
    )

    @s.FUZZ
    @given(
        pk=s.mostly(st.just(mine.pk), s.ids(theirs)),
        data=s.form({"confirm": st.just("yes")}),
        method=st.sampled_from(["post", "post", "get"]),
    )
    def run(pk, data, method):
        with outcomes.attempt(people.presenter) as attempt:
            path = f"/availability/{pk}/delete/"
            response = attempt.post(path, data) if method == "post" else attempt.get(path)
            if not Unavailability.objects.filter(pk=mine.pk).exists():
                assert response.status_code == 302
                attempt.accepted({"schools.Unavailability": Change(removed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")
