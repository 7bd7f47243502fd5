"""Random small counties: every plan keeps every rule, the solver never does worse
than the greedy baseline, and a locked visit survives asking again."""

import sys
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schools.planner import Aim, Presenter, Problem, School, Session, Visit
from schools.planner.check import violations
from schools.planner.greedy import greedy
from schools.planner.solve import solve
from tests.planner.county import MONDAY

places = st.tuples(st.integers(0, 40_000), st.integers(0, 40_000))
years = st.integers(0, 11)


def _subset(draw, items):
    return frozenset(draw(st.sets(st.sampled_from(items)))) if items else frozenset()


@st.composite
def counties(draw) -> Problem:
    days = tuple(MONDAY + timedelta(days=n) for n in range(draw(st.integers(0, 4))))
    sessions = [
        Session(
            id=n,
            title=f"Session {n}",
            topics=frozenset(),
            year_groups=frozenset(draw(st.sets(years, min_size=1, max_size=4))),
            duration_minutes=draw(st.sampled_from((30, 45, 60, 90, 120))),
            max_audience=draw(st.integers(10, 120)),
        )
        for n in range(1, draw(st.integers(1, 2)) + 1)
    ]
    session_ids = [s.id for s in sessions]
    schools = [
        School(
            id=n,
            name=f"School {n}",
            phase="primary",
            year_groups=frozenset(draw(st.sets(years, min_size=1, max_size=7))),
            pupils_per_year=draw(st.integers(1, 200)),
            district="North",
            place=draw(places),
            closed_days=_subset(draw, days),
        )
        for n in range(1, draw(st.integers(1, 6)) + 1)
    ]
    school_ids = [s.id for s in schools]
    presenters = [
        Presenter(
            id=n,
            name=f"Presenter {n}",
            qualified_sessions=_subset(draw, session_ids),
            place=draw(places),
            working_weekdays=frozenset(draw(st.sets(st.integers(0, 4), min_size=1))),
            daily_max=draw(st.integers(1, 3)),
            unavailable=_subset(draw, days),
        )
        for n in range(1, draw(st.integers(1, 3)) + 1)
    ]
    aims = []
    for n in range(1, draw(st.integers(1, 2)) + 1):
        session = draw(st.sampled_from(sessions))
        year = draw(st.one_of(st.sampled_from(sorted(session.year_groups)), years))
        targets = frozenset(draw(st.sets(st.sampled_from(school_ids), min_size=1)))
        aims.append(Aim(f"Aim {n}", session.id, year, targets, draw(st.integers(1, 3))))
    booked = []
    for _ in range(draw(st.integers(0, 2)) if days else 0):
        start = draw(st.sampled_from((540, 600, 660, 780)))
        who = frozenset({draw(st.sampled_from([p.id for p in presenters]))})
        booked.append(
            Visit(
                draw(st.sampled_from(school_ids)),
                99,
                who,
                draw(st.sampled_from(days)),
                start,
                start + 60,
            )
        )
    pairs = sorted((a.name, s) for a in aims for s in a.school_ids)
    return Problem(
        schools=tuple(schools),
        sessions=tuple(sessions),
        presenters=tuple(presenters),
        days=days,
        aims=tuple(aims),
        booked=tuple(booked),
        excluded=frozenset(draw(st.sets(st.sampled_from(pairs), max_size=1))),
        day_ends=draw(st.sampled_from((12 * 60, 15 * 60))),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counties())
def test_every_plan_keeps_every_rule_and_the_solver_beats_greedy(problem):
    baseline = greedy(problem)
    plan = solve(problem, time_limit_seconds=5)
    assert violations(problem, baseline) == []
    assert violations(problem, plan) == []
    assert plan.weighted_pupils >= baseline.weighted_pupils
    with pytest.MonkeyPatch.context() as patch:  # the large-county model, days found after
        patch.setattr(sys.modules[solve.__module__], "VARIABLE_BUDGET", 0)
        days_after = solve(problem, time_limit_seconds=5)
    assert violations(problem, days_after) == []
    assert days_after.weighted_pupils >= baseline.weighted_pupils
    if plan.visits:
        locked = replace(plan.visits[0], locked=True)
        again = solve(replace(problem, locked=(locked,)), time_limit_seconds=5)
        assert violations(replace(problem, locked=(locked,)), again) == []
        assert locked in again.visits
