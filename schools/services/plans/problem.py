"""The term planner's input, read from the database: the term's open days, the schools
each aim names, the sessions, the presenters (qualifications, working pattern, leave,
where their day starts) and the visits already booked. The planner itself
(schools.planner) never reads the database; this module is its only door in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cms.models import SessionPage
from portal.roles import PRESENTERS
from schools.models import (
    Booking,
    ClosedDays,
    DeliveryAssignment,
    District,
    PlannedVisit,
    PresenterProfile,
    School,
    Unavailability,
)
from schools.planner import problem as p

from ..closures import closed_days
from ..common import LONDON

# A school whose size GIAS does not give is counted as one class a year group.
PUPILS_PER_YEAR_UNKNOWN = 30
ALL_YEAR_GROUPS = frozenset(range(0, 14))


@dataclass(frozen=True)
class AimChoice:
    """What a coordinator chose for one aim: a session for a year group at the open
    schools of some districts (all when none), of a phase (any when blank), not reached
    for `not_reached_years` years (whatever their history when None)."""

    session_id: int
    year_group: int
    district_ids: tuple[int, ...] = ()
    phase: str = ""
    not_reached_years: int | None = None
    weight: int = 1
    name: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> AimChoice:
        return cls(
            session_id=int(data["session_id"]),
            year_group=int(data["year_group"]),
            district_ids=tuple(int(d) for d in data.get("district_ids", ())),
            phase=data.get("phase", ""),
            not_reached_years=data.get("not_reached_years"),
            weight=int(data.get("weight", 1)),
            name=data.get("name", ""),
        )

    def as_dict(self) -> dict:
        return {
            "session_id": self.session_id,
            "year_group": self.year_group,
            "district_ids": list(self.district_ids),
            "phase": self.phase,
            "not_reached_years": self.not_reached_years,
            "weight": self.weight,
            "name": self.name,
        }


def reached_since(since: datetime) -> Exists:
    """Whether a session for pupils was delivered at the school since `since`: the
    reports' meaning of reached (docs/decisions/0006), read from the bookings."""
    return Exists(
        Booking.objects.filter(
            school=OuterRef("pk"),
            status=Booking.Status.DELIVERED,
            session__audience=SessionPage.Audience.PUPILS,
            delivery__start__gte=since,
        )
    )


def aim_schools(choice: AimChoice, *, today: date | None = None) -> list[School]:
    """The open schools an aim names that teach its year group and have no open
    booking for its session already."""
    today = today or timezone.localdate()
    schools = School.objects.filter(is_open=True).select_related("district")
    if choice.district_ids:
        schools = schools.filter(district_id__in=choice.district_ids)
    if choice.phase:
        schools = schools.filter(phase=choice.phase)
    if choice.not_reached_years:
        since = datetime.combine(
            today - timedelta(days=365 * choice.not_reached_years), time(), tzinfo=LONDON
        )
        schools = schools.filter(~reached_since(since))
    open_booking = Booking.objects.open().filter(school=OuterRef("pk"), session=choice.session_id)
    schools = schools.filter(~Exists(open_booking)).order_by("name", "pk")
    return [s for s in schools if choice.year_group in _year_groups(s)]


def aim_name(choice: AimChoice, session: SessionPage) -> str:
    year = "Reception" if choice.year_group == 0 else f"Year {choice.year_group}"
    return choice.name or f"{session.title}, {year}"


def build_problem(
    term_first: date,
    term_last: date,
    aims: list[AimChoice],
    *,
    locked: tuple[p.ProposedVisit, ...] = (),
    excluded: frozenset[tuple[str, int]] = frozenset(),
    today: date | None = None,
) -> p.Problem:
    """Everything the planner needs for the term from `term_first` to `term_last`."""
    sessions = SessionPage.objects.in_bulk([a.session_id for a in aims])
    plain_aims, school_ids = [], set()
    for choice in aims:
        name = aim_name(choice, sessions[choice.session_id])
        # A kept visit's school stays in its aim, though its offer is now an open booking.
        kept = {v.school_id for v in locked if v.aim == name}
        ids = frozenset(s.pk for s in aim_schools(choice, today=today)) | kept
        school_ids |= ids
        plain_aims.append(
            p.Aim(
                name=name,
                session_id=choice.session_id,
                year_group=choice.year_group,
                school_ids=ids,
                weight=choice.weight,
            )
        )
    # A kept visit already accepted is one of the booked ones: it is counted once, kept.
    keys = {(v.school_id, v.session_id, v.day, v.start) for v in locked}
    booked = tuple(
        v
        for v in booked_visits(term_first, term_last)
        if (v.school_id, v.session_id, v.day, v.start) not in keys
    )
    school_ids |= {v.school_id for v in booked} | {v.school_id for v in locked}
    session_ids = set(sessions) | {v.session_id for v in booked} | {v.session_id for v in locked}
    points = district_points()
    return p.Problem(
        schools=plain_schools(school_ids, term_first, term_last, points),
        sessions=plain_sessions(session_ids),
        presenters=plain_presenters(term_first, term_last, points),
        days=open_days(term_first, term_last),
        aims=tuple(plain_aims),
        booked=booked,
        locked=tuple(locked),
        excluded=frozenset(excluded),
    )


def open_days(first: date, last: date) -> tuple[date, ...]:
    """Every day of the term schools are open: no weekend, bank holiday, holiday or
    INSET day of the local authority's (a school's own are on the school)."""
    closed = closed_days(first, last)
    days, day = [], first
    while day <= last:
        if day not in closed:
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def district_points() -> dict[int | None, tuple[float, float]]:
    """Each district's grid point, and (under None) the middle of all of them: the
    place of a school or presenter nothing else places."""
    points = {
        pk: (float(e), float(n))
        for pk, e, n in District.objects.exclude(easting=None)
        .exclude(northing=None)
        .values_list("pk", "easting", "northing")
    }
    if points:
        xs, ys = zip(*points.values(), strict=True)
        points[None] = (sum(xs) / len(xs), sum(ys) / len(ys))
    else:
        points[None] = (0.0, 0.0)
    return points


def school_place(school: School, points: dict) -> tuple[float, float]:
    """The school's own grid point when it has one, else its district's."""
    easting, northing = getattr(school, "easting", None), getattr(school, "northing", None)
    if easting is not None and northing is not None:
        return (float(easting), float(northing))
    return points.get(school.district_id, points[None])


def _year_groups(school: School) -> frozenset[int]:
    taught = school.year_groups_taught
    return frozenset(taught) if taught is not None else ALL_YEAR_GROUPS


def pupils_per_year(school: School) -> int:
    """One year group's size: the school's pupils shared over the year groups it teaches."""
    if not school.number_of_pupils:
        return PUPILS_PER_YEAR_UNKNOWN
    return max(1, school.number_of_pupils // len(_year_groups(school)))


def plain_schools(ids, first: date, last: date, points) -> tuple[p.School, ...]:
    own_closed = defaultdict(set)
    rows = ClosedDays.objects.filter(school_id__in=ids, first_day__lte=last, last_day__gte=first)
    for school_id, start, end in rows.values_list("school_id", "first_day", "last_day"):
        day = max(start, first)
        while day <= min(end, last):
            own_closed[school_id].add(day)
            day += timedelta(days=1)
    schools = School.objects.filter(pk__in=ids).select_related("district").order_by("pk")
    return tuple(
        p.School(
            id=s.pk,
            name=s.name,
            phase=s.phase,
            year_groups=_year_groups(s),
            pupils_per_year=pupils_per_year(s),
            district=s.district.name,
            place=school_place(s, points),
            closed_days=frozenset(own_closed[s.pk]),
        )
        for s in schools
    )


def plain_sessions(ids) -> tuple[p.Session, ...]:
    sessions = SessionPage.objects.filter(pk__in=ids).prefetch_related("topics").order_by("pk")
    return tuple(
        p.Session(
            id=s.pk,
            title=s.title,
            topics=frozenset(t.name for t in s.topics.all()),
            year_groups=frozenset(range(s.min_year, s.max_year + 1)),
            duration_minutes=s.duration_minutes,
            max_audience=s.max_audience,
        )
        for s in sessions
    )


def plain_presenters(first: date, last: date, points) -> tuple[p.Presenter, ...]:
    """Active presenters with a profile. A day with any leave in school hours is a day
    away: the planner places whole days only."""
    profiles = (
        PresenterProfile.objects.filter(user__is_active=True, user__groups__name=PRESENTERS)
        .select_related("user")
        .prefetch_related("qualified_sessions")
        .order_by("user_id")
        .distinct()
    )
    away = leave_days([pr.user_id for pr in profiles], first, last)
    return tuple(
        p.Presenter(
            id=pr.user_id,
            name=pr.user.get_full_name() or pr.user.email,
            qualified_sessions=frozenset(s.pk for s in pr.qualified_sessions.all()),
            place=points.get(pr.base_district_id, points[None]),
            working_weekdays=frozenset(int(d) for d in pr.working_weekdays),
            daily_max=pr.daily_max_visits,
            unavailable=frozenset(away[pr.user_id]),
        )
        for pr in profiles
    )


def leave_days(presenter_ids, first: date, last: date) -> dict[int, set[date]]:
    """The days of the term each presenter has any time off between 8am and 6pm."""
    start = datetime.combine(first, time(), tzinfo=LONDON)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=LONDON)
    away = defaultdict(set)
    rows = Unavailability.objects.filter(
        presenter_id__in=presenter_ids, start__lt=end, end__gt=start
    )
    for presenter_id, off_start, off_end in rows.values_list("presenter_id", "start", "end"):
        day = max(timezone.localtime(off_start, LONDON).date(), first)
        while day <= min(timezone.localtime(off_end, LONDON).date(), last):
            work_start = datetime.combine(day, time(8), tzinfo=LONDON)
            work_end = datetime.combine(day, time(18), tzinfo=LONDON)
            if off_start < work_end and off_end > work_start:
                away[presenter_id].add(day)
            day += timedelta(days=1)
    return away


def booked_visits(first: date, last: date) -> tuple[p.Visit, ...]:
    """The visits already scheduled in the term, with their presenters."""
    start = datetime.combine(first, time(), tzinfo=LONDON)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=LONDON)
    assignments = (
        DeliveryAssignment.objects.filter(
            start__lt=end,
            end__gt=start,
            delivery__booking__status__in=Booking.OPEN_STATUSES,
        )
        .select_related("delivery__booking")
        .order_by("delivery_id")
    )
    by_delivery = {}
    for a in assignments:
        by_delivery.setdefault(a.delivery, set()).add(a.presenter_id)
    visits = []
    for delivery, presenter_ids in by_delivery.items():
        local_start = timezone.localtime(delivery.start, LONDON)
        local_end = timezone.localtime(delivery.end, LONDON)
        visits.append(
            p.Visit(
                school_id=delivery.booking.school_id,
                session_id=delivery.booking.session_id,
                presenter_ids=frozenset(presenter_ids),
                day=local_start.date(),
                start=local_start.hour * 60 + local_start.minute,
                end=local_end.hour * 60 + local_end.minute,
            )
        )
    return tuple(visits)


def planned_as_proposed(visit: PlannedVisit) -> p.ProposedVisit:
    """A visit of a plan, as the planner's output (for one locked or kept)."""
    return p.ProposedVisit(
        aim=visit.aim,
        school_id=visit.school_id,
        session_id=visit.session_id,
        year_group=visit.year_group,
        presenter_id=visit.presenter_id,
        day=visit.day,
        start=visit.start.hour * 60 + visit.start.minute,
        end=visit.end.hour * 60 + visit.end.minute,
        pupils=visit.pupils,
        miles=visit.miles,
        locked=True,
    )


def problem_for_plan(plan, *, today: date | None = None) -> p.Problem:
    """The problem for a saved plan: its aims, its locked (and sent) visits kept, its
    removed ones left out."""
    visits = list(plan.visits.all())
    kept = Q(locked=True) | ~Q(offer_state=PlannedVisit.OfferState.NOT_SENT)
    keep_ids = set(plan.visits.filter(kept, removed=False).values_list("pk", flat=True))
    return build_problem(
        plan.first_day,
        plan.last_day,
        [AimChoice.from_dict(a) for a in plan.aims],
        locked=tuple(planned_as_proposed(v) for v in visits if v.pk in keep_ids),
        excluded=frozenset((v.aim, v.school_id) for v in visits if v.removed),
        today=today,
    )
