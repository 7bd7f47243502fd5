"""A simple baseline: the pair worth most first, on the earliest day it fits, with
the nearest qualified presenter free that day. It keeps every rule the solver
keeps, and the solver starts from its plan."""

import time

from schools.planner.assemble import Placement, make_plan
from schools.planner.distance import road_miles
from schools.planner.problem import Plan, Problem, Unplaced
from schools.planner.rules import (
    ALL_BUSY,
    TAKEN,
    Diary,
    Index,
    Pair,
    options,
    pairs_to_place,
)


def greedy(problem: Problem) -> Plan:
    started = time.perf_counter()
    index = Index(problem)
    pairs, unplaced = pairs_to_place(index)
    placements, left = place_greedily(pairs, index, Diary(index))
    unplaced += explain(left, index, TAKEN)
    stats = {"seconds": round(time.perf_counter() - started, 3), "pairs": len(pairs)}
    return make_plan(index, placements, unplaced, "greedy", "GREEDY", stats)


def place_greedily(
    pairs: list[Pair], index: Index, diary: Diary
) -> tuple[list[Placement], list[Pair]]:
    """Places what it can of `pairs` into `diary` (which it fills), most valuable first."""
    placements, left = [], []
    for pair in sorted(pairs, key=lambda p: -p.value):
        placement = _first_fit(pair, index, diary)
        if placement is None:
            left.append(pair)
            continue
        end = placement.start + pair.session.duration_minutes
        diary.add(placement.presenter.id, placement.day, pair.school.place, placement.start, end)
        placements.append(placement)
    return placements, left


def _first_fit(pair: Pair, index: Index, diary: Diary) -> Placement | None:
    presenters = sorted(
        index.qualified[pair.session.id], key=lambda p: road_miles(p.place, pair.school.place)
    )
    duration = pair.session.duration_minutes
    for day in index.problem.days:
        if day in pair.school.closed_days:
            continue
        for presenter in presenters:
            if not index.works_on(presenter, day) or diary.room(presenter, day) <= 0:
                continue
            start = diary.earliest_start(presenter.id, day, pair.school.place, duration)
            if start is not None:
                return Placement(pair, presenter, day, start)
    return None


def explain(left: list[Pair], index: Index, crowded_out: str) -> list[Unplaced]:
    """Why each pair left over was not placed: nobody could ever take it, or the
    time that could have taken it went elsewhere (`crowded_out`)."""
    fresh = Diary(index)
    return [
        Unplaced(
            pair.aim.name, pair.school.id, crowded_out if options(pair, index, fresh) else ALL_BUSY
        )
        for pair in left
    ]
