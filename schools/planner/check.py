"""Every rule a plan must keep, checked on the plan alone, written apart from the code
that makes plans so that a mistake there is caught here.

`violations(problem, plan)` returns one plain sentence per broken rule, or [].
"""

import math
from collections import Counter, defaultdict

from schools.planner.distance import AVERAGE_MPH, METRES_PER_MILE, ROAD_FACTOR
from schools.planner.problem import Plan, Problem, ProposedVisit


def _drive_minutes(a, b) -> int:
    if a is None or b is None:
        return 0
    miles = ROAD_FACTOR * math.hypot(a[0] - b[0], a[1] - b[1]) / METRES_PER_MILE
    return math.ceil(miles * 60 / AVERAGE_MPH - 1e-9)


def _name(v: ProposedVisit) -> str:
    return f"{v.aim} at school {v.school_id} on {v.day.isoformat()}"


def violations(problem: Problem, plan: Plan) -> list[str]:
    found = []
    known = _Known(problem)
    for visit in plan.visits:
        found += _visit(problem, known, visit)
    found += _days(problem, plan)
    found += _pairs(problem, plan)
    found += _totals(problem, plan)
    return found


class _Known:
    def __init__(self, problem: Problem):
        self.schools = {s.id: s for s in problem.schools}
        self.sessions = {s.id: s for s in problem.sessions}
        self.presenters = {p.id: p for p in problem.presenters}
        self.aims = {a.name: a for a in problem.aims}


def _visit(problem: Problem, known: _Known, v: ProposedVisit) -> list[str]:  # noqa: C901 - one line per rule
    school, session = known.schools.get(v.school_id), known.sessions.get(v.session_id)
    presenter, aim = known.presenters.get(v.presenter_id), known.aims.get(v.aim)
    if not (school and session and presenter and aim):
        return [f"{_name(v)}: unknown school, session, presenter or aim"]
    found = []
    if v.day not in problem.days:
        found.append(f"{_name(v)}: not an open day of the term")
    if v.day in school.closed_days:
        found.append(f"{_name(v)}: the school is closed that day")
    if v.day.weekday() not in presenter.working_weekdays:
        found.append(f"{_name(v)}: presenter {presenter.id} does not work that weekday")
    if v.day in presenter.unavailable:
        found.append(f"{_name(v)}: presenter {presenter.id} is away that day")
    if session.id not in presenter.qualified_sessions:
        found.append(f"{_name(v)}: presenter {presenter.id} is not qualified for the session")
    if v.start < problem.day_starts or v.end > problem.day_ends:
        found.append(f"{_name(v)}: outside the school day")
    if v.end - v.start != session.duration_minutes:
        found.append(f"{_name(v)}: not the session's length")
    if v.school_id not in aim.school_ids or v.session_id != aim.session_id:
        found.append(f"{_name(v)}: not what the aim asks for")
    if v.year_group != aim.year_group:
        found.append(f"{_name(v)}: not the aim's year group")
    if v.year_group not in session.year_groups:
        found.append(f"{_name(v)}: the session does not suit the year group")
    if v.year_group not in school.year_groups:
        found.append(f"{_name(v)}: the school does not teach the year group")
    if v.pupils != min(school.pupils_per_year, session.max_audience):
        found.append(
            f"{_name(v)}: {v.pupils} pupils, not the year group's size capped by the session"
        )
    if not v.locked:
        there = ROAD_FACTOR * math.dist(presenter.place, school.place) / METRES_PER_MILE
        if abs(v.miles - 2 * there) > 0.06:
            found.append(
                f"{_name(v)}: {v.miles} miles, not the round trip from the presenter's base"
            )
    return found


def _days(problem: Problem, plan: Plan) -> list[str]:
    """Daily maximum, and time to drive between any two of a presenter's visits that day."""
    places = {s.id: s.place for s in problem.schools}
    daily_max = {p.id: p.daily_max for p in problem.presenters}
    days = defaultdict(list)  # (presenter, day) -> [(start, end, place, planned)]
    for v in plan.visits:
        days[(v.presenter_id, v.day)].append((v.start, v.end, places.get(v.school_id), True))
    for b in problem.booked:
        for presenter_id in b.presenter_ids:
            if (presenter_id, b.day) in days:
                days[(presenter_id, b.day)].append((b.start, b.end, places.get(b.school_id), False))
    found = []
    for (presenter_id, day), items in sorted(days.items()):
        if len(items) > daily_max.get(presenter_id, 0):
            found.append(
                f"presenter {presenter_id} on {day}: {len(items)} visits, more than the daily maximum"
            )
        for n, a in enumerate(items):
            for b in items[n + 1 :]:
                if not (a[3] or b[3]):
                    continue  # two booked visits: not the plan's doing
                gap = _drive_minutes(a[2], b[2])
                if not (a[1] + gap <= b[0] or b[1] + gap <= a[0]):
                    found.append(
                        f"presenter {presenter_id} on {day}: visits at {a[0]} and {b[0]} overlap "
                        f"or leave no time to drive {gap} minutes between them"
                    )
    return found


def _pairs(problem: Problem, plan: Plan) -> list[str]:
    found = []
    placed = Counter((v.aim, v.school_id) for v in plan.visits)
    found += [
        f"{aim} at school {school}: placed {n} times"
        for (aim, school), n in placed.items()
        if n > 1
    ]
    for visit in plan.visits:
        if (visit.aim, visit.school_id) in problem.excluded and visit not in problem.locked:
            found.append(f"{_name(visit)}: the coordinator removed it from the plan")
    found += [
        f"{_name(v)}: a locked visit was changed or dropped"
        for v in problem.locked
        if v not in plan.visits
    ]
    wanted = {(a.name, s) for a in problem.aims for s in a.school_ids}
    left = Counter((u.aim, u.school_id) for u in plan.unplaced)
    for key in sorted(wanted):
        if placed[key] + left[key] != 1:
            found.append(f"{key[0]} at school {key[1]}: neither placed nor explained exactly once")
    found += [
        f"{u.aim} at school {u.school_id}: no reason given"
        for u in plan.unplaced
        if not u.reason.strip()
    ]
    return found


def _totals(problem: Problem, plan: Plan) -> list[str]:
    weights = {a.name: a.weight for a in problem.aims}
    found = []
    if plan.pupils_reached != sum(v.pupils for v in plan.visits):
        found.append("the plan's pupils reached is not the sum of its visits")
    if plan.weighted_pupils != sum(v.pupils * weights.get(v.aim, 1) for v in plan.visits):
        found.append("the plan's weighted pupils is not the sum of its visits")
    if abs(plan.miles - sum(v.miles for v in plan.visits)) > 0.05 * (1 + len(plan.visits)):
        found.append("the plan's miles is not the sum of its visits")
    return found
