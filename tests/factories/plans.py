"""A tiny county for the term planner: two districts with grid points, a handful of
schools, a session, a qualified presenter and one who is not, and a fortnight's
term; and a stand-in solver that places one visit a school on the open days in turn."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from schools.models import District, School
from schools.planner import problem as p
from schools.services import closures

from . import cms as cms_factories
from .core import SchoolFactory, coordinator, presenter
from .schools import dsl, presenter_profile


@dataclass
class County:
    district: District
    other_district: District
    session: object
    schools: list[School]
    primary: School
    far_school: School
    presenter: object
    unqualified: object
    coordinator: object
    dsls: dict = field(default_factory=dict)
    first_day: date | None = None
    last_day: date | None = None


def term(today: date | None = None) -> tuple[date, date]:
    """A fortnight starting on a Monday a month or so ahead."""
    start = (today or date.today()) + timedelta(days=30)
    start = closures.next_open_day(start - timedelta(days=start.weekday()) + timedelta(days=7))
    return start, start + timedelta(days=11)


def tiny_county(*, schools: int = 3, with_dsls: bool = True) -> County:
    district = District.objects.create(name="Fenwick Moor", easting=412_000, northing=349_000)
    other = District.objects.create(name="Dunmore Coast", easting=462_000, northing=322_000)
    session = cms_factories.session_page(
        title="Knife crime: the real story",
        min_year=8,
        max_year=10,
        max_audience=200,
        duration_minutes=60,
        minimum_notice_days=5,
    )
    secondaries = [
        SchoolFactory(name=f"Moor School {n}", district=district, number_of_pupils=700)
        for n in range(1, schools + 1)
    ]
    primary = SchoolFactory(
        name="Moor Primary", district=district, phase=School.Phase.PRIMARY, number_of_pupils=210
    )
    far = SchoolFactory(name="Coast Academy", district=other, number_of_pupils=1400)
    person = presenter_profile(
        presenter(first_name="Dana", last_name="Reid"), sessions=[session], base_district=district
    ).user
    unqualified = presenter_profile(presenter(first_name="Uma", last_name="Nolan")).user
    first, last = term()
    county = County(
        district=district,
        other_district=other,
        session=session,
        schools=secondaries,
        primary=primary,
        far_school=far,
        presenter=person,
        unqualified=unqualified,
        coordinator=coordinator(first_name="Cora", last_name="Hale"),
        first_day=first,
        last_day=last,
    )
    if with_dsls:
        county.dsls = {s.pk: dsl(s) for s in [*secondaries, far]}
    return county


def fake_solve(problem: p.Problem, *, time_limit_seconds=30, progress=None) -> p.Plan:
    """Places each aim's schools, one a day, at 9:30 with the first qualified presenter
    free that day; keeps locked visits; says why it left anything out."""
    if progress:
        progress(0.5)
    visits = list(problem.locked)
    done = {(v.aim, v.school_id) for v in visits}
    used = {(v.presenter_id, v.day) for v in visits}
    used |= {(pid, v.day) for v in problem.booked for pid in v.presenter_ids}
    unplaced = []
    sessions = {s.id: s for s in problem.sessions}
    schools = {s.id: s for s in problem.schools}
    for aim in problem.aims:
        for school_id in sorted(aim.school_ids):
            if (aim.name, school_id) in done or (aim.name, school_id) in problem.excluded:
                continue
            slot = _slot(problem, aim, schools[school_id], used)
            if slot is None:
                unplaced.append(p.Unplaced(aim.name, school_id, "no qualified presenter is free"))
                continue
            presenter_id, day = slot
            used.add((presenter_id, day))
            visits.append(
                p.ProposedVisit(
                    aim=aim.name,
                    school_id=school_id,
                    session_id=aim.session_id,
                    year_group=aim.year_group,
                    presenter_id=presenter_id,
                    day=day,
                    start=9 * 60 + 30,
                    end=9 * 60 + 30 + sessions[aim.session_id].duration_minutes,
                    pupils=min(schools[school_id].pupils_per_year, 200),
                    miles=12.5,
                )
            )
    return p.Plan(
        visits=tuple(visits),
        unplaced=tuple(unplaced),
        pupils_reached=sum(v.pupils for v in visits),
        weighted_pupils=sum(v.pupils for v in visits),
        miles=sum(v.miles for v in visits),
        solver="fake",
        status="FEASIBLE",
    )


def _slot(problem, aim, school, used):
    for day in problem.days:
        if day in school.closed_days:
            continue
        for person in problem.presenters:
            if (
                aim.session_id in person.qualified_sessions
                and day.weekday() in person.working_weekdays
                and day not in person.unavailable
                and (person.id, day) not in used
            ):
                return person.id, day
    return None
