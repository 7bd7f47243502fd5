"""Small hand-made counties for the planner's tests: one of each thing unless a test
asks for more. Places are on the grid in metres; 1,000 m is about 0.8 road miles."""

from datetime import date

from schools.planner import Aim, Presenter, Problem, School, Session

MONDAY = date(2027, 1, 4)
TUESDAY = date(2027, 1, 5)
WEDNESDAY = date(2027, 1, 6)


def school(id=1, place=(0.0, 0.0), **kwargs) -> School:
    values = {
        "name": f"School {id}",
        "phase": "secondary",
        "year_groups": frozenset(range(7, 12)),
        "pupils_per_year": 150,
        "district": "North",
    }
    return School(id=id, place=place, **(values | kwargs))


def session(id=1, **kwargs) -> Session:
    values = {
        "title": "Knife crime workshop",
        "topics": frozenset({"knife crime"}),
        "year_groups": frozenset({9}),
        "duration_minutes": 60,
        "max_audience": 100,
    }
    return Session(id=id, **(values | kwargs))


def presenter(id=1, place=(0.0, 0.0), qualified=(1,), **kwargs) -> Presenter:
    return Presenter(
        id=id,
        name=f"Presenter {id}",
        qualified_sessions=frozenset(qualified),
        place=place,
        **kwargs,
    )


def aim(name="Knife crime", session_id=1, year_group=9, schools=(1,), weight=1) -> Aim:
    return Aim(name, session_id, year_group, frozenset(schools), weight)


def problem(
    schools=None, sessions=None, presenters=None, days=(MONDAY,), aims=None, **kwargs
) -> Problem:
    return Problem(
        schools=tuple(schools or [school()]),
        sessions=tuple(sessions or [session()]),
        presenters=tuple(presenters or [presenter()]),
        days=tuple(days),
        aims=tuple(aims or [aim()]),
        **kwargs,
    )
