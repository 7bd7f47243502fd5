"""Demo training events (past and upcoming, some with waiting lists) and registers."""

import math
import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import SessionPage, TrainingCoursePage
from portal import roles
from portal.demo import ensure_user
from schools.models import Booking, Delivery, School, SchoolMembership
from schools.services import next_open_day
from training.models import DeliveryRegister, PupilsReached, Registration, TrainingEvent
from training.services.reports import cache as reports_cache

DEMO_STAFF = 36  # extra demo teachers who fill events and waiting lists
VENUES = [
    "County Hall, Committee Room 2",
    "Brackenfield Library, Meeting Room",
    "Elmstead Police Station, Training Suite",
    "",  # online
]


def _demo_staff(rng):
    """Approved staff across the demo schools to register for events (the DSL too)."""
    schools = list(School.objects.filter(is_open=True).order_by("urn"))
    if not schools:
        return []
    first_names = ["Amira", "Ben", "Chloe", "David", "Ella", "Farah", "George", "Hannah", "Imran"]
    last_names = ["Adams", "Brown", "Clarke", "Davies", "Evans", "Fisher", "Green", "Hughes"]
    people = []
    for n in range(DEMO_STAFF):
        user = ensure_user(
            f"staff{n + 1:02d}@demo.example",
            first_names[n % len(first_names)],
            last_names[(n // len(first_names) + n) % len(last_names)],
        )
        school = schools[(n * 7) % len(schools)]
        SchoolMembership.objects.get_or_create(
            user=user,
            school=school,
            defaults={
                "role": SchoolMembership.Role.TEACHER,
                "status": SchoolMembership.Status.APPROVED,
            },
        )
        people.append((user, school))
    dsl = get_user_model().objects.filter(email="dsl@demo.example").first()
    if dsl:
        membership = dsl.school_memberships.filter(status=SchoolMembership.Status.APPROVED).first()
        if membership:
            people.insert(0, (dsl, membership.school))
    rest = people[1:]
    rng.shuffle(rest)
    return people[:1] + rest


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


# A training day teaches at most this many hours (9:00 to 16:00 with an hour for lunch).
HOURS_A_DAY = 6


def course_days(course):
    """How many days a course's CPD hours take: a 12-hour course is two days."""
    return max(1, math.ceil(float(course.cpd_hours) / HOURS_A_DAY))


def course_times(course, near, morning):
    """Start and end of an event of `course` on or just after `near`: a morning or an
    afternoon for a short course, whole open days in a row for a longer one. Never
    on a weekend, bank holiday or school holiday."""
    days = course_days(course)
    first = next_open_day(near)
    while days > 1 and any(
        next_open_day(first + timedelta(days=n)) != first + timedelta(days=n)
        for n in range(1, days)
    ):
        first = next_open_day(first + timedelta(days=1))
    hours = float(course.cpd_hours)
    if days > 1:
        return _at(first, 9), _at(first + timedelta(days=days - 1), 16)
    lunch = 1 if hours > HOURS_A_DAY / 2 else 0
    start = _at(first, 9 if morning or lunch else 13)
    return start, start + timedelta(hours=hours + lunch)


def seed_events(rng, now):
    """A term of events for each training course: past ones with registers taken,
    upcoming ones part-booked, and some full with waiting lists."""
    courses = list(TrainingCoursePage.objects.live().order_by("path"))
    if not courses or TrainingEvent.objects.exists():
        return TrainingEvent.objects.count()
    people = _demo_staff(rng)
    trainers = list(
        get_user_model().objects.filter(groups__name=roles.PRESENTERS).order_by("pk")
    ) or list(get_user_model().objects.filter(groups__name=roles.COORDINATORS))
    today = timezone.localdate(now)
    offsets = [-42, -21, -7, 0, 10, 24, 38, 52]  # a term, past and upcoming, one today
    Status = Registration.Status
    for c_index, course in enumerate(courses):
        for e_index, offset in enumerate(offsets):
            start, end = course_times(
                course, today + timedelta(days=offset + c_index * 2), (e_index + c_index) % 2
            )
            venue = VENUES[(e_index + c_index) % len(VENUES)]
            capacity = rng.choice([8, 12, 16, 20])
            event = TrainingEvent.objects.create(
                course=course,
                start=start,
                end=end,
                venue=venue,
                online_link="" if venue else "https://meet.example/partnership-training",
                capacity=capacity,
                booking_closes=start - timedelta(days=2),
            )
            if trainers:
                event.trainers.add(trainers[(c_index + e_index) % len(trainers)])
            past = start < now
            full = not past and e_index % 3 == 1
            wanted = capacity + rng.randint(2, 5) if full else rng.randint(capacity // 3, capacity)
            queue = people[e_index % 5 :] + people[: e_index % 5]
            joined = start - timedelta(days=30)
            for n, (user, school) in enumerate(queue[:wanted]):
                confirmed = n < capacity
                attendance = Registration.Attendance.UNKNOWN
                if past and confirmed:
                    attendance = (
                        Registration.Attendance.ATTENDED
                        if rng.random() < 0.85
                        else Registration.Attendance.ABSENT
                    )
                Registration.objects.create(
                    event=event,
                    user=user,
                    school=school,
                    status=Status.CONFIRMED if confirmed else Status.WAITLISTED,
                    attendance=attendance,
                    status_changed_at=joined + timedelta(hours=n),
                )
            if past:
                TrainingEvent.objects.filter(pk=event.pk).update(
                    reminder_sent_at=start - timedelta(days=1)
                )
    return TrainingEvent.objects.count()


def seed_delivery_registers(rng, now):
    """Registers for every past delivery that has none; scheduled bookings become delivered."""
    past = (
        Delivery.objects.filter(start__lt=now, register__isnull=True)
        .filter(booking__status__in=[Booking.Status.SCHEDULED, Booking.Status.DELIVERED])
        .select_related("booking__school", "booking__session")
        .prefetch_related("presenters")
    )
    made = 0
    for delivery in past:
        booking = delivery.booking
        audience = booking.session.audience
        counts, staff, parents = {}, rng.randint(1, 4), 0
        if audience == SessionPage.Audience.PUPILS:
            years = booking.year_groups or [booking.session.min_year]
            per_year = max(booking.expected_pupils // len(years), 1)
            counts = {y: max(per_year - rng.randint(0, 4), 1) for y in years}
            # Now and then a class that was not booked joins on the day.
            taught = booking.school.year_groups_taught or range(0, 14)
            extra = [y for y in taught if y not in years and abs(y - years[0]) == 1]
            if extra and made % 10 == 3:
                counts[extra[0]] = rng.randint(20, 30)
        elif audience == SessionPage.Audience.STAFF:
            staff = max(booking.expected_pupils // 3 - rng.randint(0, 5), 4)  # a staff room
        else:
            parents = max(booking.expected_pupils // 4 - rng.randint(0, 8), 6)  # an evening
        presenter = next(iter(delivery.presenters.all()), None)
        register = DeliveryRegister.objects.create(
            delivery=delivery,
            delivered_at=delivery.start,
            staff_present=staff,
            parents_reached=parents,
            pupils_reached=sum(counts.values()),
            recorded_by=presenter,
        )
        PupilsReached.objects.bulk_create(
            PupilsReached(register=register, year_group=y, count=c, booked=y in booking.year_groups)
            for y, c in counts.items()
        )
        if booking.status == Booking.Status.SCHEDULED:
            Booking.objects.filter(pk=booking.pk).update(
                status=Booking.Status.DELIVERED, status_changed_by=presenter
            )
        made += 1
    reports_cache.invalidate_now_and_on_commit()  # the updates above send no signal
    return made


def seed_events_and_registers(now=None):
    now = now or timezone.now()
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    events = seed_events(rng, now)
    seed_delivery_registers(rng, now)
    waiting = Registration.objects.filter(status=Registration.Status.WAITLISTED).count()
    return (
        f"{events} training events ({waiting} people waiting), "
        f"{DeliveryRegister.objects.count()} delivery registers"
    )
