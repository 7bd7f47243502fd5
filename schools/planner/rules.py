"""The rules a proposed visit must meet, shared by the solver and the greedy baseline.

`Index` looks things up; `pairs_to_place` turns the aims into the (aim, school)
pairs still to place, with a plain reason for each that cannot be; `options`
lists where and when one pair could go given what is fixed; `Diary` holds each
presenter's days as visits are added and finds a start time that leaves room to
travel. check.py checks the same rules again without using this module.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import permutations

from schools.planner.distance import round_trip_miles, travel_minutes
from schools.planner.problem import Aim, Presenter, Problem, School, Session, Unplaced

GRID_MINUTES = 30  # proposed visits start on the hour or half past

REMOVED = "removed from the plan by the coordinator"
ALREADY_BOOKED = "a visit with this session is already booked at the school this term"
NOT_QUALIFIED = "no presenter is qualified to give this session"
NO_OPEN_DAY = "the school has no open day in the term"
ALL_BUSY = "every qualified presenter is busy, away or not working on the days the school is open"
TAKEN = "the qualified presenters' free days went to visits reaching more pupils"
OUT_OF_TIME = "the planner ran out of time before placing it"


def year_label(year: int) -> str:
    return "Reception" if year == 0 else f"Year {year}"


def pupils_for(school: School, session: Session) -> int:
    """One year group at the school, up to the largest audience the session takes."""
    return min(school.pupils_per_year, session.max_audience)


@dataclass(frozen=True)
class Pair:
    """One school one aim wants reached, and what reaching it is worth."""

    aim: Aim
    school: School
    session: Session
    pupils: int

    @property
    def key(self) -> tuple[str, int]:
        return (self.aim.name, self.school.id)

    @property
    def value(self) -> int:
        return self.pupils * self.aim.weight


@dataclass(frozen=True)
class Slot:
    """Something in a presenter's day: a booked, locked or proposed visit."""

    place: tuple[float, float] | None
    start: int
    end: int


@dataclass(frozen=True)
class Option:
    presenter: Presenter
    day: date | None  # None: any day (the large-county model)
    miles: float


class Index:
    def __init__(self, problem: Problem):
        self.problem = problem
        self.schools = {s.id: s for s in problem.schools}
        self.sessions = {s.id: s for s in problem.sessions}
        self.presenters = {p.id: p for p in problem.presenters}
        self.aims = {a.name: a for a in problem.aims}
        self.days = frozenset(problem.days)
        self.booked_pairs = {(v.school_id, v.session_id) for v in problem.booked}
        self.locked_keys = {(v.aim, v.school_id) for v in problem.locked}
        self._working: dict[int, list[date]] = {}
        self.qualified = defaultdict(list)
        for presenter in problem.presenters:
            for session_id in presenter.qualified_sessions:
                self.qualified[session_id].append(presenter)

    def place_of(self, school_id: int) -> tuple[float, float] | None:
        school = self.schools.get(school_id)
        return school.place if school else None

    def working_days(self, presenter: Presenter) -> list[date]:
        """The term's days the presenter works and is not away, in order."""
        if presenter.id not in self._working:
            days = [d for d in self.problem.days if self.works_on(presenter, d)]
            self._working[presenter.id] = days
        return self._working[presenter.id]

    def works_on(self, presenter: Presenter, day: date) -> bool:
        return (
            day in self.days
            and day.weekday() in presenter.working_weekdays
            and day not in presenter.unavailable
        )


def _static_reason(index: Index, aim: Aim, school_id: int) -> str | None:
    school = index.schools.get(school_id)
    session = index.sessions.get(aim.session_id)
    year = year_label(aim.year_group)
    if school is None:
        return "the school is not in the planner's list of schools"
    if session is None:
        return "the session is not in the planner's list of sessions"
    if aim.year_group not in session.year_groups:
        return f"{session.title} is not meant for {year}"
    if aim.year_group not in school.year_groups:
        return f"the school does not teach {year}"
    if pupils_for(school, session) <= 0:
        return f"the school has no pupils recorded in {year}"
    if session.duration_minutes > index.problem.day_ends - index.problem.day_starts:
        return "the session is longer than the school day"
    if (aim.name, school_id) in index.problem.excluded:
        return REMOVED
    if (school_id, aim.session_id) in index.booked_pairs:
        return ALREADY_BOOKED
    if not index.qualified.get(aim.session_id):
        return NOT_QUALIFIED
    if all(day in school.closed_days for day in index.problem.days):
        return NO_OPEN_DAY
    return None


def pairs_to_place(index: Index) -> tuple[list[Pair], list[Unplaced]]:
    """Every (aim, school) pair not locked: those the plan may place, and those it cannot."""
    pairs, unplaced = [], []
    for aim in index.problem.aims:
        for school_id in sorted(aim.school_ids):
            if (aim.name, school_id) in index.locked_keys:
                continue
            reason = _static_reason(index, aim, school_id)
            if reason:
                unplaced.append(Unplaced(aim.name, school_id, reason))
                continue
            school, session = index.schools[school_id], index.sessions[aim.session_id]
            pairs.append(Pair(aim, school, session, pupils_for(school, session)))
    return pairs, unplaced


class Diary:
    """Each presenter's days: what is in them, and whether one more visit fits."""

    def __init__(self, index: Index):
        self.index = index
        self.slots: dict[tuple[int, date], list[Slot]] = defaultdict(list)
        self.visits: dict[int, int] = defaultdict(int)  # planned visits per presenter
        for visit in index.problem.booked:
            slot = Slot(index.place_of(visit.school_id), visit.start, visit.end)
            for presenter_id in visit.presenter_ids:
                self.slots[(presenter_id, visit.day)].append(slot)
        for visit in index.problem.locked:
            self.add(
                visit.presenter_id,
                visit.day,
                index.place_of(visit.school_id),
                visit.start,
                visit.end,
            )

    def add(self, presenter_id: int, day: date, place, start: int, end: int) -> None:
        self.slots[(presenter_id, day)].append(Slot(place, start, end))
        self.visits[presenter_id] += 1

    def room(self, presenter: Presenter, day: date) -> int:
        return presenter.daily_max - len(self.slots.get((presenter.id, day), ()))

    def earliest_start(self, presenter_id: int, day: date, place, duration: int) -> int | None:
        return earliest_start(
            self.slots.get((presenter_id, day), ()), place, duration, self.index.problem
        )


def _clear(slot: Slot, place, start: int, end: int) -> bool:
    travel = travel_minutes(slot.place, place) if slot.place and place else 0
    return slot.end + travel <= start or end + travel <= slot.start


def earliest_start(slots, place, duration: int, problem: Problem) -> int | None:
    """The first start on the grid where a visit of `duration` at `place` fits among
    `slots`, leaving time to drive between it and each of them."""
    start = problem.day_starts
    while start + duration <= problem.day_ends:
        if all(_clear(slot, place, start, start + duration) for slot in slots):
            return start
        start += GRID_MINUTES
    return None


def fit_day(slots, visits, problem: Problem) -> list[int] | None:
    """Start times for `visits` ((place, duration) each) among `slots`, in the given
    order of `visits`, trying each order they could be driven in; None if none fits."""
    for order in permutations(range(len(visits))):
        placed, starts = list(slots), [0] * len(visits)
        for i in order:
            place, duration = visits[i]
            start = earliest_start(placed, place, duration, problem)
            if start is None:
                break
            starts[i] = start
            placed.append(Slot(place, start, start + duration))
        else:
            return starts
    return None


def options(pair: Pair, index: Index, diary: Diary, *, any_day: bool = False) -> list[Option]:
    """Every presenter and day that could take this pair, given only what is fixed;
    with `any_day`, one option per presenter who could take it on some day."""
    found = []
    duration, place, closed = (
        pair.session.duration_minutes,
        pair.school.place,
        pair.school.closed_days,
    )
    for presenter in index.qualified[pair.session.id]:
        miles = round_trip_miles(presenter.place, place)
        for day in index.working_days(presenter):
            if day in closed:
                continue
            slots = diary.slots.get((presenter.id, day))
            if slots and (
                len(slots) >= presenter.daily_max
                or earliest_start(slots, place, duration, index.problem) is None
            ):
                continue
            found.append(Option(presenter, None if any_day else day, miles))
            if any_day:
                break
    return found
