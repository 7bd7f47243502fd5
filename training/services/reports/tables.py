"""The report's tables: what the page shows beside each chart, and what exports contain."""

from __future__ import annotations

from dataclasses import dataclass

from schools.models import School

from .figures import COVERAGE, DELIVERIES, NOT_REACHED, REACH, TRAINING, Report
from .filters import academic_year_label

PHASES = dict(School.Phase.choices)  # a plain lookup: the national list has thousands


@dataclass
class Table:
    slug: str
    title: str
    headers: list
    rows: list
    left_off: int = 0  # rows not shown on the page (the downloads have them all)


# The parts of a report (figures.py) each table is made from: a download builds
# only those.
TABLE_PARTS = {
    "summary": frozenset({DELIVERIES, COVERAGE}),
    "coverage": frozenset({COVERAGE}),
    "not-reached": frozenset({NOT_REACHED}),
    "pupil-confidence": frozenset({DELIVERIES}),
    "teacher-ratings": frozenset({DELIVERIES}),
    "sessions": frozenset({DELIVERIES}),
    "months": frozenset({DELIVERIES}),
    "training": frozenset({TRAINING}),
}


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def tables(report: Report) -> list[Table]:
    """Every table the report has the figures for, in page order, with suppression
    already applied. A school's report (figures.SCHOOL_PARTS) has its summary
    without the county-wide coverage, and no coverage or schools not reached."""
    parts = report.parts
    result = []
    if DELIVERIES in parts and parts & {REACH, COVERAGE}:
        result.append(_summary(report))
    if COVERAGE in parts:
        result.append(
            Table(
                "coverage",
                "Schools reached by district",
                ["District", "Open schools", "Schools reached", "Coverage"],
                [
                    [r["district__name"], r["total"], r["reached"], _pct(r["share"])]
                    for r in report.coverage
                ],
            )
        )
    if NOT_REACHED in parts:
        listed = len(report.not_reached)
        result.append(
            Table(
                "not-reached",
                "Open schools not reached",
                ["School", "URN", "District", "Phase"],
                [
                    [s.name, s.urn, s.district.name, PHASES.get(s.phase, s.phase)]
                    for s in report.not_reached
                ],
                left_off=max(report.not_reached_count - listed, 0) if COVERAGE in parts else 0,
            )
        )
    if DELIVERIES in parts:
        result += _delivery_tables(report)
    if TRAINING in parts:
        result.append(_training(report))
    return result


def _summary(report: Report) -> Table:
    rows = [
        ["Academic year", academic_year_label(report.filters.year)],
        ["Deliveries", report.deliveries],
        ["Pupils reached", report.pupils_reached],
        ["Schools reached", report.schools_reached],
    ]
    if COVERAGE in report.parts:
        rows += [
            ["Open schools", report.open_schools],
            ["Coverage of open schools", _pct(report.coverage_share)],
        ]
    return Table("summary", "Summary", ["Figure", "Value"], rows)


def _delivery_tables(report: Report) -> list[Table]:
    p, t = report.pupils, report.teachers
    return [
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


def _training(report: Report) -> Table:
    tr = report.training
    return Table(
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
        [_course_row(r["title"], r) for r in report.courses]
        + ([_course_row("All courses", tr)] if report.courses else []),
    )


def _course_row(title: str, r: dict) -> list:
    """One course's attendance row, or the total row over every course."""
    return [
        title,
        r["events"],
        r["confirmed"],
        r["attended"],
        r["absent"],
        _pct(r["attendance_rate"]),
        _pct(r["no_show_rate"]),
        r["waitlisted"],
    ]
