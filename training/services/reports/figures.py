"""What was delivered, who was reached and what changed, for a year and filters.

Every figure is an aggregate in the database, in a fixed number of queries
whatever the number of rows; the heaviest part, the pupils' and teachers'
answers, is read from each delivery's feedback totals (one row a delivery,
training.models.DeliveryFeedbackTotals), never from the answers themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from cms.models import SessionPage
from schools.models import Delivery, District, School
from training.models import Registration, TeacherFeedback
from training.models.feedback import PUPIL_TOTALS, TEACHER_TOTALS, teacher_sums

from .cache import DELIVERIES as DELIVERY_FIGURES
from .cache import SCHOOLS as SCHOOL_FIGURES
from .cache import TRAINING as TRAINING_FIGURES
from .cache import fetch
from .checks import to_check
from .filters import (
    Filters,
    academic_year_bounds,
    delivered,
    schools_in_scope,
    training_registrations,
)
from .statistics import PupilFigures, TeacherFigures

# The report ------------------------------------------------------------------------

# The parts of a report; each page and export asks only for what it shows, and
# each part is one or two queries (kept in the cache: training/services/reports/cache.py).
DELIVERIES = "deliveries"  # deliveries, pupils reached, pupil and teacher figures, sessions, months
REACH = "reach"  # how many schools in scope were reached
COVERAGE = "coverage"  # reach, open schools, coverage by district, how many not reached
NOT_REACHED = "not_reached"  # the open schools not reached, listed
TRAINING = "training"  # staff training attendance, demand and ratings
EVERYTHING = frozenset({DELIVERIES, COVERAGE, NOT_REACHED, TRAINING})
# What a school's own report shows: never the county-wide coverage or lists.
SCHOOL_PARTS = frozenset({DELIVERIES, REACH, TRAINING})


@dataclass
class Report:
    filters: Filters
    parts: frozenset = EVERYTHING
    deliveries: int = 0
    pupils_reached: int = 0
    schools_reached: int = 0
    open_schools: int = 0
    coverage: list = field(default_factory=list)
    not_reached: list = field(default_factory=list)
    not_reached_count: int = 0
    pupils: PupilFigures | None = None
    teachers: TeacherFigures | None = None
    sessions: list = field(default_factory=list)
    months: list = field(default_factory=list)
    training: dict = field(default_factory=dict)
    courses: list = field(default_factory=list)
    training_teachers: TeacherFigures | None = None
    to_check: list = field(default_factory=list)  # visits whose pupil answers are in doubt

    @property
    def coverage_share(self) -> float | None:
        return self.schools_reached_open / self.open_schools if self.open_schools else None

    @property
    def schools_reached_open(self) -> int:
        return sum(row["reached"] for row in self.coverage)


def build_report(
    filters: Filters, parts: Iterable[str] = EVERYTHING, *, not_reached_limit: int | None = None
) -> Report:
    """The figures of these parts of the dashboard for these filters, in a fixed
    number of queries (none for a part already in the cache and still current).

    `not_reached_limit` lists only the first schools not reached (a page); their
    number is part of the coverage.
    """
    parts = frozenset(parts)
    report = Report(filters=filters, parts=parts)
    wanted = parts - {REACH} if COVERAGE in parts else parts  # coverage counts the reach
    found = fetch(
        {
            part: (VERSIONS[part], filters, not_reached_limit if part == NOT_REACHED else None)
            for part in wanted
        },
        lambda part: BUILDERS[part](filters, not_reached_limit),
    )
    for values in found.values():
        for name, value in values.items():
            setattr(report, name, value)
    return report


def _deliveries_part(filters: Filters, _limit: int | None) -> dict:
    """One pass over the deliveries, grouped by session and month. The totals, the
    session rows and the month rows are sums of these cells: every aggregate is a
    count or a sum, and each delivery is one row, so they add up exactly."""
    cells = _cells(delivered(filters))
    return {
        "to_check": to_check(delivered(filters)),
        "deliveries": sum(c["deliveries"] for c in cells),
        "pupils_reached": sum(c["pupils_reached"] or 0 for c in cells),
        "pupils": PupilFigures.from_row(_fold(cells, PUPIL_TOTALS)),
        "teachers": TeacherFigures.from_row(_fold(cells, TEACHER_TOTALS)),
        "sessions": _sessions(cells),
        "months": _months(filters, cells),
    }


def _training_part(filters: Filters, _limit: int | None) -> dict:
    registrations = training_registrations(filters)
    return {
        "training": _training_totals(registrations),
        "courses": _courses(registrations),
        "training_teachers": TeacherFigures.from_row(
            TeacherFeedback.objects.filter(
                event__in=registrations.values("event"),
                **({"school": filters.school} if filters.school else {}),
            ).aggregate(**teacher_sums())
        ),
    }


SESSION = "booking__session"
COUNTS = ("deliveries", "pupils_reached", *PUPIL_TOTALS, *TEACHER_TOTALS)


def _cells(deliveries: QuerySet[Delivery]) -> list[dict]:
    """Deliveries, pupils reached and feedback totals by session and month.

    The filters never join more than one row per delivery (one topic, one
    presenter's assignment), so counting ids counts deliveries.
    """
    return list(
        deliveries.annotate(month=TruncMonth("start"))
        .values(SESSION, "month")
        .annotate(
            deliveries=Count("id"),
            pupils_reached=Sum("register__pupils_reached"),
            **{key: Sum(f"feedback_totals__{key}") for key in PUPIL_TOTALS + TEACHER_TOTALS},
        )
        .order_by()
    )


def _fold(cells: Iterable[dict], keys: Iterable[str] = COUNTS) -> dict:
    """The sum of grouped aggregate rows (None counts as 0)."""
    total = dict.fromkeys(keys, 0)
    for cell in cells:
        for key in keys:
            total[key] += cell[key] or 0
    return total


def _fold_by(cells: Iterable[dict], group: Callable[[dict], object]) -> dict:
    groups = {}
    for cell in cells:
        groups.setdefault(group(cell), []).append(cell)
    return {g: _fold(members) for g, members in groups.items()}


def _sessions(cells: list[dict]) -> list[dict]:
    """Rows by session. The titles come in a query of their own: grouping the cells
    by a title as well made PostgreSQL sort every delivery instead of hashing."""
    titles = dict(
        SessionPage.objects.filter(pk__in={c[SESSION] for c in cells}).values_list("pk", "title")
    )
    rows = [
        {
            "title": titles[pk],
            "deliveries": row["deliveries"],
            "pupils_reached": row["pupils_reached"],
            "pupils": PupilFigures.from_row(row),
            "teachers": TeacherFigures.from_row(row),
        }
        for pk, row in _fold_by(cells, lambda c: c[SESSION]).items()
    ]
    return sorted(rows, key=lambda r: r["title"])


def _months(filters: Filters, cells: list[dict]) -> list[dict]:
    start, _ = academic_year_bounds(filters.year)
    by_month = _fold_by(cells, lambda c: _as_date(c["month"]))
    empty = dict.fromkeys(COUNTS, 0)
    rows = []
    for i in range(12):
        month = date(start.year + (start.month + i - 1) // 12, (start.month + i - 1) % 12 + 1, 1)
        row = by_month.get(month, empty)
        rows.append(
            {
                "month": month,
                "deliveries": row["deliveries"],
                "pupils_reached": row["pupils_reached"],
                "pupils": PupilFigures.from_row(row),
            }
        )
    most = max((r["deliveries"] for r in rows), default=0)
    for row in rows:
        row["percent"] = round(row["deliveries"] / most * 100) if most else 0
    return rows


def _reached(filters: Filters) -> Exists:
    """Whether a school had a delivery matching the filters: an EXISTS that
    PostgreSQL answers per school through the booking, delivery and register
    indexes (a few index probes each). (An IN inside a count's filter ran as a
    subplan that scanned every delivery per school: minutes at national scale.)"""
    return Exists(delivered(filters).filter(booking__school=OuterRef("pk")))


def _reach_part(filters: Filters, _limit: int | None) -> dict:
    return {"schools_reached": schools_in_scope(filters).filter(_reached(filters)).count()}


def _coverage_part(filters: Filters, _limit: int | None) -> dict:
    """Schools reached, open schools and coverage by district: the schools in scope
    counted in the database by district, open or closed, and reached or not (at most
    four rows a district), so nothing here grows with the number of schools."""
    rows = (
        schools_in_scope(filters)
        .annotate(reached=_reached(filters))
        .values_list("district__name", "is_open", "reached")
        .annotate(schools=Count("id"))
        .order_by("district__name")
    )
    totals, reached_open, schools_reached = {}, Counter(), 0
    for district, is_open, was_reached, schools in rows:
        schools_reached += schools if was_reached else 0
        if is_open:
            totals[district] = totals.get(district, 0) + schools
            reached_open[district] += schools if was_reached else 0
    open_schools = sum(totals.values())
    return {
        "schools_reached": schools_reached,
        "open_schools": open_schools,
        "coverage": [
            {
                "district__name": name,
                "total": total,
                "reached": reached_open[name],
                "share": reached_open[name] / total,
            }
            for name, total in totals.items()
        ],
        "not_reached_count": open_schools - sum(reached_open.values()),
    }


def _not_reached_part(filters: Filters, limit: int | None) -> dict:
    """The open schools not reached, by district and name; only the first `limit`
    when given.

    The first few: PostgreSQL probes the schools in that order until it has them
    (a few hundred probes for a page). All of them: the test is in the select list,
    so that it is one probe per school, as for the coverage; as a NOT EXISTS in the
    WHERE clause PostgreSQL made it an anti-join that hashed every delivery of the
    year, three times slower at national scale.
    """
    open_schools = (
        schools_in_scope(filters).filter(is_open=True).order_by("district__name", "name", "pk")
    )
    if limit is not None:
        rows = open_schools.filter(~_reached(filters)).values_list(*SCHOOL_COLUMNS)[:limit]
    else:
        tested = open_schools.annotate(reached=_reached(filters))
        rows = (row[:-1] for row in tested.values_list(*SCHOOL_COLUMNS, "reached") if not row[-1])
    districts, schools = {}, []
    for pk, name, urn, phase, district_id, district_name, is_open in rows:
        district = districts.setdefault(district_id, District(pk=district_id, name=district_name))
        # As .only() would load it: the other fields are deferred, not defaulted.
        # from_db takes the values in the model's field order, whatever LOADED says.
        loaded = {"id": pk, "name": name, "urn": urn, "phase": phase}
        loaded |= {"district_id": district_id, "is_open": is_open}
        school = School.from_db(School.objects.db, LOADED, [loaded[f] for f in LOADED])
        School.district.field.set_cached_value(school, district)
        schools.append(school)
    return {"not_reached": schools}


LOADED = tuple(
    f.attname
    for f in School._meta.concrete_fields
    if f.attname in {"id", "name", "urn", "phase", "district_id", "is_open"}
)
SCHOOL_COLUMNS = ("pk", "name", "urn", "phase", "district_id", "district__name", "is_open")

BUILDERS = {
    DELIVERIES: _deliveries_part,
    REACH: _reach_part,
    COVERAGE: _coverage_part,
    NOT_REACHED: _not_reached_part,
    TRAINING: _training_part,
}
# The version each part is kept under in the cache: what has to change for it to.
VERSIONS = {
    DELIVERIES: DELIVERY_FIGURES,
    REACH: SCHOOL_FIGURES,
    COVERAGE: SCHOOL_FIGURES,
    NOT_REACHED: SCHOOL_FIGURES,
    TRAINING: TRAINING_FIGURES,
}


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _attendance_counts() -> dict:
    """Places, attendance and demand of training registrations, as aggregates."""
    return {
        "events": Count("event", distinct=True),
        "confirmed": Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
        "attended": Count("id", filter=Q(attendance=Registration.Attendance.ATTENDED)),
        "absent": Count(
            "id",
            filter=Q(
                status=Registration.Status.CONFIRMED, attendance=Registration.Attendance.ABSENT
            ),
        ),
        "waitlisted": Count("id", filter=Q(status=Registration.Status.WAITLISTED)),
    }


def _training_totals(registrations: QuerySet[Registration]) -> dict:
    row = registrations.aggregate(
        **_attendance_counts(),
        events_with_waiting_list=Count(
            "event", filter=Q(status=Registration.Status.WAITLISTED), distinct=True
        ),
    )
    return _with_rates(row)


def _with_rates(row: dict) -> dict:
    marked = row["attended"] + row["absent"]
    row["attendance_rate"] = row["attended"] / marked if marked else None
    row["no_show_rate"] = row["absent"] / marked if marked else None
    return row


def _courses(registrations: QuerySet[Registration]) -> list[dict]:
    rows = (
        registrations.values("event__course__title")
        .annotate(**_attendance_counts())
        .order_by("event__course__title")
    )
    return [_with_rates({**r, "title": r.pop("event__course__title")}) for r in rows]
