"""The term plan from CP-SAT: most weighted pupils, then fewest miles, then the
fairest spread of visits between presenters (docs/planning.md).

The greedy baseline's plan is the solver's starting point, so the solver's plan
is never worse than it. Times of day are found after each solve; a day whose
visits cannot be driven between is forbidden and the model solved again, and
whatever is still loose at the end is fitted in greedily.
"""

import threading
import time
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from schools.planner.assemble import Placement, make_plan
from schools.planner.greedy import explain, place_greedily
from schools.planner.model import VARIABLE_BUDGET, Model, build, choices_needed
from schools.planner.problem import Plan, Problem
from schools.planner.rules import (
    OUT_OF_TIME,
    TAKEN,
    Diary,
    Index,
    Pair,
    fit_day,
    options,
    pairs_to_place,
)

Progress = Callable[[float, str], None]
MAX_ROUNDS = 5  # solves with a forbidden day added, before the rest is fitted greedily
PROGRESS_SECONDS = 0.5  # how often the search's latest improvement is passed on


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Keeps the latest improvement found; CP-SAT calls this from its own thread."""

    def __init__(self, model: Model, started: float, limit: float):
        super().__init__()
        self.model, self.started, self.limit = model, started, limit
        self.latest: tuple[float, str] | None = None

    def on_solution_callback(self) -> None:
        elapsed = time.perf_counter() - self.started
        fraction = 0.1 + 0.85 * min(1.0, elapsed / self.limit)
        weighted, miles = self.Value(self.model.weighted), self.Value(self.model.miles)
        message = f"Found a plan reaching {weighted:,} weighted pupils in {miles:,} miles"
        self.latest = (fraction, message)


def _run(solver: cp_model.CpSolver, model: Model, reporter: _Reporter, progress: Progress) -> int:
    """Solves in a thread of its own and passes improvements to `progress` on the
    caller's thread (where a Django task can write them with its own connection)."""
    outcome = {}

    def search() -> None:
        try:
            outcome["status"] = solver.Solve(model.cp, reporter)
        except Exception as error:  # raised again on the caller's thread below
            outcome["error"] = error

    worker = threading.Thread(target=search, name="term-planner")
    worker.start()
    told = None
    while worker.is_alive():
        worker.join(PROGRESS_SECONDS)
        if reporter.latest is not None and reporter.latest != told:
            told = reporter.latest
            progress(*told)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["status"]


def solve(
    problem: Problem,
    *,
    time_limit_seconds: float = 30,
    progress: Progress | None = None,
    workers: int = 2,
) -> Plan:
    started = time.perf_counter()
    deadline = started + time_limit_seconds
    report = progress or (lambda fraction, message: None)
    index = Index(problem)
    pairs, unplaced = pairs_to_place(index)
    report(0.0, f"Looking at {len(pairs)} school visits the aims ask for")
    baseline, _ = place_greedily(pairs, index, Diary(index))
    position = {pair.key: i for i, pair in enumerate(pairs)}
    start_from = {(position[p.pair.key], p.presenter.id, p.day) for p in baseline}
    fixed, coarse = Diary(index), choices_needed(pairs, index) > VARIABLE_BUDGET
    opts = [options(pair, index, fixed, any_day=coarse) for pair in pairs]
    if coarse:
        start_from = {(i, presenter_id, None) for i, presenter_id, _ in start_from}
    model = build(pairs, opts, index, Diary(index), coarse)
    report(0.1, f"Searching {len(model.choices):,} possible visits")
    status, chosen, rounds = _search(
        model, start_from, deadline, workers, report, started, Diary(index)
    )
    placements, diary = (_dated if coarse else _timed)(pairs, chosen, index)
    if len(placements) < len(chosen) and status == "OPTIMAL":
        status = "FEASIBLE"  # a chosen visit found no time, so the best is no longer known
    picked = {pair_index for pair_index, _, _ in chosen}
    loose = [p for i, p in enumerate(pairs) if i not in picked and opts[i]]
    extra, _ = place_greedily(loose, index, diary)
    placements += extra
    if _score(baseline) > _score(placements):
        placements = baseline
        status = f"{status} (no better than the starting plan)"
    placed = {p.pair.key for p in placements}
    left = [p for p in pairs if p.key not in placed]
    unplaced += explain(left, index, TAKEN if status == "OPTIMAL" else OUT_OF_TIME)
    stats = {
        "seconds": round(time.perf_counter() - started, 2),
        "pairs": len(pairs),
        "choices": len(model.choices),
        "days_found_after": coarse,
        "rounds": rounds,
        "fitted_after": len(extra),
    }
    report(1.0, "Plan ready")
    return make_plan(index, placements, unplaced, "cp-sat", status, stats)


def _score(placements: list[Placement]) -> tuple[int, float]:
    return (sum(p.pair.value for p in placements), -sum(p.visit().miles for p in placements))


def _search(model: Model, start_from, deadline, workers, report, started, base: Diary):
    """Solves until every chosen day can be timed, or rounds or time run out."""
    status_name, chosen, rounds = "UNKNOWN", set(start_from), 0
    if not model.choices:
        return "OPTIMAL", set(), 0
    while rounds < MAX_ROUNDS:
        remaining = deadline - time.perf_counter()
        if remaining <= 0.2:
            break
        rounds += 1
        model.hint(chosen)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = remaining
        solver.parameters.num_workers = workers
        # The term's days are alike, so symmetry detection and probing cost more
        # in presolve than they give back in search (docs/planning.md).
        solver.parameters.symmetry_level = 0
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.max_presolve_iterations = 1
        status = _run(solver, model, _Reporter(model, started, deadline - started), report)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        status_name = solver.StatusName(status)
        chosen = {
            (c.pair, c.option.presenter.id, c.option.day)
            for c in model.choices
            if solver.BooleanValue(c.var)
        }
        crowded = _untimeable(model, solver, base)
        if not crowded:
            return status_name, chosen, rounds
        for day_vars in crowded:
            model.cp.AddBoolOr([v.Not() for v in day_vars])
        status_name = "FEASIBLE"  # a day had to be dropped; no longer known to be the best
    return status_name, chosen, rounds


def _untimeable(model: Model, solver, base: Diary) -> list[list]:
    """The chosen visits of each presenter-day that cannot be timed around each other
    and around what is fixed in that day."""
    crowded = []
    for key, day_choices in model.by_day.items():
        on = [c for c in day_choices if solver.BooleanValue(c.var)]
        if len(on) < 2 or key[1] is None:
            continue
        pairs = [model.pairs[c.pair] for c in on]
        visits = [(p.school.place, p.session.duration_minutes) for p in pairs]
        if fit_day(base.slots.get(key, []), visits, base.index.problem) is None:
            crowded.append([c.var for c in on])
    return crowded


def _timed(pairs: list[Pair], chosen, index: Index) -> tuple[list[Placement], Diary]:
    """Start times for the chosen visits; a day that will not fit loses its least
    valuable visits until it does. Returns the placements and the filled diary."""
    diary = Diary(index)
    days = defaultdict(list)
    for pair_index, presenter_id, day in chosen:
        days[(presenter_id, day)].append(pairs[pair_index])
    placements = []
    for (presenter_id, day), day_pairs in sorted(days.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        day_pairs.sort(key=lambda p: -p.value)
        presenter = index.presenters[presenter_id]
        while day_pairs:
            fixed = diary.slots.get((presenter_id, day), [])
            visits = [(p.school.place, p.session.duration_minutes) for p in day_pairs]
            starts = fit_day(fixed, visits, index.problem)
            if starts is not None:
                break
            day_pairs.pop()
        for pair, start in zip(day_pairs, starts or [], strict=False):
            placements.append(Placement(pair, presenter, day, start))
        for placement in placements[len(placements) - len(day_pairs) :]:
            end = placement.start + placement.pair.session.duration_minutes
            diary.add(presenter_id, day, placement.pair.school.place, placement.start, end)
    return placements, diary


def _dated(pairs: list[Pair], chosen, index: Index) -> tuple[list[Placement], Diary]:
    """Days and times for visits chosen with the day left open: each presenter's
    visits, those with the fewest open days first, on the earliest day they fit.
    A visit that fits nowhere is left for the greedy fill."""
    diary = Diary(index)
    placements = []
    by_presenter = defaultdict(list)
    for pair_index, presenter_id, _ in chosen:
        by_presenter[presenter_id].append(pairs[pair_index])
    for presenter_id, presenter_pairs in sorted(by_presenter.items()):
        presenter = index.presenters[presenter_id]
        days = index.working_days(presenter)
        presenter_pairs.sort(
            key=lambda p: (sum(d not in p.school.closed_days for d in days), -p.value)
        )
        for pair in presenter_pairs:
            for day in days:
                if day in pair.school.closed_days or diary.room(presenter, day) <= 0:
                    continue
                duration = pair.session.duration_minutes
                start = diary.earliest_start(presenter_id, day, pair.school.place, duration)
                if start is not None:
                    diary.add(presenter_id, day, pair.school.place, start, start + duration)
                    placements.append(Placement(pair, presenter, day, start))
                    break
    return placements, diary
