"""The planner's input and output, as plain frozen dataclasses.

Places are points on the British National Grid in metres (GIAS gives every school
an easting and northing); the planner estimates road miles from the straight line
(docs/planning.md says by how much). Times are minutes after midnight on the day.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class School:
    id: int
    name: str
    phase: str  # School.Phase value: "primary", "secondary", ...
    year_groups: frozenset[int]  # the year groups the school teaches (0 is Reception)
    pupils_per_year: int  # an estimate of one year group's size
    district: str
    place: tuple[float, float]  # easting, northing in metres
    closed_days: frozenset[date] = frozenset()  # INSET and other days of its own


@dataclass(frozen=True)
class Session:
    id: int
    title: str
    topics: frozenset[str]
    year_groups: frozenset[int]  # the year groups it suits
    duration_minutes: int
    max_audience: int


@dataclass(frozen=True)
class Presenter:
    id: int
    name: str
    qualified_sessions: frozenset[int]
    place: tuple[float, float]  # where the presenter's day starts and ends
    working_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday is 0
    daily_max: int = 2  # visits a day at most
    unavailable: frozenset[date] = frozenset()  # leave and other whole days away


@dataclass(frozen=True)
class Visit:
    """A visit already booked: it keeps its presenter busy and its school reached."""

    school_id: int
    session_id: int
    presenter_ids: frozenset[int]
    day: date
    start: int  # minutes after midnight
    end: int


@dataclass(frozen=True)
class Aim:
    """One thing the coordinator wants this term: `session_id` for `year_group` at
    each school in `school_ids`, worth `weight` per pupil reached (priorities weigh
    more)."""

    name: str
    session_id: int
    year_group: int
    school_ids: frozenset[int]
    weight: int = 1


@dataclass(frozen=True)
class ProposedVisit:
    aim: str
    school_id: int
    session_id: int
    year_group: int
    presenter_id: int
    day: date
    start: int
    end: int
    pupils: int
    miles: float  # the presenter's estimated road miles for this visit, there and back
    locked: bool = False


@dataclass(frozen=True)
class Unplaced:
    aim: str
    school_id: int
    reason: str  # plain words a coordinator reads: "no qualified presenter is free", ...


@dataclass(frozen=True)
class Problem:
    schools: tuple[School, ...]
    sessions: tuple[Session, ...]
    presenters: tuple[Presenter, ...]
    days: tuple[date, ...]  # the term's open days (bank holidays, holidays and INSET out)
    aims: tuple[Aim, ...]
    booked: tuple[Visit, ...] = ()
    locked: tuple[ProposedVisit, ...] = ()  # kept as they are by the coordinator
    excluded: frozenset[tuple[str, int]] = frozenset()  # (aim, school_id) pairs removed
    day_starts: int = 9 * 60  # the school day, minutes after midnight
    day_ends: int = 15 * 60


@dataclass(frozen=True)
class Plan:
    visits: tuple[ProposedVisit, ...]
    unplaced: tuple[Unplaced, ...]
    pupils_reached: int
    weighted_pupils: int
    miles: float
    solver: str  # "cp-sat" or "greedy"
    status: str = ""  # the solver's own word: "OPTIMAL", "FEASIBLE", ...
    stats: dict = field(default_factory=dict)
