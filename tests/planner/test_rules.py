"""Each rule a plan keeps, shown on a county small enough to see the one right
answer; both the solver and the greedy baseline must keep every one."""

import sys
import threading
from dataclasses import replace

import pytest

from schools.planner import ProposedVisit, Visit
from schools.planner.check import violations
from schools.planner.greedy import greedy
from schools.planner.rules import ALREADY_BOOKED, NO_OPEN_DAY, NOT_QUALIFIED, REMOVED
from schools.planner.solve import solve
from tests.planner.county import (
    MONDAY,
    TUESDAY,
    WEDNESDAY,
    aim,
    presenter,
    problem,
    school,
    session,
)


def _solve(p):
    return solve(p, time_limit_seconds=10)


def _solve_days_after(p):
    """The large-county model: presenters chosen by the solver, days found afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys.modules[solve.__module__], "VARIABLE_BUDGET", 0)
        result = solve(p, time_limit_seconds=10)
    assert result.stats.get("choices", 0) == 0 or result.stats["days_found_after"]
    return result


@pytest.fixture(
    params=[_solve, _solve_days_after, greedy], ids=["cp-sat", "cp-sat-days-after", "greedy"]
)
def plan(request):
    def run(p):
        result = request.param(p)
        assert violations(p, result) == []
        return result

    return run


def test_a_visit_goes_on_an_open_day_the_school_is_not_closed(plan):
    result = plan(
        problem(schools=[school(closed_days=frozenset({MONDAY}))], days=(MONDAY, TUESDAY))
    )
    assert [v.day for v in result.visits] == [TUESDAY]


def test_a_visit_goes_on_a_day_the_presenter_works_and_is_not_away(plan):
    p = problem(
        presenters=[
            presenter(working_weekdays=frozenset({1, 2}), unavailable=frozenset({TUESDAY}))
        ],
        days=(MONDAY, TUESDAY, WEDNESDAY),
    )
    assert [v.day for v in plan(p).visits] == [WEDNESDAY]


def test_only_a_qualified_presenter_gives_the_session(plan):
    p = problem(presenters=[presenter(1, qualified=(2,)), presenter(2, place=(30_000, 0))])
    assert [v.presenter_id for v in plan(p).visits] == [2]


def test_with_nobody_qualified_the_plan_says_so(plan):
    result = plan(problem(presenters=[presenter(qualified=(2,))]))
    assert result.visits == ()
    assert [u.reason for u in result.unplaced] == [NOT_QUALIFIED]


def test_a_presenter_never_does_more_than_the_daily_maximum(plan):
    schools = [school(1), school(2, place=(1_000, 0))]
    result = plan(
        problem(schools=schools, presenters=[presenter(daily_max=1)], aims=[aim(schools=(1, 2))])
    )
    assert len(result.visits) == 1
    assert len(result.unplaced) == 1
    assert (
        "presenters' free days" in result.unplaced[0].reason
        or "ran out of time" in result.unplaced[0].reason
    )


def test_a_visit_leaves_time_after_a_booked_visit_to_drive_there(plan):
    # Booked 09:00 to 13:00 at a school 15 km away: about 12 road miles, 30 minutes.
    booked = Visit(2, 7, frozenset({1}), MONDAY, 9 * 60, 13 * 60)
    schools = [school(1), school(2, place=(15_000, 0))]
    result = plan(problem(schools=schools, booked=(booked,)))
    assert [(v.start, v.end) for v in result.visits] == [(13 * 60 + 30, 14 * 60 + 30)]


def test_two_visits_in_a_day_leave_time_to_drive_between_them(plan):
    # 30 km apart: 24.2 road miles, 59 minutes at 25 mph; the next start is on the grid.
    schools = [school(1), school(2, place=(30_000, 0))]
    p = problem(schools=schools, aims=[aim(schools=(1, 2))], day_ends=12 * 60)
    starts = sorted(v.start for v in plan(p).visits)
    assert starts == [9 * 60, 11 * 60]


def test_two_visits_too_far_apart_for_one_short_day_are_not_both_placed(plan):
    schools = [school(1), school(2, place=(32_000, 0))]
    p = problem(schools=schools, aims=[aim(schools=(1, 2))], day_ends=12 * 60)
    assert len(plan(p).visits) == 1


def test_a_visit_fits_the_school_day_and_lasts_the_session(plan):
    p = problem(sessions=[session(duration_minutes=90)], day_starts=10 * 60, day_ends=12 * 60)
    (visit,) = plan(p).visits
    assert (visit.start, visit.end) == (10 * 60, 11 * 60 + 30)


def test_a_session_longer_than_the_school_day_is_explained(plan):
    result = plan(problem(sessions=[session(duration_minutes=400)]))
    assert [u.reason for u in result.unplaced] == ["the session is longer than the school day"]


def test_pupils_are_the_year_group_up_to_the_session_audience(plan):
    small, large = school(1, pupils_per_year=40), school(2, pupils_per_year=220)
    result = plan(
        problem(
            schools=[small, large], aims=[aim(schools=(1, 2))], presenters=[presenter(daily_max=2)]
        )
    )
    assert sorted(v.pupils for v in result.visits) == [40, 100]
    assert result.pupils_reached == 140


def test_a_school_that_does_not_teach_the_year_group_is_explained(plan):
    result = plan(problem(schools=[school(year_groups=frozenset(range(0, 7)))]))
    assert [u.reason for u in result.unplaced] == ["the school does not teach Year 9"]


def test_a_session_not_meant_for_the_year_group_is_explained(plan):
    result = plan(problem(aims=[aim(year_group=7)]))
    assert [u.reason for u in result.unplaced] == ["Knife crime workshop is not meant for Year 7"]


def test_one_visit_per_aim_and_school_however_much_room(plan):
    p = problem(presenters=[presenter(1), presenter(2)], days=(MONDAY, TUESDAY, WEDNESDAY))
    assert len(plan(p).visits) == 1


def test_an_excluded_school_is_left_out_and_says_why(plan):
    result = plan(problem(excluded=frozenset({("Knife crime", 1)})))
    assert result.visits == ()
    assert [u.reason for u in result.unplaced] == [REMOVED]


def test_a_school_already_booked_for_the_session_is_not_visited_again(plan):
    booked = Visit(1, 1, frozenset({1}), MONDAY, 9 * 60, 10 * 60)
    result = plan(problem(days=(MONDAY, TUESDAY), booked=(booked,)))
    assert [u.reason for u in result.unplaced] == [ALREADY_BOOKED]


def test_a_locked_visit_is_kept_exactly_and_its_presenter_is_busy(plan):
    locked = ProposedVisit(
        "Knife crime", 1, 1, 9, 1, MONDAY, 9 * 60, 15 * 60, 100, 0.0, locked=True
    )
    p = problem(
        schools=[school(1), school(2, place=(1_000, 0))],
        sessions=[session(duration_minutes=360)],
        aims=[aim(schools=(1, 2))],
        presenters=[presenter(daily_max=2)],
        days=(MONDAY, TUESDAY),
        locked=(locked,),
    )
    result = plan(p)
    assert locked in result.visits
    (other,) = [v for v in result.visits if not v.locked]
    assert (other.school_id, other.day) == (2, TUESDAY)


def test_a_plan_with_no_open_day_explains_every_school(plan):
    p = problem(schools=[school(1), school(2)], aims=[aim(schools=(1, 2))], days=())
    result = plan(p)
    assert result.visits == ()
    assert [u.reason for u in result.unplaced] == [NO_OPEN_DAY, NO_OPEN_DAY]


def test_a_plan_where_everyone_is_away_explains_itself(plan):
    p = problem(presenters=[presenter(unavailable=frozenset({MONDAY}))])
    (left,) = plan(p).unplaced
    assert left.reason.startswith("every qualified presenter is busy, away or not working")


def test_the_solver_reaches_the_most_weighted_pupils_first():
    schools = [school(1, pupils_per_year=100), school(2, pupils_per_year=60)]
    aims = [aim("Plain", schools=(1,)), aim("Priority", schools=(2,), weight=3)]
    result = solve(
        problem(schools=schools, aims=aims, presenters=[presenter(daily_max=1)]),
        time_limit_seconds=10,
    )
    assert [v.aim for v in result.visits] == ["Priority"]
    assert result.weighted_pupils == 180


def test_the_solver_sends_the_nearest_qualified_presenter():
    presenters = [presenter(1, place=(20_000, 0)), presenter(2, place=(2_000, 0))]
    result = solve(problem(presenters=presenters), time_limit_seconds=10)
    assert [v.presenter_id for v in result.visits] == [2]
    assert result.miles == pytest.approx(2 * 1.3 * 2_000 / 1609.344, abs=0.05)


def test_the_solver_shares_work_between_presenters_when_miles_are_equal():
    schools = [school(n, place=(n * 100.0, 0)) for n in range(1, 5)]
    base = presenter(1, place=(250.0, 0), daily_max=4)
    p = problem(
        schools=schools,
        aims=[aim(schools=range(1, 5))],
        presenters=[base, replace(base, id=2, name="Presenter 2")],
    )
    result = solve(p, time_limit_seconds=10)
    assert sorted(v.presenter_id for v in result.visits) == [1, 1, 2, 2]


def test_the_solver_reports_its_progress_on_the_callers_thread():
    seen = []

    def progress(fraction, message):
        seen.append((fraction, message, threading.get_ident()))

    schools = [school(n, place=(n * 3_000.0, 0)) for n in range(1, 7)]
    presenters = [presenter(1), presenter(2, place=(20_000, 0))]
    p = problem(
        schools=schools,
        presenters=presenters,
        aims=[aim(schools=range(1, 7))],
        days=(MONDAY, TUESDAY),
    )
    solve(p, time_limit_seconds=10, progress=progress)
    assert seen[0][:2] == (0.0, "Looking at 6 school visits the aims ask for")
    assert seen[-1][:2] == (1.0, "Plan ready")
    assert [f for f, _, _ in seen] == sorted(f for f, _, _ in seen)
    assert {thread for _, _, thread in seen} == {threading.get_ident()}


def test_the_solver_reaches_a_school_the_greedy_baseline_crowds_out():
    # Greedy gives the bigger school the nearest presenter, the only one who can
    # also give the second session; the solver sends the other presenter instead.
    schools = [school(1, pupils_per_year=100), school(2, pupils_per_year=90)]
    sessions = [session(1), session(2, title="Exploitation awareness")]
    presenters = [
        presenter(1, qualified=(1, 2), daily_max=1),
        presenter(2, place=(20_000, 0), daily_max=1),
    ]
    aims = [aim("Knife crime", 1, schools=(1,)), aim("Exploitation", 2, schools=(2,))]
    p = problem(schools=schools, sessions=sessions, presenters=presenters, aims=aims)
    baseline, plan = greedy(p), solve(p, time_limit_seconds=10)
    assert (baseline.pupils_reached, plan.pupils_reached) == (100, 190)
    assert {(v.school_id, v.presenter_id) for v in plan.visits} == {(1, 2), (2, 1)}
    assert violations(p, plan) == []


def test_with_no_time_to_search_the_solver_returns_the_baseline_and_says_so():
    schools = [school(1), school(2, place=(1_000, 0))]
    p = problem(schools=schools, aims=[aim(schools=(1, 2))], presenters=[presenter(daily_max=1)])
    plan = solve(p, time_limit_seconds=0)
    assert violations(p, plan) == []
    assert len(plan.visits) == 1
    assert (plan.status, plan.stats["rounds"]) == ("UNKNOWN", 0)
    assert [u.reason for u in plan.unplaced] == ["the planner ran out of time before placing it"]
