"""The demo county tells a true story: the seeded data keeps the rules a real
county's data would. Sessions go to schools whose phase teaches their year groups;
presenters deliver only what they are qualified for and never during their own
leave; visits and training fall on open days; courses last as long as their CPD
hours say; sessions for staff or parents have no pupil code, answers or pupils.

The whole demo is seeded once (about a minute: the seeder has no smaller size)
and every invariant is checked over all of it."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import SessionPage
from schools.models import Booking, DeliveryAssignment, Unavailability
from schools.services.closures import closed_days
from training.demo.events import HOURS_A_DAY
from training.models import DeliveryRegister, FeedbackCode, PupilResponse, TrainingEvent

pytestmark = pytest.mark.django_db


def _booking_year_groups_outside_phase():
    wrong = []
    for booking in Booking.objects.select_related("school", "session"):
        taught = booking.school.year_groups_taught
        session_years = range(booking.session.min_year, booking.session.max_year + 1)
        years = set(booking.year_groups)
        if not years <= set(session_years) or (taught is not None and not years <= set(taught)):
            wrong.append(
                f"{booking.reference}: {booking.school.get_phase_display()} school "
                f"booked year groups {sorted(years)} of {booking.session.title}"
            )
    return wrong


def _assignments_unqualified_or_on_leave():
    wrong = []
    assignments = DeliveryAssignment.objects.select_related(
        "delivery__booking__session", "presenter__presenter_profile"
    )
    leave = {}
    for off in Unavailability.objects.all():
        leave.setdefault(off.presenter_id, []).append((off.start, off.end))
    qualified = {}
    for a in assignments:
        profile = a.presenter.presenter_profile
        if profile.pk not in qualified:
            qualified[profile.pk] = set(profile.qualified_sessions.values_list("pk", flat=True))
        session = a.delivery.booking.session
        if session.pk not in qualified[profile.pk]:
            wrong.append(f"{a.presenter} is not qualified for {session.title}")
        for start, end in leave.get(a.presenter_id, []):
            if start < a.delivery.end and end > a.delivery.start:
                wrong.append(f"{a.presenter} is on leave at {a.delivery}")
    return wrong


def _visits_on_closed_days():
    wrong = []
    for booking in Booking.objects.filter(delivery__isnull=False).select_related("delivery"):
        day = timezone.localtime(booking.delivery.start).date()
        if why := closed_days(day, day).get(day):
            wrong.append(f"{booking.reference} on {day} ({why})")
    return wrong


def _courses_of_the_wrong_length():
    """A one-day course lasts its CPD hours (with at most an hour for lunch) on one
    day; a longer one takes whole open days in a row, HOURS_A_DAY a day."""
    wrong = []
    for event in TrainingEvent.objects.select_related("course"):
        hours = float(event.course.cpd_hours)
        first = timezone.localtime(event.start).date()
        last = timezone.localtime(event.end).date()
        days = (last - first).days + 1
        closed = closed_days(first, last)
        if closed:
            wrong.append(f"{event} falls on a closed day: {sorted(closed.values())}")
        if days == 1:
            length = (event.end - event.start) / timedelta(hours=1)
            if not hours <= length <= hours + 1:
                wrong.append(f"{event}: {length} hours for a {hours}-hour course")
        elif not (days - 1) * HOURS_A_DAY < hours <= days * HOURS_A_DAY:
            wrong.append(f"{event}: {days} days for a {hours}-hour course")
    return wrong


def _adult_sessions_with_pupils():
    """Sessions for staff or parents have no pupil code, answers or pupils reached."""
    adults = {"delivery__booking__session__audience__in": ["staff", "parents"]}
    wrong = [f"a pupil code for {c.delivery}" for c in FeedbackCode.objects.filter(**adults)]
    answers = PupilResponse.objects.filter(**adults).count()
    if answers:
        wrong.append(f"{answers} pupil answers to sessions for adults")
    registers = DeliveryRegister.objects.filter(**adults, pupils_reached__gt=0)
    wrong += [f"pupils on the register of {r.delivery}" for r in registers]
    return wrong


def test_the_demo_county_keeps_every_rule(settings, tmp_path):
    settings.PORTAL_PUBLISHED_DEMO_SECRETS = False
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--demo-site", stdout=io.StringIO())

    # The seeded county is big enough for the checks to mean something.
    assert Booking.objects.filter(delivery__isnull=False).count() > 50
    assert SessionPage.objects.exclude(audience=SessionPage.Audience.PUPILS).exists()
    assert TrainingEvent.objects.filter(course__cpd_hours__gt=HOURS_A_DAY).exists()

    assert _booking_year_groups_outside_phase() == []
    assert _assignments_unqualified_or_on_leave() == []
    assert _visits_on_closed_days() == []
    assert _courses_of_the_wrong_length() == []
    assert _adult_sessions_with_pupils() == []
