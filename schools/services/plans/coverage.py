"""What a plan would reach if every offer were accepted, beside what it has reached
so far (offers accepted: visits scheduled or delivered), aim by aim."""

from __future__ import annotations

from dataclasses import dataclass

from schools.models import Booking, PlannedVisit, School, TermPlan

from .problem import pupils_per_year

ACCEPTED = (Booking.Status.SCHEDULED, Booking.Status.DELIVERED)


@dataclass(frozen=True)
class Reach:
    aim: str
    schools: int  # the schools the aim named
    pupils: int  # their pupils of the year group, estimated
    planned_schools: int
    planned_pupils: int
    accepted_schools: int
    accepted_pupils: int

    @property
    def planned_share(self) -> float:
        return self.planned_schools / self.schools if self.schools else 0.0

    @property
    def accepted_share(self) -> float:
        return self.accepted_schools / self.schools if self.schools else 0.0


def plan_coverage(plan: TermPlan) -> list[Reach]:
    """One row per aim, and a last row for the whole plan (schools counted once)."""
    visits = list(plan.visits.filter(removed=False).select_related("booking"))
    all_ids = {pk for aim in plan.aims for pk in aim.get("school_ids", [])}
    sizes = {s.pk: pupils_per_year(s) for s in School.objects.filter(pk__in=all_ids)}
    rows, totals = [], {"named": set(), "pupils": 0, "planned": {}, "accepted": {}}
    for aim in plan.aims:
        label = aim.get("label", "")
        named = set(aim.get("school_ids", []))
        mine = [v for v in visits if v.aim == label]
        planned = {v.school_id: v.pupils for v in mine}
        accepted = {v.school_id: v.pupils for v in mine if _accepted(v)}
        pupils = sum(sizes.get(pk, 0) for pk in named)
        rows.append(_reach(label, named, pupils, planned, accepted))
        totals["named"] |= named
        totals["pupils"] += pupils
        for key, found in (("planned", planned), ("accepted", accepted)):
            for pk, count in found.items():
                totals[key][(label, pk)] = count
    rows.append(
        Reach(
            aim="All aims",
            schools=len(totals["named"]),
            pupils=totals["pupils"],
            planned_schools=len({pk for _, pk in totals["planned"]}),
            planned_pupils=sum(totals["planned"].values()),
            accepted_schools=len({pk for _, pk in totals["accepted"]}),
            accepted_pupils=sum(totals["accepted"].values()),
        )
    )
    return rows


def _accepted(visit: PlannedVisit) -> bool:
    return visit.booking is not None and visit.booking.status in ACCEPTED


def _reach(label, named, pupils, planned, accepted) -> Reach:
    return Reach(
        aim=label,
        schools=len(named),
        pupils=pupils,
        planned_schools=len(planned),
        planned_pupils=sum(planned.values()),
        accepted_schools=len(accepted),
        accepted_pupils=sum(accepted.values()),
    )
