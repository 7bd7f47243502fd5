"""Demo county: six districts, about sixty schools, their staff, presenters and a
year of bookings in every state. Idempotent: running it again changes nothing.

Sessions come from the catalogue (`SessionPage.objects.live()`); with none
published there are schools, staff and presenters but no bookings.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from portal import roles
from portal.demo import ensure_totp, ensure_user

from .models import (
    Booking,
    BookingOption,
    Delivery,
    DeliveryAssignment,
    District,
    PresenterProfile,
    ReferenceCounter,
    School,
    SchoolMembership,
    Unavailability,
    travel_buffer,
)
from .services import LONDON, PART_OF_DAY_START

DISTRICTS = [
    "Ashby Vale",
    "Brackenfield",
    "Coldharbour",
    "Dunmore Coast",
    "Elmstead",
    "Fenwick Moor",
]

_PLACES = [
    "Oakfield",
    "Riverside",
    "St Anne's",
    "Hillcrest",
    "Meadowbank",
    "Kingsway",
    "Moorside",
    "Church Lane",
    "Beacon",
    "Harbour View",
    "Larkrise",
    "Millbrook",
    "Westgate",
    "Orchard",
    "Highfield",
    "Fairmead",
    "Northgate",
    "Brookside",
    "Greenacres",
    "Castle Hill",
    "Abbey",
    "Southmead",
    "Windmill",
    "Rowan",
    "Thornbury",
    "Elm Grove",
    "Priory",
    "Valley",
    "Wren",
    "Cedars",
]

# (phase, name ending, share of schools, pupil range) roughly as in an English county.
_KINDS = [
    (School.Phase.PRIMARY, "Primary School", 0.55, (90, 450)),
    (School.Phase.PRIMARY, "Infant School", 0.07, (60, 270)),
    (School.Phase.SECONDARY, "Academy", 0.18, (650, 1650)),
    (School.Phase.SECONDARY, "High School", 0.08, (600, 1400)),
    (School.Phase.MIDDLE, "Middle School", 0.04, (300, 600)),
    (School.Phase.ALL_THROUGH, "All-through Academy", 0.03, (900, 1900)),
    (School.Phase.SIXTEEN_PLUS, "Sixth Form College", 0.03, (400, 1500)),
    (School.Phase.NURSERY, "Nursery School", 0.02, (40, 120)),
]

# Demo presenters besides presenter@demo.example (portal.demo): name, job title, TOTP secret.
PRESENTERS = [
    ("presenter@demo.example", "Dan", "Okafor", "PC, schools officer", None),
    (
        "aisha.khan@presenters.demo.example",
        "Aisha",
        "Khan",
        "PCSO, youth engagement",
        "PORTALDEMOPRESENTERAISHAKHANAAAA",
    ),
    (
        "gareth.lloyd@presenters.demo.example",
        "Gareth",
        "Lloyd",
        "Detective Constable, online safety",
        "PORTALDEMOPRESENTERGARETHLLOYDAA",
    ),
    (
        "maria.santos@presenters.demo.example",
        "Maria",
        "Santos",
        "School nurse",
        "PORTALDEMOPRESENTERMARIASANTOSAA",
    ),
    (
        "leon.fraser@presenters.demo.example",
        "Leon",
        "Fraser",
        "Youth worker",
        "PORTALDEMOPRESENTERLEONFRASERAAA",
    ),
]

_FIRST = ["Sarah", "James", "Priti", "Owen", "Grace", "Kwame", "Emma", "Rhys", "Zara", "Ben"]
_LAST = ["Hughes", "Patel", "Morgan", "Byrne", "Ali", "Turner", "Walsh", "Jones", "Clarke", "Reid"]


def _kind(rng):
    roll, total = rng.random(), 0
    for kind in _KINDS:
        total += kind[2]
        if roll < total:
            return kind
    return _KINDS[0]


def seed_schools(count=60):
    """Six districts and about sixty schools; the same ones on every run."""
    rng = random.Random(2026)
    districts = [District.objects.get_or_create(name=name)[0] for name in DISTRICTS]
    urn = 103200
    for index in range(count):
        place = _PLACES[index % len(_PLACES)]
        phase, ending, _share, (low, high) = _kind(rng) if index else _KINDS[2]
        district = districts[index % len(districts)]
        # URNs rise through the county as GIAS numbers them: older schools low, academies high.
        urn += rng.randint(150, 900) if index < 40 else rng.randint(1500, 3000)
        School.objects.update_or_create(
            urn=urn,
            defaults={
                "name": f"{place} {ending}"
                + (f" ({district.name})" if index >= len(_PLACES) else ""),
                "phase": phase,
                "district": district,
                "postcode": f"WS{index % 9 + 1} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                "number_of_pupils": rng.randint(low, high),
                "is_open": index != count - 1,
            },
        )
    return School.objects.count()


def seed_memberships():
    """The demo DSL and teacher work at the first school (the teacher still waiting);
    a DSL and teachers at a third of the others, some waiting for approval."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    schools = list(School.objects.order_by("urn"))
    first = schools[0]
    for email, role, status in [
        ("dsl@demo.example", SchoolMembership.Role.DSL, SchoolMembership.Status.APPROVED),
        ("teacher@demo.example", SchoolMembership.Role.TEACHER, SchoolMembership.Status.PENDING),
    ]:
        user = User.objects.filter(email=email).first()
        if user:
            SchoolMembership.objects.get_or_create(
                user=user, school=first, defaults={"role": role, "status": status}
            )
    rng = random.Random(7)
    for n, school in enumerate(schools[1::3], start=1):
        people = [(SchoolMembership.Role.DSL, SchoolMembership.Status.APPROVED)]
        people.append(
            (
                SchoolMembership.Role.TEACHER,
                SchoolMembership.Status.PENDING if n % 3 == 0 else SchoolMembership.Status.APPROVED,
            )
        )
        if n % 4 == 0:
            people.append((SchoolMembership.Role.OFFICE, SchoolMembership.Status.APPROVED))
        for k, (role, status) in enumerate(people):
            first_name, last_name = rng.choice(_FIRST), rng.choice(_LAST)
            user = ensure_user(
                f"{first_name.lower()}.{last_name.lower()}{k}@school{school.urn}.demo.example",
                first_name,
                last_name,
            )
            SchoolMembership.objects.get_or_create(
                user=user, school=school, defaults={"role": role, "status": status}
            )
    return SchoolMembership.objects.count()


def _organisation_for(job, index, organisations):
    """Police officers belong to the police partner; others are spread over the rest."""
    police = [o for o in organisations if o.kind == "police"]
    if police and job.startswith(("PC", "PCSO", "Sergeant")):
        return police[0]
    others = [o for o in organisations if o.kind != "police"] or organisations
    return others[index % len(others)] if others else None


def seed_presenters(sessions):
    """Presenters with profiles, vetting, qualifications and some time off."""
    from cms.models import PartnerOrganisation

    group = Group.objects.get_or_create(name=roles.PRESENTERS)[0]
    organisations = list(PartnerOrganisation.objects.order_by("name"))
    coordinator = (
        Group.objects.filter(name=roles.COORDINATORS).first().user_set.order_by("pk").first()
        if Group.objects.filter(name=roles.COORDINATORS).exists()
        else None
    )
    today = timezone.localdate()
    presenters = []
    for i, (email, first, last, job, secret) in enumerate(PRESENTERS):
        user = ensure_user(email, first, last)
        user.groups.add(group)
        if secret:
            ensure_totp(user, secret)
        profile, created = PresenterProfile.objects.get_or_create(
            user=user,
            defaults={
                "job_title": job,
                "organisation": _organisation_for(job, i, organisations),
                "vetting_confirmed_on": today - timedelta(days=90 + 40 * i),
                "vetting_confirmed_by": coordinator,
            },
        )
        if sessions and not profile.qualified_sessions.exists():
            # Everyone delivers most sessions; each skips a few.
            profile.qualified_sessions.set(
                [s for n, s in enumerate(sessions) if (n + i) % 4 != 0] or sessions
            )
        if created:
            start = datetime.combine(today + timedelta(days=10 + 9 * i), time.min, tzinfo=LONDON)
            Unavailability.objects.create(
                presenter=user,
                start=start,
                end=start + timedelta(days=2 + i % 3),
                reason=["Annual leave", "Court", "Training course", "Annual leave", "Court"][i],
            )
        presenters.append(user)
    return presenters


def _weekday(day):
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


UNDER_REACHED_DISTRICT = "Fenwick Moor"


def seed_bookings(sessions, presenters):
    """About a year of bookings: mostly delivered in the past, some still to come, every state."""
    if Booking.objects.exists() or not sessions or not presenters:
        return Booking.objects.count()
    rng = random.Random(42)
    today = timezone.localdate()
    now = timezone.now()
    schools = list(School.objects.filter(is_open=True).select_related("district").order_by("urn"))
    # One district the partnership has barely reached, so the reports have a gap to show.
    weights = [0.1 if s.district.name == UNDER_REACHED_DISTRICT else 1 for s in schools]
    staff = {
        m.school_id: m.user
        for m in SchoolMembership.objects.filter(status="approved").select_related("user")
    }
    counters = {}
    made = 0
    for n in range(150):
        session = sessions[n % len(sessions)]
        school = schools[0] if n % 9 == 0 else rng.choices(schools, weights)[0]
        offset = rng.randint(-330, 60)
        day = _weekday(today + timedelta(days=offset))
        part = rng.choice(list(PART_OF_DAY_START))
        start = datetime.combine(day, PART_OF_DAY_START[part], tzinfo=LONDON)
        end = start + timedelta(minutes=session.duration_minutes)
        if start > now:
            status = rng.choice(["requested", "requested", "scheduled", "scheduled", "cancelled"])
        else:
            status = rng.choice(["delivered"] * 7 + ["cancelled", "declined"])
        if (
            status in ("requested", "scheduled")
            and Booking.objects.filter(
                school=school, session=session, status__in=Booking.OPEN_STATUSES
            ).exists()
        ):
            continue
        created = min(now, start - timedelta(days=rng.randint(15, 40)))
        year = timezone.localtime(created).year
        counters[year] = counters.get(year, 0) + 1
        low, high = session.min_year, session.max_year
        year_group = rng.randint(low, high)
        booking = Booking.objects.create(
            reference=f"BK-{year}-{counters[year]:05d}",
            school=school,
            session=session,
            requested_by=staff.get(school.pk),
            year_groups=[year_group],
            expected_pupils=min(session.max_audience, rng.choice([28, 30, 56, 60, 90, 120, 180])),
            access_needs=rng.choice(["", "", "Hearing loop in the hall", "Step-free access"]),
            status=status,
            status_reason={
                "cancelled": "The school's trip moved to that day.",
                "declined": "No presenter was free on any of the dates given.",
            }.get(status, ""),
            status_changed_at=created,
        )
        Booking.objects.filter(pk=booking.pk).update(created_at=created)
        BookingOption.objects.create(booking=booking, position=1, date=day, part_of_day=part)
        if status == "requested" and n % 2:
            second = _weekday(day + timedelta(days=7))
            BookingOption.objects.create(booking=booking, position=2, date=second, part_of_day=part)
        if status in ("scheduled", "delivered"):
            free = [p for p in presenters if not _busy(p, start, end)]
            if not free:
                booking.status = "requested" if start > now else "declined"
                booking.save(update_fields=["status"])
                continue
            person = free[0] if n % 3 == 0 else rng.choice(free)
            delivery = Delivery.objects.create(
                booking=booking,
                start=start,
                end=end,
                place=rng.choice(["Main hall", "Library", "Year 6 classroom", "Drama studio"]),
                reminder_sent_at=start - timedelta(days=2) if status == "delivered" else None,
            )
            DeliveryAssignment.objects.create(
                delivery=delivery,
                presenter=person,
                start=start,
                end=end,
                busy_until=end + travel_buffer(),
            )
        made += 1
    # Real requests carry on from the demo's numbers.
    for year, last in counters.items():
        ReferenceCounter.objects.update_or_create(year=year, defaults={"last": last})
    return made


def _busy(person, start, end):
    return (
        DeliveryAssignment.objects.filter(
            presenter=person, start__lt=end + travel_buffer(), busy_until__gt=start
        ).exists()
        or Unavailability.objects.filter(presenter=person, start__lt=end, end__gt=start).exists()
    )


def seed():
    """Idempotent; returns a one-line summary for seed_demo to print."""
    from cms.models import SessionPage

    schools = seed_schools()
    seed_memberships()
    sessions = list(SessionPage.objects.live().filter(bookable=True).order_by("pk"))
    presenters = seed_presenters(sessions)
    bookings = seed_bookings(sessions, presenters)
    return f"{schools} schools, {len(presenters)} presenters, {bookings} bookings"
