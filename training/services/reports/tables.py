"""The report's tables: what the page shows beside each chart, and what exports contain."""

from __future__ import annotations

from dataclasses import dataclass

from cms.models import SessionPage
from schools.models import School

from .cells import Blank, high, low, share
from .figures import COVERAGE, DELIVERIES, NEVER_REACHED, NOT_REACHED, REACH, TRAINING, Report
from .filters import academic_year_label
from .statistics import Figure

Audience = SessionPage.Audience
PHASES = dict(School.Phase.choices)  # a plain lookup: the national list has thousands


@dataclass
class Table:
    slug: str
    title: str
    headers: list
    rows: list  # values, never their text: see cells.py
    left_off: int = 0  # rows not shown on the page (the downloads have them all)
    sheet: str = ""  # the spreadsheet's sheet name (at most 31 characters); the title if empty
    download_only: frozenset = frozenset()  # headers of columns the page leaves out

    @property
    def sheet_title(self) -> str:
        return self.sheet or self.title

    @property
    def page_headers(self) -> list:
        return [h for h in self.headers if h not in self.download_only]

    @property
    def page_rows(self) -> list:
        """The rows as the page shows them: without the download-only columns."""
        if not self.download_only:
            return self.rows
        kept = [i for i, h in enumerate(self.headers) if h not in self.download_only]
        return [[row[i] for i in kept] for row in self.rows]


# The parts of a report (figures.py) each table is made from: a download builds
# only those.
TABLE_PARTS = {
    "summary": frozenset({DELIVERIES, COVERAGE}),
    "coverage": frozenset({COVERAGE}),
    "not-reached": frozenset({NOT_REACHED}),
    "never-reached": frozenset({NEVER_REACHED}),
    "pupil-confidence": frozenset({DELIVERIES}),
    "teacher-ratings": frozenset({DELIVERIES}),
    "sessions": frozenset({DELIVERIES}),
    "months": frozenset({DELIVERIES}),
    "training": frozenset({TRAINING}),
}


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
                    [r["district__name"], r["total"], r["reached"], share(r["share"])]
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
    if NEVER_REACHED in parts:
        result.append(_never_reached(report))
    if DELIVERIES in parts:
        result += _delivery_tables(report)
    if TRAINING in parts:
        result.append(_training(report))
    return result


def _never_reached(report: Report) -> Table:
    """The open schools whose pupils no session has reached in any year, with each
    school's designated safeguarding leads to contact. A school may have none: the
    page says so, and the downloads keep the cells empty with a yes or no column."""
    rows = []
    for s in report.never_reached:
        contacts = report.contacts.get(s.pk, [])
        rows.append(
            [
                s.name,
                s.urn,
                s.district.name,
                PHASES.get(s.phase, s.phase),
                "; ".join(name for name, _email in contacts) or NO_DSL,
                "; ".join(email for _name, email in contacts) or NO_EMAIL,
                bool(contacts),
            ]
        )
    return Table(
        "never-reached",
        "Open schools never reached in any year",
        ["School", "URN", "District", "Phase", "DSL name", "DSL email", DSL_REGISTERED],
        rows,
        left_off=max(report.never_reached_count - len(rows), 0),
        sheet="Never reached",
        download_only=frozenset({DSL_REGISTERED}),
    )


NO_DSL = Blank("No DSL registered")
NO_EMAIL = Blank("None")
DSL_REGISTERED = "DSL registered"


def _summary(report: Report) -> Table:
    rows = [
        ["Academic year", academic_year_label(report.filters.year)],
        ["Deliveries", report.deliveries],
        ["Pupils reached", report.pupils_reached],
        ["Staff trained", report.staff_reached],
        ["Parents and carers reached", report.parents_reached],
        ["Schools reached", report.schools_reached],
    ]
    if COVERAGE in report.parts:
        rows += [
            ["Open schools", report.open_schools],
            ["Coverage of open schools", share(report.coverage_share)],
        ]
    return Table("summary", "Summary", ["Figure", "Value"], rows)


MEASURE_HEADERS = ["Measure", "Value", "95% interval from", "95% interval to", "Responses"]
SESSION_HEADERS = [
    "Session",
    "Audience",
    "Deliveries",
    "Pupils reached",
    "Staff trained",
    "Parents and carers reached",
    "Pupil responses",
    "Confidence before",
    "Confidence after",
    "Change",
    "Know who to talk to",
    "Teacher responses",
    "Teacher quality rating",
    "Would recommend",
]
MONTH_HEADERS = [
    "Month",
    "Deliveries",
    "Pupils reached",
    "Staff trained",
    "Parents and carers reached",
    "Pupil responses",
    "Confidence after",
]


def _measure(label: str, figure: Figure) -> list:
    """One figure's row: what it measures, its value, its interval and its responses."""
    return [label, figure, low(figure), high(figure), figure.n]


def _delivery_tables(report: Report) -> list[Table]:
    p, t = report.pupils, report.teachers
    return [
        Table(
            "pupil-confidence",
            "Pupil confidence and who to talk to",
            MEASURE_HEADERS,
            [
                _measure("Confidence before (1 to 5)", p.before),
                _measure("Confidence after (1 to 5)", p.after),
                _measure("Change (paired)", p.change),
                _measure("Know who to talk to", p.knows),
            ],
            sheet="Pupil confidence",
        ),
        Table(
            "teacher-ratings",
            "Teacher ratings of school sessions",
            MEASURE_HEADERS,
            [
                _measure("Relevance (1 to 5)", t.relevance),
                _measure("Quality (1 to 5)", t.quality),
                _measure("Pupil engagement (1 to 5)", t.engagement),
                _measure("Would recommend", t.recommend),
            ],
        ),
        Table(
            "sessions", "By session", SESSION_HEADERS, [_session_row(r) for r in report.sessions]
        ),
        Table("months", "Month by month", MONTH_HEADERS, [_month_row(r) for r in report.months]),
    ]


def _session_row(r: dict) -> list:
    """A session's row: only its own audience's count of people reached, and pupil
    figures only for a session for pupils (other cells are empty)."""
    pupils, teachers, audience = r["pupils"], r["teachers"], r["audience"]
    for_pupils = audience == Audience.PUPILS
    return [
        r["title"],
        audience.label,
        r["deliveries"],
        r["pupils_reached"] if for_pupils else None,
        r["staff_reached"] if audience == Audience.STAFF else None,
        r["parents_reached"] if audience == Audience.PARENTS else None,
        *(
            [pupils.responses, pupils.before, pupils.after, pupils.change, pupils.knows]
            if for_pupils
            else [None] * 5
        ),
        teachers.quality.n,
        teachers.quality,
        teachers.recommend,
    ]


def _month_row(r: dict) -> list:
    return [
        r["month"],
        r["deliveries"],
        r["pupils_reached"],
        r["staff_reached"],
        r["parents_reached"],
        r["pupils"].after.n,
        r["pupils"].after,
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
        sheet="Training attendance",
    )


def _course_row(title: str, r: dict) -> list:
    """One course's attendance row, or the total row over every course."""
    return [
        title,
        r["events"],
        r["confirmed"],
        r["attended"],
        r["absent"],
        share(r["attendance_rate"]),
        share(r["no_show_rate"]),
        r["waitlisted"],
    ]
