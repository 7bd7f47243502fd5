"""The plan as a CP-SAT model: one yes-or-no choice per pair, presenter and day
(or, for a large county, per pair and presenter, the day found afterwards).

Times of day are left out of the model: the days' visits are few (a presenter's
daily maximum), so solve.py times each day afterwards and, in the rare day where
the visits cannot be driven between, forbids that set and asks again. Two visits
that could never share a day, however it is timed, are kept apart in the model.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from schools.planner.distance import travel_minutes
from schools.planner.rules import GRID_MINUTES, Diary, Index, Option, Pair

VARIABLE_BUDGET = 20_000  # past this many pair-presenter-day choices, days are left open


@dataclass
class Choice:
    pair: int  # index into the pairs
    option: Option
    var: cp_model.IntVar


@dataclass
class Model:
    cp: cp_model.CpModel
    pairs: list[Pair]
    choices: list[Choice]
    weighted: cp_model.IntVar
    miles: cp_model.IntVar
    busiest: cp_model.IntVar
    coarse: bool  # days left open (a large county)
    by_day: dict[tuple[int, date], list[Choice]] = field(default_factory=dict)

    def hint(self, chosen: set[tuple[int, int, date]]) -> None:
        self.cp.ClearHints()
        for choice in self.choices:
            key = (choice.pair, choice.option.presenter.id, choice.option.day)
            self.cp.AddHint(choice.var, key in chosen)


def choices_needed(pairs: list[Pair], index: Index) -> int:
    """How many pair-presenter-day choices the full model would have, at most."""
    return sum(
        len(index.working_days(presenter))
        for pair in pairs
        for presenter in index.qualified[pair.session.id]
    )


def _room(index: Index, diary: Diary, presenter_id: int, day: date | None) -> int:
    presenter = index.presenters[presenter_id]
    if day is not None:
        return diary.room(presenter, day)
    return sum(max(0, diary.room(presenter, d)) for d in index.working_days(presenter))


def never_together(a: Pair, b: Pair, length: int) -> bool:
    """Whether two visits cannot share an otherwise empty day in either order."""
    travel = travel_minutes(a.school.place, b.school.place)

    def fits(first: Pair, second: Pair) -> bool:
        gap = first.session.duration_minutes + travel
        return (
            math.ceil(gap / GRID_MINUTES) * GRID_MINUTES + second.session.duration_minutes <= length
        )

    return not (fits(a, b) or fits(b, a))


def build(
    pairs: list[Pair], opts: list[list[Option]], index: Index, diary: Diary, coarse: bool
) -> Model:
    cp = cp_model.CpModel()
    choices = []
    for i, pair_opts in enumerate(opts):
        for option in pair_opts:
            choices.append(
                Choice(i, option, cp.NewBoolVar(f"p{i}_{option.presenter.id}_{option.day}"))
            )
    by_pair, by_day, by_presenter = defaultdict(list), defaultdict(list), defaultdict(list)
    for choice in choices:
        by_pair[choice.pair].append(choice.var)
        by_day[(choice.option.presenter.id, choice.option.day)].append(choice)
        by_presenter[choice.option.presenter.id].append(choice.var)
    for variables in by_pair.values():
        cp.AddAtMostOne(variables)
    for (presenter_id, day), day_choices in by_day.items():
        room = _room(index, diary, presenter_id, day)
        if len(day_choices) > room:
            cp.Add(sum(c.var for c in day_choices) <= room)
    _keep_apart(cp, pairs, by_day, index, diary)
    weighted = cp.NewIntVar(0, sum(p.value for p in pairs), "weighted")
    cp.Add(weighted == sum(pairs[c.pair].value * c.var for c in choices))
    miles_bound = sum(max((round(o.miles) for o in pair_opts), default=0) for pair_opts in opts)
    miles = cp.NewIntVar(0, miles_bound, "miles")
    cp.Add(miles == sum(round(c.option.miles) * c.var for c in choices))
    most = len(pairs) + len(index.problem.locked)
    busiest = cp.NewIntVar(0, most, "busiest")
    for presenter_id, variables in by_presenter.items():
        cp.Add(sum(variables) + diary.visits[presenter_id] <= busiest)
    # Lexicographic by weights: one weighted pupil outweighs any miles, one mile any spread.
    per_mile = most + 1
    per_pupil = (miles_bound + 1) * per_mile
    cp.Maximize(per_pupil * weighted - per_mile * miles - busiest)
    return Model(cp, pairs, choices, weighted, miles, busiest, coarse, dict(by_day))


def _keep_apart(cp, pairs, by_day, index: Index, diary: Diary) -> None:
    """Two visits that could never share a day are never given the same presenter-day."""
    length = index.problem.day_ends - index.problem.day_starts
    apart: dict[tuple[int, int], bool] = {}
    for (presenter_id, day), day_choices in by_day.items():
        if day is None or len(day_choices) < 2 or diary.slots.get((presenter_id, day)):
            continue  # one visit, or fixed visits in the day: the timing step checks these
        if diary.room(index.presenters[presenter_id], day) < 2:
            continue
        for n, a in enumerate(day_choices):
            for b in day_choices[n + 1 :]:
                key = (min(a.pair, b.pair), max(a.pair, b.pair))
                if key not in apart:
                    apart[key] = never_together(pairs[a.pair], pairs[b.pair], length)
                if apart[key]:
                    cp.AddBoolOr([a.var.Not(), b.var.Not()])
