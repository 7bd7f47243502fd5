"""Synthetic national-scale data for bench/reports_scale.py, loaded with PostgreSQL's COPY.

England has about 24,000 state schools in some 320 local authority districts.
This makes that many schools (5% closed, 80% of the rest reached), 300,000
school deliveries in academic year 2025 to 2026 (4% cancelled, 3% still
scheduled with a register, the rest delivered), a register for each one that
took place, 5,000,000 anonymous pupil answers (0 to 34 a delivery, so some fall
under the suppression threshold), teacher feedback on half the deliveries, and
600 training events with 15,000 registrations.

Rows are written as COPY text (psycopg 3's `cursor.copy`) with their ids chosen
here, then the id sequences are moved past them. The database's own constraints
and foreign keys stay on and check every row. Wagtail pages (sessions and
courses) are made with the test factories, as they need the page tree.
"""

import random
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection

SCHOOLS = 24_000
DISTRICTS = 320
DELIVERIES = 300_000
RESPONSES = 5_000_000
PRESENTERS = 1_000
SESSIONS = 40
TOPICS = 8
COURSES = 6
EVENTS = 600
PER_EVENT = 25
STAFF = 5_000
YEAR = 2025  # academic year 2025 to 2026

LONDON = ZoneInfo("Europe/London")
NULL = "\\N"
CREATED = "2025-08-01T09:00:00+00:00"
CHUNK = 200_000  # lines per COPY statement (each its own transaction)


def _quoted(columns):
    return ", ".join(f'"{c}"' for c in columns)


def copy_lines(model, columns, lines):
    """COPY text lines (tab-separated, newline-ended) into the model's table."""
    expected = {f.column for f in model._meta.concrete_fields}
    assert set(columns) == expected, sorted(expected ^ set(columns))
    sql = f"COPY {model._meta.db_table} ({_quoted(columns)}) FROM STDIN"
    count = 0
    buffer = []
    with connection.cursor() as cursor:

        def flush():
            with cursor.copy(sql) as copy:
                copy.write("".join(buffer))
            buffer.clear()

        for line in lines:
            buffer.append(line)
            count += 1
            if len(buffer) >= CHUNK:
                flush()
        if buffer:
            flush()
    return count


def next_id(model):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {model._meta.db_table}")  # noqa: S608
        return cursor.fetchone()[0]


def move_sequence(model):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM {table}))",  # noqa: S608
            [table],
        )


def weekdays(start, end):
    day, days = start, []
    while day < end:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def at(day, hour, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def iso(moment):
    return moment.isoformat()


class Loader:
    def __init__(self, out=print):
        self.rng = random.Random(YEAR)
        self.out = out
        self.timings = []

    def step(self, label, func):
        started = time.perf_counter()
        rows = func()
        seconds = time.perf_counter() - started
        self.timings.append((label, rows, seconds))
        self.out(f"  {label:<28} {rows:>10,} rows {seconds:7.1f} s")
        return rows

    def load(self):
        started = time.perf_counter()
        self.step("sessions, courses (pages)", self.pages)
        self.step("districts", self.districts)
        self.step("schools", self.schools)
        self.step("people", self.people)
        self.step("school memberships", self.memberships)
        self.step("bookings", self.bookings)
        self.step("deliveries", self.deliveries)
        self.step("presenter assignments", self.assignments)
        self.step("registers", self.registers)
        self.step("pupil responses", self.pupil_responses)
        self.step("teacher feedback", self.teacher_feedback)
        self.step("training events", self.events)
        self.step("registrations", self.registrations)
        self.step("feedback totals (rebuild)", self.feedback_totals)
        self.step("sequences, VACUUM ANALYZE", self.finish)
        return time.perf_counter() - started

    # Pages and people ---------------------------------------------------------------

    def pages(self):
        from tests.factories import cms

        topics = [cms.topic(f"Topic {i + 1}") for i in range(TOPICS)]
        self.sessions = [
            cms.session_page(title=f"Session {i + 1:02d}", topics=[topics[i % TOPICS]]).pk
            for i in range(SESSIONS)
        ]
        self.courses = [cms.course_page(title=f"Course {i + 1}").pk for i in range(COURSES)]
        return SESSIONS + COURSES

    def districts(self):
        from schools.models import District

        first = next_id(District)
        self.district_ids = list(range(first, first + DISTRICTS))
        return copy_lines(
            District,
            ["id", "name"],
            (f"{pk}\tDistrict {i + 1:03d}\n" for i, pk in enumerate(self.district_ids)),
        )

    def schools(self):
        from schools.models import School

        first = next_id(School)
        self.school_ids = list(range(first, first + SCHOOLS))
        rng = self.rng
        open_flags = [rng.random() >= 0.05 for _ in self.school_ids]
        open_ids = [pk for pk, is_open in zip(self.school_ids, open_flags, strict=True) if is_open]
        self.reached = rng.sample(open_ids, int(len(open_ids) * 0.8))
        phases = ["primary"] * 3 + ["secondary"]
        lines = (
            f"{pk}\t{900000 + i}\tSchool {i + 1:05d}\t{phases[i % 4]}\t"
            f"{self.district_ids[i % DISTRICTS]}\tWS1 1AA\t{200 + i % 1200}\t"
            f"{'t' if open_flags[i] else 'f'}\tbench-{pk}\n"
            for i, pk in enumerate(self.school_ids)
        )
        return copy_lines(
            School,
            [
                "id",
                "urn",
                "name",
                "phase",
                "district_id",
                "postcode",
                "number_of_pupils",
                "is_open",
                "calendar_token",
            ],
            lines,
        )

    def people(self):
        from django.contrib.auth import get_user_model

        User = get_user_model()
        first = next_id(User)
        self.presenter_ids = list(range(first, first + PRESENTERS))
        self.staff_ids = list(range(first + PRESENTERS, first + PRESENTERS + STAFF))
        lines = (
            f"{pk}\t!\t{NULL}\tf\tFirst{pk}\tLast{pk}\tf\tt\t{CREATED}\tbench{pk}@example.org\n"
            for pk in self.presenter_ids + self.staff_ids
        )
        return copy_lines(
            User,
            [
                "id",
                "password",
                "last_login",
                "is_superuser",
                "first_name",
                "last_name",
                "is_staff",
                "is_active",
                "date_joined",
                "email",
            ],
            lines,
        )

    def memberships(self):
        from schools.models import SchoolMembership

        first = next_id(SchoolMembership)
        self.staff_school = {pk: self.rng.choice(self.school_ids) for pk in self.staff_ids}
        lines = (
            f"{first + i}\t{pk}\t{self.staff_school[pk]}\tteacher\tapproved\t{CREATED}\t"
            f"{NULL}\t{CREATED}\n"
            for i, pk in enumerate(self.staff_ids)
        )
        return copy_lines(
            SchoolMembership,
            ["id", "user_id", "school_id", "role", "status", "created_at"]
            + ["decided_by_id", "decided_at"],
            lines,
        )

    # School deliveries -----------------------------------------------------------------

    def bookings(self):
        from schools.models import Booking, Delivery

        rng = self.rng
        self.booking_first = next_id(Booking)
        self.delivery_first = next_id(Delivery)
        self.status = []
        self.school_of = []
        self.session_of = []
        self.session_of = [self.sessions[k % SESSIONS] for k in range(DELIVERIES)]
        still_open = set()  # a school has one open booking per session at most
        for k in range(DELIVERIES):
            r = rng.random()
            school = rng.choice(self.reached)
            status = "cancelled" if r < 0.04 else "scheduled" if r < 0.07 else "delivered"
            if status == "scheduled" and (school, self.session_of[k]) in still_open:
                status = "delivered"
            if status == "scheduled":
                still_open.add((school, self.session_of[k]))
            self.status.append(status)
            self.school_of.append(school)
        lines = (
            f"{self.booking_first + k}\tBK-{YEAR}-{k + 1:06d}\t{self.school_of[k]}\t"
            f"{self.session_of[k]}\t{NULL}\t[7]\t30\t\t\t{self.status[k]}\t\t{NULL}\t"
            f"{CREATED}\t{CREATED}\t{CREATED}\n"
            for k in range(DELIVERIES)
        )
        return copy_lines(
            Booking,
            [
                "id",
                "reference",
                "school_id",
                "session_id",
                "requested_by_id",
                "year_groups",
                "expected_pupils",
                "access_needs",
                "notes",
                "status",
                "status_reason",
                "status_changed_by_id",
                "created_at",
                "updated_at",
                "status_changed_at",
            ],
            lines,
        )

    def slots(self):
        """Each presenter's 300 visits, mornings and afternoons on school days, never
        overlapping (the exclusion constraint checks it)."""
        days = weekdays(date(YEAR, 9, 3), date(YEAR + 1, 7, 18))
        per_presenter = DELIVERIES // PRESENTERS
        times = []
        for s in range(per_presenter):
            day = days[(s // 2) * len(days) // (per_presenter // 2)]
            start = at(day, 9, 30) if s % 2 == 0 else at(day, 13, 30)
            end = start + timedelta(hours=1)
            times.append((iso(start), iso(end), iso(end + timedelta(minutes=30))))
        return times

    def deliveries(self):
        from schools.models import Delivery

        self.times = self.slots()
        lines = (
            f"{self.delivery_first + k}\t{self.booking_first + k}\t"
            f"{self.times[k // PRESENTERS][0]}\t{self.times[k // PRESENTERS][1]}\tMain hall\t"
            f"{NULL}\t{CREATED}\n"
            for k in range(DELIVERIES)
        )
        return copy_lines(
            Delivery,
            ["id", "booking_id", "start", "end", "place", "reminder_sent_at", "created_at"],
            lines,
        )

    def assignments(self):
        from schools.models import DeliveryAssignment

        first = next_id(DeliveryAssignment)
        lines = (
            f"{first + k}\t{self.delivery_first + k}\t{self.presenter_ids[k % PRESENTERS]}\t"
            f"{self.times[k // PRESENTERS][0]}\t{self.times[k // PRESENTERS][1]}\t"
            f"{self.times[k // PRESENTERS][2]}\n"
            for k in range(DELIVERIES)
            if self.status[k] != "cancelled"
        )
        return copy_lines(
            DeliveryAssignment,
            ["id", "delivery_id", "presenter_id", "start", "end", "busy_until"],
            lines,
        )

    def registers(self):
        from training.models import DeliveryRegister

        first = next_id(DeliveryRegister)
        self.counted = [k for k in range(DELIVERIES) if self.status[k] != "cancelled"]
        rng = self.rng
        lines = (
            f"{first + i}\t{self.delivery_first + k}\t{self.times[k // PRESENTERS][1]}\t2\t"
            f"{rng.randint(15, 120)}\t{NULL}\t{CREATED}\n"
            for i, k in enumerate(self.counted)
        )
        return copy_lines(
            DeliveryRegister,
            [
                "id",
                "delivery_id",
                "delivered_at",
                "staff_present",
                "pupils_reached",
                "recorded_by_id",
                "updated_at",
            ],
            lines,
        )

    def answer_patterns(self, count=10_007):
        """Distinct answers (everything after the delivery id), cycled through."""
        rng = self.rng
        patterns = []
        for i in range(count):
            before = rng.choices([1, 2, 3, 4, 5], [10, 20, 35, 25, 10])[0]
            if rng.random() < 0.08:  # a "before" still waiting for its "after"
                patterns.append(f"bench{i:05d}\t{before}\tf\t{NULL}\t\t\tf\t{NULL}\t{NULL}")
                continue
            after = min(5, max(1, before + rng.choice([-1, 0, 1, 1, 1, 2])))
            knows = rng.choices(["yes", "not_sure", "no", ""], [70, 15, 10, 5])[0]
            retro = "t" if rng.random() < 0.3 else "f"
            patterns.append(f"\t{before}\t{retro}\t{after}\t{knows}\t\tf\t{NULL}\t{NULL}")
        return patterns

    def pupil_responses(self):
        from training.models import PupilResponse

        rng = self.rng
        counts = [rng.randint(0, 34) for _ in self.counted]
        missing = RESPONSES - sum(counts)  # spread evenly, one answer at a time
        step = 1 if missing > 0 else -1
        j = 0
        while missing:
            if 0 <= counts[j] + step <= 40:
                counts[j] += step
                missing -= step
            j = (j + 1) % len(counts)
        patterns = self.answer_patterns()
        first = next_id(PupilResponse)

        def lines():
            pk = first
            for k, n in zip(self.counted, counts, strict=True):
                delivery = self.delivery_first + k
                offset = rng.randrange(len(patterns) - n)
                for pattern in patterns[offset : offset + n]:
                    yield f"{pk}\t{delivery}\t{pattern}\t{CREATED}\n"
                    pk += 1

        return copy_lines(
            PupilResponse,
            [
                "id",
                "delivery_id",
                "pairing_hash",
                "before_confidence",
                "before_is_retrospective",
                "after_confidence",
                "knows_who_to_talk_to",
                "do_differently",
                "flagged",
                "followed_up_at",
                "followed_up_by_id",
                "created_at",
            ],
            lines(),
        )

    def teacher_feedback(self):
        from training.models import TeacherFeedback

        self.feedback_first = next_id(TeacherFeedback)
        rng = self.rng
        lines = (
            f"{self.feedback_first + i}\t{self.delivery_first + k}\t{NULL}\t{NULL}\t"
            f"{self.school_of[k]}\t{rng.randint(3, 5)}\t{rng.randint(2, 5)}\t{rng.randint(2, 5)}\t"
            f"{'t' if rng.random() < 0.9 else 'f'}\t\t{CREATED}\n"
            for i, k in enumerate(self.counted[::2])
        )
        return copy_lines(TeacherFeedback, TEACHER_FEEDBACK_COLUMNS, lines)

    # Staff training ------------------------------------------------------------------

    def events(self):
        from training.models import TrainingEvent

        days = weekdays(date(YEAR, 9, 8), date(YEAR + 1, 7, 18))
        self.event_first = next_id(TrainingEvent)
        lines = []
        for e in range(EVENTS):
            start = at(days[e * len(days) // EVENTS], 9, 30)
            status = "cancelled" if e % 20 == 0 else "scheduled"
            lines.append(
                f"{self.event_first + e}\t{self.courses[e % COURSES]}\t{iso(start)}\t"
                f"{iso(start + timedelta(hours=3))}\tCounty Hall\t\t30\t"
                f"{iso(start - timedelta(days=2))}\t{status}\t{NULL}\n"
            )
        return copy_lines(
            TrainingEvent,
            [
                "id",
                "course_id",
                "start",
                "end",
                "venue",
                "online_link",
                "capacity",
                "booking_closes",
                "status",
                "reminder_sent_at",
            ],
            lines,
        )

    def registrations(self):
        from training.models import Registration, TeacherFeedback

        rng = self.rng
        first = next_id(Registration)
        lines, feedback = [], []
        for e in range(EVENTS):
            event = self.event_first + e
            for j in range(PER_EVENT):
                user = self.staff_ids[(e * PER_EVENT + j) % STAFF]
                r = rng.random()
                status = "cancelled" if r < 0.05 else "waitlisted" if r < 0.15 else "confirmed"
                attendance = "unknown"
                if status == "confirmed":
                    a = rng.random()
                    attendance = "attended" if a < 0.85 else "absent" if a < 0.95 else "unknown"
                lines.append(
                    f"{first + e * PER_EVENT + j}\t{event}\t{user}\t{self.staff_school[user]}\t"
                    f"{status}\t{attendance}\tf\t{CREATED}\t{CREATED}\n"
                )
                if attendance == "attended" and j % 4 == 0:
                    feedback.append(
                        f"{NULL}\t{event}\t{user}\t{self.staff_school[user]}\t"
                        f"{rng.randint(3, 5)}\t{rng.randint(3, 5)}\t{NULL}\tt\t\t{CREATED}\n"
                    )
        count = copy_lines(
            Registration,
            [
                "id",
                "event_id",
                "user_id",
                "school_id",
                "status",
                "attendance",
                "walk_in",
                "created_at",
                "status_changed_at",
            ],
            lines,
        )
        first_feedback = next_id(TeacherFeedback)
        copy_lines(
            TeacherFeedback,
            TEACHER_FEEDBACK_COLUMNS,
            (f"{first_feedback + i}\t{line}" for i, line in enumerate(feedback)),
        )
        return count + len(feedback)

    def feedback_totals(self):
        """What the feedback services keep as answers arrive, rebuilt after the bulk load."""
        from training.services.feedback import rebuild_feedback_totals

        return rebuild_feedback_totals()

    def finish(self):
        from django.apps import apps

        touched = [
            ("schools", "District"),
            ("schools", "School"),
            ("portal", "User"),
            ("schools", "SchoolMembership"),
            ("schools", "Booking"),
            ("schools", "Delivery"),
            ("schools", "DeliveryAssignment"),
            ("training", "DeliveryRegister"),
            ("training", "PupilResponse"),
            ("training", "TeacherFeedback"),
            ("training", "TrainingEvent"),
            ("training", "Registration"),
        ]
        models = [apps.get_model(app, name) for app, name in touched]
        for model in models:
            move_sequence(model)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        from training.services.reports import cache as reports_cache

        reports_cache.invalidate()  # COPY sends no signal
        return 0


TEACHER_FEEDBACK_COLUMNS = [
    "id",
    "delivery_id",
    "event_id",
    "user_id",
    "school_id",
    "relevance",
    "quality",
    "engagement",
    "would_recommend",
    "comments",
    "created_at",
]


def load(out=print):
    """Load everything; returns the seconds taken."""
    return Loader(out).load()
