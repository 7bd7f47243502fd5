"""What was delivered, who was reached and what changed, for a year and filters.

Every figure is an aggregate in the database, in a fixed number of queries
whatever the number of rows; the heaviest part, the pupils' and teachers'
answers, is read from each delivery's feedback totals (one row a delivery,
training.models.feedback_totals), never from the answers themselves.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cms.models import SessionPage
from schools.models import Booking, Delivery, District, School
from training.models import Registration, TeacherFeedback, TrainingEvent
from training.models.feedback_totals import PUPIL_TOTALS, TEACHER_TOTALS, teacher_sums

from . import cache
from .statistics import PupilFigures, TeacherFigures

# Academic years ----------------------------------------------------------------


def academic_year_of(day):
    """2025 for any day from 1 September 2025 to 31 August 2026."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year_label(year):
    return f"{year} to {year + 1}"


def academic_year_bounds(year):
    """Start (inclusive) and end (exclusive), as aware datetimes in local time."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(date(year, 9, 1), time.min, tzinfo=tz)
    end = datetime.combine(date(year + 1, 9, 1), time.min, tzinfo=tz)
    return start, end


# Filters -----------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    year: int
    district: int | None = None
    topic: int | None = None
    session: int | None = None
    format: str | None = None
    presenter: int | None = None
    school: int | None = None

    @classmethod
    def current(cls, **kwargs):
        return cls(year=academic_year_of(timezone.localdate()), **kwargs)


def delivered(filters):
    """Deliveries in the year that took place: the booking is marked delivered or a
    register was recorded. Cancelled and declined bookings never count."""
    start, end = academic_year_bounds(filters.year)
    qs = Delivery.objects.filter(start__gte=start, start__lt=end).filter(
        Q(booking__status=Booking.Status.DELIVERED)
        | Q(register__isnull=False, booking__status=Booking.Status.SCHEDULED)
    )
    if filters.district:
        qs = qs.filter(booking__school__district=filters.district)
    if filters.topic:
        qs = qs.filter(booking__session__topics=filters.topic)
    if filters.session:
        qs = qs.filter(booking__session=filters.session)
    if filters.format:
        qs = qs.filter(booking__session__format=filters.format)
    if filters.presenter:
        qs = qs.filter(assignments__presenter=filters.presenter)
    if filters.school:
        qs = qs.filter(booking__school=filters.school)
    return qs


def open_schools(filters):
    qs = School.objects.filter(is_open=True)
    if filters.district:
        qs = qs.filter(district=filters.district)
    if filters.school:
        qs = qs.filter(pk=filters.school)
    return qs


def training_registrations(filters):
    start, end = academic_year_bounds(filters.year)
    qs = Registration.objects.filter(
        event__start__gte=start,
        event__start__lt=end,
        event__status=TrainingEvent.Status.SCHEDULED,
    )
    if filters.district:
        qs = qs.filter(school__district=filters.district)
    if filters.school:
        qs = qs.filter(school=filters.school)
    return qs


# The report ------------------------------------------------------------------------

# The parts of a report; each page and export asks only for what it shows, and
# each part is one or two queries (kept in the cache: training/reports/cache.py).
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

    @property
    def coverage_share(self):
        return self.schools_reached_open / self.open_schools if self.open_schools else None

    @property
    def schools_reached_open(self):
        return sum(row["reached"] for row in self.coverage)


def build_report(filters, parts=EVERYTHING, *, not_reached_limit=None):
    """The figures of these parts of the dashboard for these filters, in a fixed
    number of queries (none for a part already in the cache and still current).

    `not_reached_limit` lists only the first schools not reached (a page); their
    number is part of the coverage.
    """
    parts = frozenset(parts)
    report = Report(filters=filters, parts=parts)
    wanted = parts - {REACH} if COVERAGE in parts else parts  # coverage counts the reach
    found = cache.fetch(
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


def _deliveries_part(filters, _limit):
    """One pass over the deliveries, grouped by session and month. The totals, the
    session rows and the month rows are sums of these cells: every aggregate is a
    count or a sum, and each delivery is one row, so they add up exactly."""
    cells = _cells(delivered(filters))
    return {
        "deliveries": sum(c["deliveries"] for c in cells),
        "pupils_reached": sum(c["pupils_reached"] or 0 for c in cells),
        "pupils": PupilFigures.from_row(_fold(cells, PUPIL_TOTALS)),
        "teachers": TeacherFigures.from_row(_fold(cells, TEACHER_TOTALS)),
        "sessions": _sessions(cells),
        "months": _months(filters, cells),
    }


def _training_part(filters, _limit):
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


def _cells(deliveries):
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


def _fold(cells, keys=COUNTS):
    """The sum of grouped aggregate rows (None counts as 0)."""
    total = dict.fromkeys(keys, 0)
    for cell in cells:
        for key in keys:
            total[key] += cell[key] or 0
    return total


def _fold_by(cells, group):
    groups = {}
    for cell in cells:
        groups.setdefault(group(cell), []).append(cell)
    return {g: _fold(members) for g, members in groups.items()}


def _sessions(cells):
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


def _months(filters, cells):
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


def _schools_in_scope(filters):
    schools = School.objects.all()
    if filters.district:
        schools = schools.filter(district=filters.district)
    if filters.school:
        schools = schools.filter(pk=filters.school)
    return schools


def _reached(filters):
    """Whether a school had a delivery matching the filters: an EXISTS that
    PostgreSQL answers per school through the booking, delivery and register
    indexes (a few index probes each). (An IN inside a count's filter ran as a
    subplan that scanned every delivery per school: minutes at national scale.)"""
    return Exists(delivered(filters).filter(booking__school=OuterRef("pk")))


def _reach_part(filters, _limit):
    return {"schools_reached": _schools_in_scope(filters).filter(_reached(filters)).count()}


def _coverage_part(filters, _limit):
    """Schools reached, open schools and coverage by district: the schools in scope
    counted in the database by district, open or closed, and reached or not (at most
    four rows a district), so nothing here grows with the number of schools."""
    rows = (
        _schools_in_scope(filters)
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


def _not_reached_part(filters, limit):
    """The open schools not reached, by district and name; only the first `limit`
    when given.

    The first few: PostgreSQL probes the schools in that order until it has them
    (a few hundred probes for a page). All of them: the test is in the select list,
    so that it is one probe per school, as for the coverage; as a NOT EXISTS in the
    WHERE clause PostgreSQL made it an anti-join that hashed every delivery of the
    year, three times slower at national scale.
    """
    open_schools = (
        _schools_in_scope(filters).filter(is_open=True).order_by("district__name", "name", "pk")
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
        school = School.from_db(
            School.objects.db, LOADED, (pk, name, urn, phase, district_id, is_open)
        )
        School.district.field.set_cached_value(school, district)
        schools.append(school)
    return {"not_reached": schools}


LOADED = ("id", "name", "urn", "phase", "district_id", "is_open")
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
    DELIVERIES: cache.DELIVERIES,
    REACH: cache.SCHOOLS,
    COVERAGE: cache.SCHOOLS,
    NOT_REACHED: cache.SCHOOLS,
    TRAINING: cache.TRAINING,
}


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value


def _training_totals(registrations):
    row = registrations.aggregate(
        events=Count("event", distinct=True),
        confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
        attended=Count("id", filter=Q(attendance=Registration.Attendance.ATTENDED)),
        absent=Count(
            "id",
            filter=Q(
                status=Registration.Status.CONFIRMED, attendance=Registration.Attendance.ABSENT
            ),
        ),
        waitlisted=Count("id", filter=Q(status=Registration.Status.WAITLISTED)),
        events_with_waiting_list=Count(
            "event", filter=Q(status=Registration.Status.WAITLISTED), distinct=True
        ),
    )
    return _with_rates(row)


def _with_rates(row):
    marked = row["attended"] + row["absent"]
    row["attendance_rate"] = row["attended"] / marked if marked else None
    row["no_show_rate"] = row["absent"] / marked if marked else None
    return row


def _courses(registrations):
    rows = (
        registrations.values("event__course__title")
        .annotate(
            events=Count("event", distinct=True),
            confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
            attended=Count("id", filter=Q(attendance=Registration.Attendance.ATTENDED)),
            absent=Count(
                "id",
                filter=Q(
                    status=Registration.Status.CONFIRMED,
                    attendance=Registration.Attendance.ABSENT,
                ),
            ),
            waitlisted=Count("id", filter=Q(status=Registration.Status.WAITLISTED)),
        )
        .order_by("event__course__title")
    )
    return [_with_rates({**r, "title": r.pop("event__course__title")}) for r in rows]
