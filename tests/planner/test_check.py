"""The rule check catches each broken rule on a plan that was otherwise good."""

from dataclasses import replace

import pytest

from schools.planner import Unplaced, Visit
from schools.planner.check import violations
from schools.planner.greedy import greedy
from tests.planner.county import MONDAY, TUESDAY, aim, presenter, problem, school, session

COUNTY = problem(
    schools=[school(1), school(2, place=(10_000, 0)), school(3, year_groups=frozenset({1}))],
    sessions=[session(1), session(2, title="Online safety", year_groups=frozenset({5}))],
    presenters=[presenter(1, daily_max=2), presenter(2, place=(5_000, 0), qualified=(2,))],
    days=(MONDAY, TUESDAY),
    aims=[aim(schools=(1, 2))],
)


@pytest.fixture
def plan():
    result = greedy(COUNTY)
    assert violations(COUNTY, result) == []
    assert len(result.visits) == 2
    return result


def _with_first(plan, **changes):
    first = replace(plan.visits[0], **changes)
    return replace(plan, visits=(first, *plan.visits[1:]))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"day": MONDAY.replace(day=30)}, "not an open day"),
        ({"presenter_id": 2}, "not qualified"),
        ({"start": 8 * 60, "end": 9 * 60}, "outside the school day"),
        ({"end": 9 * 60 + 30}, "not the session's length"),
        ({"school_id": 3}, "does not teach the year group"),
        ({"year_group": 5}, "not the aim's year group"),
        ({"pupils": 101}, "pupils, not the year group's size"),
        ({"miles": 99.0}, "not the round trip"),
        ({"presenter_id": 42}, "unknown school, session, presenter or aim"),
    ],
)
def test_a_broken_visit_is_named(plan, changes, expected):
    found = violations(COUNTY, _with_first(plan, **changes))
    assert any(expected in line for line in found), found


def test_a_closed_school_an_away_presenter_and_a_day_off_are_caught(plan):
    day = plan.visits[0].day
    county = replace(
        COUNTY,
        schools=(replace(COUNTY.schools[0], closed_days=frozenset({day})), *COUNTY.schools[1:]),
        presenters=(
            replace(
                COUNTY.presenters[0], unavailable=frozenset({day}), working_weekdays=frozenset({6})
            ),
            COUNTY.presenters[1],
        ),
    )
    found = " ".join(violations(county, plan))
    assert "closed" in found and "away" in found and "does not work" in found


def test_too_many_visits_in_a_day_and_no_time_to_drive_are_caught(plan):
    a, b = plan.visits
    crowded = replace(plan, visits=(a, replace(b, day=a.day, start=a.end)))
    county = replace(
        COUNTY, presenters=(replace(COUNTY.presenters[0], daily_max=1), COUNTY.presenters[1])
    )
    found = " ".join(violations(county, crowded))
    assert "more than the daily maximum" in found
    assert "leave no time to drive" in found


def test_a_clash_with_a_booked_visit_is_caught(plan):
    first = plan.visits[0]
    booked = Visit(2, 9, frozenset({first.presenter_id}), first.day, first.start, first.end)
    found = violations(replace(COUNTY, booked=(booked,)), plan)
    assert any("overlap" in line for line in found)


def test_a_school_placed_twice_an_excluded_school_and_a_lost_lock_are_caught(plan):
    twice = replace(plan, visits=(plan.visits[0], plan.visits[0]))
    assert any("placed 2 times" in line for line in violations(COUNTY, twice))
    excluded = replace(COUNTY, excluded=frozenset({(plan.visits[0].aim, plan.visits[0].school_id)}))
    assert any("removed it" in line for line in violations(excluded, plan))
    locked = replace(
        COUNTY, locked=(replace(plan.visits[0], start=13 * 60, end=14 * 60, locked=True),)
    )
    assert any("locked visit was changed" in line for line in violations(locked, plan))


def test_a_school_neither_placed_nor_explained_is_caught(plan):
    found = violations(COUNTY, replace(plan, visits=plan.visits[:1]))
    assert any("neither placed nor explained" in line for line in found)
    explained = replace(plan, visits=plan.visits[:1], unplaced=(Unplaced("Knife crime", 2, " "),))
    assert any("no reason given" in line for line in violations(COUNTY, explained))


def test_totals_that_do_not_add_up_are_caught(plan):
    found = violations(COUNTY, replace(plan, pupils_reached=1, weighted_pupils=1, miles=0.0))
    assert len(found) == 3
