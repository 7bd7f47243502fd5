"""The report's tables: what the page shows beside each chart, and what exports contain."""

from dataclasses import dataclass, replace

from schools.models import School

from .figures import academic_year_label

PHASES = dict(School.Phase.choices)  # a plain lookup: the national list has thousands


@dataclass
class Table:
    slug: str
    title: str
    headers: list
    rows: list
    left_off: int = 0  # rows not shown on the page (the downloads have them all)

    def first(self, limit):
        """The table cut to its first `limit` rows, for a page."""
        if len(self.rows) <= limit:
            return self
        return replace(self, rows=self.rows[:limit], left_off=len(self.rows) - limit)


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
                    [s.name, s.urn, s.district.name, PHASES.get(s.phase, s.phase)]
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
