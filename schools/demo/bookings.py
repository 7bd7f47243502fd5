"""About a year of bookings in every state, most delivered, some still to come."""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from ..models import (
    Booking,
    BookingOption,
    Delivery,
    DeliveryAssignment,
    PresenterProfile,
    ReferenceCounter,
    School,
    SchoolMembership,
    travel_buffer,
)
from ..services import LONDON, PART_OF_DAY_START, busy_presenter_ids, next_open_day


def _weekday(day, school):
    """The day, or the next one the school is open (no weekend, bank holiday, holiday
    or INSET day of the authority's or its own)."""
    return next_open_day(day, school)


UNDER_REACHED_DISTRICT = "Fenwick Moor"
REQUESTED, SCHEDULED, DELIVERED = (
    Booking.Status.REQUESTED,
    Booking.Status.SCHEDULED,
    Booking.Status.DELIVERED,
)
DECLINED, CANCELLED = Booking.Status.DECLINED, Booking.Status.CANCELLED


def _year_groups(school, session):
    """The session's year groups that the school's phase teaches (all of them for a
    school whose phase says nothing about ages)."""
    years = range(session.min_year, session.max_year + 1)
    taught = school.year_groups_taught
    return [y for y in years if taught is None or y in taught]


def _qualified_sessions(presenters):
    """The sessions each presenter is qualified to deliver, by presenter id."""
    qualified = {p.pk: set() for p in presenters}
    links = PresenterProfile.qualified_sessions.through.objects.filter(
        presenterprofile__user__in=presenters
    ).values_list("presenterprofile__user_id", "sessionpage_id")
    for user_id, session_id in links:
        qualified[user_id].add(session_id)
    return qualified


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
        for m in SchoolMembership.objects.filter(
            status=SchoolMembership.Status.APPROVED
        ).select_related("user")
    }
    qualified = _qualified_sessions(presenters)
    counters = {}
    made = 0
    for n in range(150):
        session = sessions[n % len(sessions)]
        # Only schools whose phase teaches some of the session's year groups.
        fits = [i for i, s in enumerate(schools) if _year_groups(s, session)]
        if not fits:
            continue
        at = fits[0] if n % 9 == 0 else rng.choices(fits, [weights[i] for i in fits])[0]
        school = schools[at]
        offset = rng.randint(-330, 60)
        day = _weekday(today + timedelta(days=offset), school)
        part = rng.choice(list(PART_OF_DAY_START))
        start = datetime.combine(day, PART_OF_DAY_START[part], tzinfo=LONDON)
        end = start + timedelta(minutes=session.duration_minutes)
        if start > now:
            status = rng.choice([REQUESTED, REQUESTED, SCHEDULED, SCHEDULED, CANCELLED])
        else:
            status = rng.choice([DELIVERED] * 7 + [CANCELLED, DECLINED])
        if (
            status in Booking.OPEN_STATUSES
            and Booking.objects.filter(
                school=school, session=session, status__in=Booking.OPEN_STATUSES
            ).exists()
        ):
            continue
        created = min(now, start - timedelta(days=rng.randint(15, 40)))
        year = timezone.localtime(created).year
        counters[year] = counters.get(year, 0) + 1
        year_group = rng.choice(_year_groups(school, session))
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
                CANCELLED: "The school's trip moved to that day.",
                DECLINED: "No presenter was free on any of the dates given.",
            }.get(status, ""),
            status_changed_at=created,
        )
        Booking.objects.filter(pk=booking.pk).update(created_at=created)
        BookingOption.objects.create(booking=booking, position=1, date=day, part_of_day=part)
        if status == REQUESTED and n % 2:
            second = _weekday(day + timedelta(days=7), school)
            BookingOption.objects.create(booking=booking, position=2, date=second, part_of_day=part)
        if status in (SCHEDULED, DELIVERED):
            busy = busy_presenter_ids([p.pk for p in presenters], start, end)
            # Free (no other visit, no leave) and qualified for this session.
            free = [p for p in presenters if p.pk not in busy and session.pk in qualified[p.pk]]
            if not free:
                booking.status = REQUESTED if start > now else DECLINED
                booking.save(update_fields=["status"])
                continue
            person = free[0] if n % 3 == 0 else rng.choice(free)
            delivery = Delivery.objects.create(
                booking=booking,
                start=start,
                end=end,
                place=rng.choice(["Main hall", "Library", "Year 6 classroom", "Drama studio"]),
                reminder_sent_at=start - timedelta(days=2) if status == DELIVERED else None,
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
