"""Training events (registering, cancelling, registers, walk-ins) and the register a
presenter takes at a school visit."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from schools.models import Booking
from tests.factories import training as training_factories
from training.models import DeliveryRegister, Registration

from . import strategies as s
from .checks import (
    Change,
    Outcomes,
    assert_sound,
    attempt_as,
    logged,
)
from .routes import fuzzes

pytestmark = pytest.mark.django_db


@pytest.fixture
def upcoming(people):
    """An event open for booking; school B's teacher is registered, and school A's
    teacher once was (cancelled) at another."""
    event = training_factories.event(capacity=2)
    theirs = training_factories.registration(event_=event, user=people.staff_b)
    cancelled = training_factories.registration(
        user=people.staff_a, status=Registration.Status.CANCELLED
    )
    return event, theirs, cancelled


@fuzzes("training:event_register")
def test_registering_for_an_event(people, upcoming):
    outcomes = Outcomes()
    event, theirs, _ = upcoming

    @s.FUZZ
    @given(
        pk=s.mostly(st.just(event.pk), s.ids(theirs)),
        data=s.form({"school": st.just(str(people.school_a.pk))}, extra=[people.school_b.pk]),
    )
    def run(pk, data):
        with outcomes.attempt(people.staff_a) as attempt:
            response = attempt.post(f"/training/events/{pk}/register/", data)
            mine = Registration.objects.filter(user=people.staff_a).active().first()
            if mine is not None:
                assert response.status_code == 302
                assert mine.school == people.school_a
                attempt.accepted({"training.Registration": Change(added=1), **logged()})
                assert_sound(attempt.client.get(response.url))
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:registration_cancel")
def test_cancelling_a_registration(people, upcoming):
    outcomes = Outcomes()
    event, theirs, cancelled = upcoming
    mine = training_factories.registration(event_=event, user=people.staff_a)

    @s.FUZZ
    @given(
        pk=s.mostly(st.sampled_from([mine.pk, cancelled.pk]), s.ids(theirs)),
        data=s.form({"confirm": st.just("yes")}),
    )
    @example(cancelled.pk, [])
    def run(pk, data):
        with outcomes.attempt(people.staff_a) as attempt:
            response = attempt.post(f"/training/registrations/{pk}/cancel/", data)
            mine.refresh_from_db()
            if mine.status == Registration.Status.CANCELLED:
                assert response.status_code == 302
                attempt.accepted({"training.Registration": Change(changed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:event_attendance")
def test_taking_an_event_register(people, todays_event):
    outcomes = Outcomes()
    present = todays_event.registrations.get()
    elsewhere = training_factories.registration(user=people.staff_b)

    @s.FUZZ
    @given(
        who=s.mostly(st.just(people.presenter), st.just(people.other_presenter)),
        pk=s.mostly(st.just(todays_event.pk), s.ids(elsewhere)),
        data=s.form(
            {
                f"r{present.pk}": st.sampled_from(["attended", "absent"]),
                f"r{elsewhere.pk}": st.sampled_from(["attended", "absent"]),
            },
        ),
    )
    def run(who, pk, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(f"/training/events/{pk}/attendance/", data)
            if response.status_code == 302 and response.url.endswith("/attendance/"):
                attempt.accepted({}, {"training.Registration": Change(changed=1), **logged()})
                elsewhere.refresh_from_db()
                assert elsewhere.attendance == Registration.Attendance.UNKNOWN
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:event_walk_in")
def test_adding_a_walk_in(people, todays_event):
    outcomes = Outcomes()
    emails = [people.staff_b.email, people.staff_b.email.upper(), people.outsider.email]

    @s.FUZZ
    @given(
        who=s.mostly(st.just(people.presenter), st.just(people.staff_a)),
        data=s.form({"email": st.sampled_from(emails)}, extra=[people.staff_a.email]),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(f"/training/events/{todays_event.pk}/attendance/walk-in/", data)
            if response.status_code == 302:
                added = todays_event.registrations.get(walk_in=True)
                assert added.attendance == Registration.Attendance.ATTENDED
                assert added.user in (people.staff_b, people.outsider)
                attempt.accepted({"training.Registration": Change(added=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:event_detail")
def test_event_pages_survive_any_address(people, upcoming):
    event = upcoming[0]

    @s.FUZZ
    @given(pk=s.mostly(st.just(event.pk), s.ids()), query=s.form({"next": st.just("/")}))
    def run(pk, query):
        with attempt_as(people.staff_a) as attempt:
            response = attempt.get(f"/training/events/{pk}/", query)
            assert_sound(response)
            assert attempt.changes() == {}
            assert response.status_code == (200 if pk == event.pk else 404)

    run()


def _counts():
    return s.integer(st.integers(0, 60).map(str))


@fuzzes("training:delivery_register")
def test_recording_a_delivery_register(people, past_delivery):
    outcomes = Outcomes()
    start = timezone.localtime(past_delivery.start)
    earlier = start - timedelta(minutes=30)
    other = training_factories.event()

    @s.FUZZ
    @given(
        who=s.mostly(st.just(people.presenter), st.just(people.other_presenter)),
        pk=s.mostly(st.just(past_delivery.pk), s.ids(other)),
        data=s.form(
            {
                "year_7": _counts(),
                "year_8": _counts(),
                "staff_present": s.integer(st.integers(0, 5).map(str)),
                "delivered_on": s.date(st.just(start.date().isoformat())),
                "delivered_time": st.sampled_from([f"{earlier:%H:%M}", f"{start:%H:%M}"]),
            },
            extra=["year_9", "year_0"],
        ),
    )
    def run(who, pk, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(f"/training/deliveries/{pk}/register/", data)
            register = DeliveryRegister.objects.filter(delivery=past_delivery).first()
            if register is not None:
                assert response.status_code == 302
                counts = {p.year_group: p.count for p in register.year_groups.all()}
                assert set(counts) == {7, 8}
                assert register.pupils_reached == sum(counts.values()) > 0
                assert register.delivered_at <= timezone.now()
                held_on = timezone.localtime(register.delivered_at).date()
                assert held_on >= start.date() - timedelta(days=365)
                past_delivery.booking.refresh_from_db()
                assert past_delivery.booking.status == Booking.Status.DELIVERED
                attempt.accepted(
                    {
                        "schools.Booking": Change(changed=1),
                        "training.DeliveryRegister": Change(added=1),
                        "training.PupilsReached": Change(added=2),
                        **logged(2),
                    },
                )
            else:
                attempt.refused()

    baseline = {
        "year_7": "12",
        "year_8": "20",
        "staff_present": "2",
        **dict(s.date_pairs("delivered_on", start.date().isoformat())),
        "delivered_time": f"{earlier:%H:%M}",
    }
    cases = s.sharp(baseline, integer=["year_7", "year_8", "staff_present"], date=["delivered_on"])
    run = s.with_cases(
        run, [{"who": people.presenter, "pk": past_delivery.pk, "data": c} for c in cases]
    )
    run()
    outcomes.require("accepted", "refused")
