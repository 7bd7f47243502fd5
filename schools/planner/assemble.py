"""Turning placed pairs into a `Plan`, the same way for the solver and the baseline."""

from dataclasses import dataclass
from datetime import date

from schools.planner.distance import round_trip_miles
from schools.planner.problem import Plan, Presenter, ProposedVisit, Unplaced
from schools.planner.rules import Index, Pair


@dataclass(frozen=True)
class Placement:
    pair: Pair
    presenter: Presenter
    day: date
    start: int

    def visit(self) -> ProposedVisit:
        pair = self.pair
        return ProposedVisit(
            aim=pair.aim.name,
            school_id=pair.school.id,
            session_id=pair.session.id,
            year_group=pair.aim.year_group,
            presenter_id=self.presenter.id,
            day=self.day,
            start=self.start,
            end=self.start + pair.session.duration_minutes,
            pupils=pair.pupils,
            miles=round_trip_miles(self.presenter.place, pair.school.place),
        )


def make_plan(  # noqa: PLR0913 - the parts of a plan, each from a different step
    index: Index,
    placements: list[Placement],
    unplaced: list[Unplaced],
    solver: str,
    status: str,
    stats: dict,
) -> Plan:
    visits = list(index.problem.locked) + [p.visit() for p in placements]
    visits.sort(key=lambda v: (v.day, v.presenter_id, v.start, v.school_id))
    weights = {aim.name: aim.weight for aim in index.problem.aims}
    order = {aim.name: i for i, aim in enumerate(index.problem.aims)}
    unplaced.sort(key=lambda u: (order.get(u.aim, len(order)), u.school_id))
    return Plan(
        visits=tuple(visits),
        unplaced=tuple(unplaced),
        pupils_reached=sum(v.pupils for v in visits),
        weighted_pupils=sum(v.pupils * weights.get(v.aim, 1) for v in visits),
        miles=round(sum(v.miles for v in visits), 1),
        solver=solver,
        status=status,
        stats=stats,
    )
