"""The effectiveness figures: what was delivered, who was reached, what changed.

Every figure is aggregated in the database with a fixed number of queries,
whatever the number of rows. Figures from too few responses are suppressed (so
that no pupil or teacher can be picked out and small samples do not mislead):
they carry `suppressed=True` and read "fewer than 10 responses". See
docs/reports.md for the definitions.
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from schools.models import Booking, Delivery, School
from training.models import PupilResponse, Registration, TeacherFeedback, TrainingEvent

PUPIL_MINIMUM = 10
TEACHER_MINIMUM = 5

# Two-sided 95% critical values of Student's t by degrees of freedom; beyond the
# table the normal value is within 0.5% of the exact one.
T_975 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
    9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131,
    16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074,
    23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045,
    30: 2.042, 40: 2.021, 60: 2.000, 80: 1.990, 100: 1.984, 120: 1.980,
}  # fmt: skip


def t_critical(df):
    if df in T_975:
        return T_975[df]
    larger = [k for k in T_975 if k > df]
    return T_975[min(larger)] if larger else 1.96


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


# Figures -----------------------------------------------------------------------


@dataclass
class Figure:
    """A number with the count of responses behind it, or a suppressed one."""

    value: float | None
    n: int = 0
    low: float | None = None
    high: float | None = None
    minimum: int = 0
    kind: str = "mean"  # mean, share (0-1) or count

    @property
    def suppressed(self):
        return self.n < self.minimum

    def __str__(self):
        if self.n == 0:
            return "no responses"
        if self.suppressed:
            return f"fewer than {self.minimum} responses"
        if self.value is None:
            return "none"
        if self.kind == "share":
            return f"{self.value:.0%}"
        if self.kind == "change":
            return f"{self.value:+.2f}"
        return f"{self.value:.2f}"

    @property
    def interval(self):
        if self.suppressed or self.low is None:
            return ""
        fmt = {"change": "{:+.2f}", "share": "{:.0%}"}.get(self.kind, "{:.2f}")
        return f"{fmt.format(self.low)} to {fmt.format(self.high)}"

    @property
    def percent(self):
        """0-100 for bar charts (means on a 1-5 scale map to 0-100)."""
        if self.suppressed or self.value is None:
            return 0
        if self.kind == "share":
            return round(self.value * 100)
        return round(max(self.value, 0) / 5 * 100)


def mean_figure(n, total, total_squares, minimum, kind="mean"):
    """Mean and 95% interval (Student's t) from a count, a sum and a sum of squares."""
    n = n or 0
    if n == 0:
        return Figure(None, 0, minimum=minimum, kind=kind)
    mean = total / n
    if n < 2:
        return Figure(mean, n, minimum=minimum, kind=kind)
    variance = max((total_squares - total * total / n) / (n - 1), 0.0)
    half = t_critical(n - 1) * math.sqrt(variance / n)
    return Figure(mean, n, mean - half, mean + half, minimum=minimum, kind=kind)


def share_figure(yes, n, minimum):
    """A proportion with its Wilson 95% interval (sound near 0% and 100%)."""
    n = n or 0
    if n == 0:
        return Figure(None, 0, minimum=minimum, kind="share")
    p = yes / n
    z = 1.96
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return Figure(p, n, centre - half, centre + half, minimum=minimum, kind="share")


def pupil_aggregates(prefix=""):
    """Aggregate expressions over PupilResponse (or a relation to it, via prefix)."""
    before, after = F(f"{prefix}before_confidence"), F(f"{prefix}after_confidence")
    paired = Q(**{f"{prefix}before_confidence__isnull": False}) & Q(
        **{f"{prefix}after_confidence__isnull": False}
    )
    answered = ~Q(**{f"{prefix}knows_who_to_talk_to": ""}) & Q(
        **{f"{prefix}knows_who_to_talk_to__isnull": False}
    )
    return {
        "b_n": Count(f"{prefix}before_confidence"),
        "b_sum": Sum(before),
        "b_sq": Sum(before * before),
        "a_n": Count(f"{prefix}after_confidence"),
        "a_sum": Sum(after),
        "a_sq": Sum(after * after),
        "d_n": Count(f"{prefix}id", filter=paired),
        "d_sum": Sum(after - before, filter=paired),
        "d_sq": Sum((after - before) * (after - before), filter=paired),
        "k_yes": Count(f"{prefix}id", filter=Q(**{f"{prefix}knows_who_to_talk_to": "yes"})),
        "k_n": Count(f"{prefix}id", filter=answered),
    }


@dataclass
class PupilFigures:
    before: Figure
    after: Figure
    change: Figure
    knows: Figure

    @classmethod
    def from_row(cls, row):
        m = PUPIL_MINIMUM
        return cls(
            before=mean_figure(row["b_n"], row["b_sum"] or 0, row["b_sq"] or 0, m),
            after=mean_figure(row["a_n"], row["a_sum"] or 0, row["a_sq"] or 0, m),
            change=mean_figure(row["d_n"], row["d_sum"] or 0, row["d_sq"] or 0, m, "change"),
            knows=share_figure(row["k_yes"], row["k_n"], m),
        )

    @property
    def responses(self):
        return max(self.before.n, self.after.n)


def teacher_aggregates():
    return {
        "n": Count("id"),
        "rel_sum": Sum("relevance"),
        "rel_sq": Sum(F("relevance") * F("relevance")),
        "qual_sum": Sum("quality"),
        "qual_sq": Sum(F("quality") * F("quality")),
        "eng_n": Count("engagement"),
        "eng_sum": Sum("engagement"),
        "eng_sq": Sum(F("engagement") * F("engagement")),
        "rec_yes": Count("id", filter=Q(would_recommend=True)),
    }


@dataclass
class TeacherFigures:
    relevance: Figure
    quality: Figure
    engagement: Figure
    recommend: Figure

    @classmethod
    def from_row(cls, row):
        m, n = TEACHER_MINIMUM, row["n"]
        return cls(
            relevance=mean_figure(n, row["rel_sum"] or 0, row["rel_sq"] or 0, m),
            quality=mean_figure(n, row["qual_sum"] or 0, row["qual_sq"] or 0, m),
            engagement=mean_figure(row["eng_n"], row["eng_sum"] or 0, row["eng_sq"] or 0, m),
            recommend=share_figure(row["rec_yes"], n, m),
        )


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


@dataclass
class Report:
    filters: Filters
    deliveries: int = 0
    pupils_reached: int = 0
    schools_reached: int = 0
    open_schools: int = 0
    coverage: list = field(default_factory=list)
    not_reached: list = field(default_factory=list)
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


def build_report(filters, *, include_schools=True, include_training=True):
    """Every figure of the dashboard for these filters, in a fixed number of queries."""
    report = Report(filters=filters)
    deliveries = delivered(filters)

    totals = deliveries.aggregate(
        deliveries=Count("id", distinct=True),
        pupils=Sum("register__pupils_reached"),
        schools=Count("booking__school", distinct=True),
    )
    report.deliveries = totals["deliveries"]
    report.pupils_reached = totals["pupils"] or 0
    report.schools_reached = totals["schools"]

    reached_ids = deliveries.values("booking__school")
    if include_schools:
        report.coverage = [
            {**row, "share": row["reached"] / row["total"] if row["total"] else 0}
            for row in open_schools(filters)
            .values("district__name")
            .annotate(total=Count("id"), reached=Count("id", filter=Q(id__in=reached_ids)))
            .order_by("district__name")
        ]
        report.open_schools = sum(row["total"] for row in report.coverage)
        report.not_reached = list(
            open_schools(filters)
            .exclude(id__in=reached_ids)
            .select_related("district")
            .order_by("district__name", "name")
        )

    # One pass over the answers, grouped by session and month; the totals, the
    # session rows and the month rows are sums of these cells (every aggregate
    # is a count or a sum, so they add up exactly).
    session_key = "delivery__booking__session"
    pupil_cells = list(
        PupilResponse.objects.filter(delivery__in=deliveries.values("id"))
        .annotate(month=TruncMonth("delivery__start"))
        .values(session_key, "month")
        .annotate(**pupil_aggregates())
        .order_by()
    )
    teacher_cells = list(
        TeacherFeedback.objects.filter(delivery__in=deliveries.values("id"))
        .values(session_key)
        .annotate(**teacher_aggregates())
        .order_by()
    )
    report.pupils = PupilFigures.from_row(_fold(pupil_cells, pupil_aggregates()))
    report.teachers = TeacherFigures.from_row(_fold(teacher_cells, teacher_aggregates()))

    report.sessions = _sessions(
        deliveries,
        _fold_by(pupil_cells, pupil_aggregates(), lambda c: c[session_key]),
        _fold_by(teacher_cells, teacher_aggregates(), lambda c: c[session_key]),
    )
    report.months = _months(
        filters,
        deliveries,
        _fold_by(pupil_cells, pupil_aggregates(), lambda c: _as_date(c["month"])),
    )

    if include_training:
        registrations = training_registrations(filters)
        report.training = _training_totals(registrations)
        report.courses = _courses(registrations)
        report.training_teachers = TeacherFigures.from_row(
            TeacherFeedback.objects.filter(
                event__in=registrations.values("event"),
                **({"school": filters.school} if filters.school else {}),
            ).aggregate(**teacher_aggregates())
        )
    return report


def _fold(cells, keys):
    """The sum of grouped aggregate rows (None counts as 0)."""
    total = dict.fromkeys(keys, 0)
    for cell in cells:
        for key in keys:
            total[key] += cell[key] or 0
    return total


def _fold_by(cells, keys, group):
    groups = {}
    for cell in cells:
        groups.setdefault(group(cell), []).append(cell)
    return {g: _fold(members, keys) for g, members in groups.items()}


def _sessions(deliveries, pupil_rows, teacher_rows):
    rows = {
        r["booking__session"]: {
            "title": r["booking__session__title"],
            "deliveries": r["n"],
            "pupils_reached": r["pupils"] or 0,
        }
        for r in deliveries.values("booking__session", "booking__session__title")
        .annotate(n=Count("id", distinct=True), pupils=Sum("register__pupils_reached"))
        .order_by()
    }
    empty_pupils = dict.fromkeys(pupil_aggregates(), 0)
    empty_teacher = dict.fromkeys(teacher_aggregates(), 0)
    for pk, row in rows.items():
        row["pupils"] = PupilFigures.from_row(pupil_rows.get(pk, empty_pupils))
        row["teachers"] = TeacherFigures.from_row(teacher_rows.get(pk, empty_teacher))
    return sorted(rows.values(), key=lambda r: r["title"])


def _months(filters, deliveries, pupil_rows):
    start, _ = academic_year_bounds(filters.year)
    months = {}
    for i in range(12):
        month = date(start.year + (start.month + i - 1) // 12, (start.month + i - 1) % 12 + 1, 1)
        months[month] = {"month": month, "deliveries": 0, "pupils_reached": 0}
    for r in (
        deliveries.annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(n=Count("id", distinct=True), pupils=Sum("register__pupils_reached"))
        .order_by()
    ):
        month = _as_date(r["month"])
        if month in months:
            months[month].update(deliveries=r["n"], pupils_reached=r["pupils"] or 0)
    empty = dict.fromkeys(pupil_aggregates(), 0)
    for month, row in months.items():
        row["pupils"] = PupilFigures.from_row(pupil_rows.get(month, empty))
    most = max((r["deliveries"] for r in months.values()), default=0)
    for row in months.values():
        row["percent"] = round(row["deliveries"] / most * 100) if most else 0
    return list(months.values())


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


# Tables (what the page shows beside each chart, and what exports contain) --------------


@dataclass
class Table:
    slug: str
    title: str
    headers: list
    rows: list


def _pct(value):
    return "" if value is None else f"{value:.0%}"


def tables(report, *, include_schools=True, include_training=True):
    """Every table of the report, in page order, with suppression already applied."""
    p, t = report.pupils, report.teachers
    result = [
        Table(
            "summary",
            "Summary",
            ["Figure", "Value"],
            [
                ["Academic year", academic_year_label(report.filters.year)],
                ["Deliveries", report.deliveries],
                ["Pupils reached", report.pupils_reached],
                ["Schools reached", report.schools_reached],
            ]
            + (
                [
                    ["Open schools", report.open_schools],
                    ["Coverage of open schools", _pct(report.coverage_share)],
                ]
                if include_schools
                else []
            ),
        ),
    ]
    if include_schools:
        result += [
            Table(
                "coverage",
                "Schools reached by district",
                ["District", "Open schools", "Schools reached", "Coverage"],
                [
                    [r["district__name"], r["total"], r["reached"], _pct(r["share"])]
                    for r in report.coverage
                ],
            ),
            Table(
                "not-reached",
                "Open schools not reached",
                ["School", "URN", "District", "Phase"],
                [
                    [s.name, s.urn, s.district.name, s.get_phase_display()]
                    for s in report.not_reached
                ],
            ),
        ]
    result += [
        Table(
            "pupil-confidence",
            "Pupil confidence and who to talk to",
            ["Measure", "Value", "95% interval", "Responses"],
            [
                ["Confidence before (1 to 5)", str(p.before), p.before.interval, p.before.n],
                ["Confidence after (1 to 5)", str(p.after), p.after.interval, p.after.n],
                ["Change (paired)", str(p.change), p.change.interval, p.change.n],
                ["Know who to talk to", str(p.knows), p.knows.interval, p.knows.n],
            ],
        ),
        Table(
            "teacher-ratings",
            "Teacher ratings of school sessions",
            ["Measure", "Value", "95% interval", "Responses"],
            [
                ["Relevance (1 to 5)", str(t.relevance), t.relevance.interval, t.relevance.n],
                ["Quality (1 to 5)", str(t.quality), t.quality.interval, t.quality.n],
                [
                    "Pupil engagement (1 to 5)",
                    str(t.engagement),
                    t.engagement.interval,
                    t.engagement.n,
                ],
                ["Would recommend", str(t.recommend), t.recommend.interval, t.recommend.n],
            ],
        ),
        Table(
            "sessions",
            "By session",
            [
                "Session",
                "Deliveries",
                "Pupils reached",
                "Pupil responses",
                "Confidence before",
                "Confidence after",
                "Change",
                "Know who to talk to",
                "Teacher responses",
                "Teacher quality rating",
                "Would recommend",
            ],
            [
                [
                    r["title"],
                    r["deliveries"],
                    r["pupils_reached"],
                    r["pupils"].responses,
                    str(r["pupils"].before),
                    str(r["pupils"].after),
                    str(r["pupils"].change),
                    str(r["pupils"].knows),
                    r["teachers"].quality.n,
                    str(r["teachers"].quality),
                    str(r["teachers"].recommend),
                ]
                for r in report.sessions
            ],
        ),
        Table(
            "months",
            "Month by month",
            ["Month", "Deliveries", "Pupils reached", "Pupil responses", "Confidence after"],
            [
                [
                    f"{r['month']:%B %Y}",
                    r["deliveries"],
                    r["pupils_reached"],
                    r["pupils"].after.n,
                    str(r["pupils"].after),
                ]
                for r in report.months
            ],
        ),
    ]
    if include_training:
        tr = report.training
        result.append(
            Table(
                "training",
                "Staff training attendance and demand",
                [
                    "Course",
                    "Events",
                    "Confirmed places",
                    "Attended",
                    "Absent",
                    "Attendance rate",
                    "No-show rate",
                    "On waiting list",
                ],
                [
                    [
                        r["title"],
                        r["events"],
                        r["confirmed"],
                        r["attended"],
                        r["absent"],
                        _pct(r["attendance_rate"]),
                        _pct(r["no_show_rate"]),
                        r["waitlisted"],
                    ]
                    for r in report.courses
                ]
                + (
                    [
                        [
                            "All courses",
                            tr["events"],
                            tr["confirmed"],
                            tr["attended"],
                            tr["absent"],
                            _pct(tr["attendance_rate"]),
                            _pct(tr["no_show_rate"]),
                            tr["waitlisted"],
                        ]
                    ]
                    if report.courses
                    else []
                ),
            )
        )
    return result
