"""What was delivered, who was reached and what changed, for a year and filters.

Every figure is an aggregate in the database, in a fixed number of queries
whatever the number of rows; the heaviest part, the pupils' and teachers'
answers, is read from each delivery's feedback totals (one row a delivery,
training.models.DeliveryFeedbackTotals), never from the answers themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from cms.models import SessionPage
from schools.models import Delivery
from training.models import Registration, TeacherFeedback
from training.models.feedback import PUPIL_TOTALS, TEACHER_TOTALS, teacher_sums

from .cache import DELIVERIES as DELIVERY_FIGURES
from .cache import SCHOOLS as SCHOOL_FIGURES
from .cache import TRAINING as TRAINING_FIGURES
from .cache import fetch
from .checks import to_check
from .filters import Filters, academic_year_bounds, delivered, to_pupils, training_registrations
from .reach import (
    coverage_part,
    dsl_contacts,
    never_reached_part,
    not_reached_part,
    reach_part,
)
from .statistics import PupilFigures, TeacherFigures

# The report ------------------------------------------------------------------------

# The parts of a report; each page and export asks only for what it shows, and
# each part is one or two queries (kept in the cache: training/services/reports/cache.py).
DELIVERIES = "deliveries"  # deliveries, pupils reached, pupil and teacher figures, sessions, months
REACH = "reach"  # how many schools in scope were reached
COVERAGE = "coverage"  # reach, open schools, coverage by district, how many not reached
NOT_REACHED = "not_reached"  # the open schools not reached, listed
NEVER_REACHED = "never_reached"  # the open schools not reached in any year, with their DSLs
TRAINING = "training"  # staff training attendance, demand and ratings
EVERYTHING = frozenset({DELIVERIES, COVERAGE, NOT_REACHED, NEVER_REACHED, TRAINING})
# What a school's own report shows: never the county-wide coverage or lists.
SCHOOL_PARTS = frozenset({DELIVERIES, REACH, TRAINING})


@dataclass
class Report:
    filters: Filters
    parts: frozenset = EVERYTHING
    deliveries: int = 0
    pupils_reached: int = 0  # at sessions for pupils only
    staff_reached: int = 0  # at sessions for school staff
    parents_reached: int = 0  # at sessions for parents and carers
    schools_reached: int = 0
    open_schools: int = 0
    coverage: list = field(default_factory=list)
    not_reached: list = field(default_factory=list)
    not_reached_count: int = 0
    never_reached: list = field(default_factory=list)
    never_reached_count: int = 0
    contacts: dict = field(default_factory=dict)  # school id: its DSLs' (name, email)
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
    if NEVER_REACHED in parts:
        report.contacts = dsl_contacts(school.pk for school in report.never_reached)
    return report


def _deliveries_part(filters: Filters, _limit: int | None) -> dict:
    """One pass over the deliveries, grouped by session and month. The totals, the
    session rows and the month rows are sums of these cells: every aggregate is a
    count or a sum, and each delivery is one row, so they add up exactly.

    Pupils reached and the pupils' answers come from sessions for pupils only; the
    staff at staff sessions and the parents and carers at parents' sessions are
    counted apart. Teachers rate every kind of session; pupils' engagement is
    counted from sessions for pupils only."""
    cells = _cells(delivered(filters))
    facts = _session_facts(cells)
    for cell in cells:
        cell["audience"] = facts[cell[SESSION]]["audience"]
    total = _reach(cells)
    return {
        "to_check": to_check(to_pupils(delivered(filters))),
        "deliveries": total["deliveries"],
        "pupils_reached": total["pupils_reached"],
        "staff_reached": total["staff_reached"],
        "parents_reached": total["parents_reached"],
        "pupils": PupilFigures.from_row(total),
        "teachers": TeacherFigures.from_row(total),
        "sessions": _sessions(cells, facts),
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
PUPILS, STAFF, PARENTS = SessionPage.Audience
REACHED = ("pupils_reached", "staff_reached", "parents_reached")
COUNTS = ("deliveries", *REACHED, *PUPIL_TOTALS, *TEACHER_TOTALS)
ENGAGEMENT = ("engagement_n", "engagement_sum", "engagement_squares")
RATED_BY_ALL = tuple(key for key in TEACHER_TOTALS if key not in ENGAGEMENT)


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
            staff_reached=Sum("register__staff_present"),
            parents_reached=Sum("register__parents_reached"),
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


def _reach(cells: list[dict]) -> dict:
    """Deliveries, teacher ratings, each audience's people reached and the pupils'
    answers of some cells: people reached and pupil figures only from sessions for
    that audience (a staff briefing's register counts no pupils). Teachers rate
    every session, but pupils' engagement only where there were pupils."""
    row = _fold(cells, ("deliveries", *RATED_BY_ALL))
    for key, audience in zip(REACHED, (PUPILS, STAFF, PARENTS), strict=True):
        row[key] = sum(c[key] or 0 for c in cells if c["audience"] == audience)
    row |= _fold((c for c in cells if c["audience"] == PUPILS), (*PUPIL_TOTALS, *ENGAGEMENT))
    return row


def _fold_by(cells: Iterable[dict], group: Callable[[dict], object]) -> dict:
    groups = {}
    for cell in cells:
        groups.setdefault(group(cell), []).append(cell)
    return {g: _reach(members) for g, members in groups.items()}


def _session_facts(cells: list[dict]) -> dict[int, dict]:
    """Each session's title and audience, in a query of their own: grouping the cells
    by them as well made PostgreSQL sort every delivery instead of hashing."""
    return {
        pk: {"title": title, "audience": audience}
        for pk, title, audience in SessionPage.objects.filter(
            pk__in={c[SESSION] for c in cells}
        ).values_list("pk", "title", "audience")
    }


def _sessions(cells: list[dict], facts: dict[int, dict]) -> list[dict]:
    """Rows by session; people reached only in the session's own audience."""
    rows = [
        {
            "title": facts[pk]["title"],
            "audience": SessionPage.Audience(facts[pk]["audience"]),
            "deliveries": row["deliveries"],
            "pupils_reached": row["pupils_reached"],
            "staff_reached": row["staff_reached"],
            "parents_reached": row["parents_reached"],
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
                "staff_reached": row["staff_reached"],
                "parents_reached": row["parents_reached"],
                "pupils": PupilFigures.from_row(row),
            }
        )
    most = max((r["deliveries"] for r in rows), default=0)
    for row in rows:
        row["percent"] = round(row["deliveries"] / most * 100) if most else 0
    return rows


BUILDERS = {
    DELIVERIES: _deliveries_part,
    REACH: reach_part,
    COVERAGE: coverage_part,
    NOT_REACHED: not_reached_part,
    NEVER_REACHED: never_reached_part,
    TRAINING: _training_part,
}
# The version each part is kept under in the cache: what has to change for it to.
VERSIONS = {
    DELIVERIES: DELIVERY_FIGURES,
    REACH: SCHOOL_FIGURES,
    COVERAGE: SCHOOL_FIGURES,
    NOT_REACHED: SCHOOL_FIGURES,
    NEVER_REACHED: SCHOOL_FIGURES,
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
