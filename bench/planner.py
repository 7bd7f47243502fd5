"""Time to plan a term, and how good the plan is: the greedy baseline against CP-SAT.

    .venv/bin/python bench/planner.py [--limit SECONDS] [--only demo|county]

Two synthetic counties, each from a fixed seed so every run plans the same one:
the demo county (40 schools, 6 presenters, 3 aims) and a county of 400 schools
and 30 presenters, both within about 40 km on the grid, a term of 60 open days,
and a few visits already booked; then the large county again with only ten open
days, so that not every school can be reached and the weights decide. Each is planned by greedy() and by solve() in the
same run; the figures are printed side by side (busiest: the most visits any one
presenter has), with the rule check's verdict.
"""

import argparse
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from schools.planner import Aim, Presenter, Problem, School, Session, Visit  # noqa: E402
from schools.planner.check import violations  # noqa: E402
from schools.planner.greedy import greedy  # noqa: E402
from schools.planner.solve import solve  # noqa: E402

ORIGIN = (420_000, 560_000)  # somewhere in the north of England
SPAN = 40_000  # metres
SESSIONS = (
    Session(1, "Knife crime workshop", frozenset({"knife crime"}), frozenset({8, 9, 10}), 90, 60),
    Session(
        2, "Online safety assembly", frozenset({"online safety"}), frozenset(range(3, 7)), 45, 120
    ),
    Session(
        3, "Exploitation awareness", frozenset({"exploitation"}), frozenset({9, 10, 11}), 60, 30
    ),
)


def term(open_days: int) -> tuple[date, ...]:
    days, day = [], date(2027, 1, 4)
    while len(days) < open_days:
        if day.weekday() < 5 and not (date(2027, 2, 15) <= day <= date(2027, 2, 19)):
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def _place(rng: random.Random, towns) -> tuple[float, float]:
    town = rng.choice(towns)
    return (
        min(max(town[0] + rng.gauss(0, 3_000), ORIGIN[0]), ORIGIN[0] + SPAN),
        min(max(town[1] + rng.gauss(0, 3_000), ORIGIN[1]), ORIGIN[1] + SPAN),
    )


def county(schools: int, presenters: int, seed: int, open_days: int = 60) -> Problem:
    rng = random.Random(seed)
    days = term(open_days)
    towns = [(ORIGIN[0] + rng.uniform(0, SPAN), ORIGIN[1] + rng.uniform(0, SPAN)) for _ in range(8)]
    districts = [f"District {n}" for n in range(1, 7)]
    school_list = []
    for n in range(1, schools + 1):
        secondary = rng.random() < 0.18
        school_list.append(
            School(
                id=n,
                name=f"School {n}",
                phase="secondary" if secondary else "primary",
                year_groups=frozenset(range(7, 12) if secondary else range(0, 7)),
                pupils_per_year=rng.randint(120, 240) if secondary else rng.randint(15, 60),
                district=rng.choice(districts),
                place=_place(rng, towns),
                closed_days=frozenset(rng.sample(days, rng.randint(0, 3))),
            )
        )
    presenter_list = []
    for n in range(1, presenters + 1):
        qualified = frozenset(s.id for s in SESSIONS if rng.random() < 0.6) or frozenset({1})
        presenter_list.append(
            Presenter(
                id=n,
                name=f"Presenter {n}",
                qualified_sessions=qualified,
                place=_place(rng, towns),
                working_weekdays=frozenset(rng.sample(range(5), rng.choice((3, 4, 5)))),
                daily_max=rng.choice((1, 2, 2, 3)),
                unavailable=frozenset(rng.sample(days, rng.randint(0, min(10, len(days) // 4)))),
            )
        )
    secondaries = [s for s in school_list if s.phase == "secondary"]
    primaries = [s for s in school_list if s.phase == "primary"]
    priority = set(districts[:2])
    aims = (
        Aim("Knife crime, Year 9", 1, 9, frozenset(s.id for s in secondaries), weight=2),
        Aim(
            "Online safety, Year 5", 2, 5, frozenset(s.id for s in primaries if rng.random() < 0.8)
        ),
        Aim(
            "Exploitation, Year 10 in priority districts",
            3,
            10,
            frozenset(s.id for s in secondaries if s.district in priority),
            weight=3,
        ),
    )
    booked = []
    for _ in range(schools // 8):
        presenter = rng.choice(presenter_list)
        start = rng.choice((9 * 60, 11 * 60, 13 * 60))
        booked.append(
            Visit(
                rng.choice(school_list).id,
                99,
                frozenset({presenter.id}),
                rng.choice(days),
                start,
                start + 60,
            )
        )
    return Problem(tuple(school_list), SESSIONS, tuple(presenter_list), days, aims, tuple(booked))


def row(label: str, plan, seconds: float, problem: Problem) -> str:
    broken = violations(problem, plan)
    busiest = max(Counter(v.presenter_id for v in plan.visits).values(), default=0)
    return (
        f"{label:<8}{seconds:>9.1f}{plan.weighted_pupils:>11,}{plan.pupils_reached:>9,}"
        f"{plan.miles:>10,.0f}{len(plan.visits):>8}{len(plan.unplaced):>10}{busiest:>9}"
        f"  {plan.status or '-'}{'  BROKEN: ' + broken[0] if broken else ''}"
    )


def run(name: str, problem: Problem, limit: float) -> None:
    wanted = sum(len(a.school_ids) for a in problem.aims)
    print(
        f"\n{name}: {len(problem.schools)} schools, {len(problem.presenters)} presenters, "
        f"{len(problem.aims)} aims asking for {wanted} visits, {len(problem.days)} open days, "
        f"{len(problem.booked)} visits already booked"
    )
    print(
        f"{'plan':<8}{'seconds':>9}{'weighted':>11}{'pupils':>9}{'miles':>10}{'visits':>8}{'unplaced':>10}  status"
    )
    started = time.perf_counter()
    baseline = greedy(problem)
    print(row("greedy", baseline, time.perf_counter() - started, problem))
    started = time.perf_counter()
    plan = solve(problem, time_limit_seconds=limit)
    print(row("cp-sat", plan, time.perf_counter() - started, problem))
    print(f"         {plan.stats}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--limit", type=float, default=45, help="the solver's time limit in seconds"
    )
    parser.add_argument("--only", choices=("demo", "county", "fortnight"))
    args = parser.parse_args()
    if args.only in (None, "demo"):
        run("Demo county", county(40, 6, seed=1), args.limit)
    if args.only in (None, "county"):
        run("Large county", county(400, 30, seed=2), args.limit)
    if args.only in (None, "fortnight"):
        run(
            "Large county, a fortnight (not every school can be reached)",
            county(400, 30, seed=2, open_days=10),
            args.limit,
        )


if __name__ == "__main__":
    main()
