"""Booking requests and what coordinators and schools do with them."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from schools.models import Booking, Delivery
from tests.factories import schools as school_factories

from . import strategies as s
from .checks import (
    Change,
    Outcomes,
    assert_sound,
    attempt_as,
    client_for,
    logged,
    querydict,
    segment,
)
from .routes import fuzzes

pytestmark = pytest.mark.django_db


def _weekdays():
    days = [school_factories.weekday_after(n).isoformat() for n in (10, 20, 45)]
    return s.date(st.sampled_from(days))


def _received(data, name):
    """A text field as the form cleans it (Django reads invalid UTF-8 as U+FFFD and
    strips surrounding white space), or "" when it was not sent."""
    return querydict(data).get(name, "").strip()


@fuzzes("schools:booking_new")
def test_requesting_a_booking(people, session_page):
    outcomes = Outcomes()
    text = s.mostly(st.sampled_from(["", "Step-free access to the hall"]), s.hostile_text())

    @s.FUZZ
    @given(
        session=s.mostly(st.just(str(session_page.pk)), s.hostile([people.school_a.pk])),
        data=s.form(
            {
                "school": st.just(str(people.school_a.pk)),
                "year_groups": st.sampled_from(["7", "8", "9"]),
                "expected_pupils": s.integer(st.integers(1, 90).map(str)),
                "date_1": _weekdays(),
                "part_1": st.sampled_from(["am", "pm"]),
                "date_2": _weekdays(),
                "part_2": st.sampled_from(["am", "pm"]),
                "access_needs": text,
                "notes": text,
            },
            extra=[people.school_b.pk],
        ),
    )
    def run(session, data):
        with outcomes.attempt(people.staff_a) as attempt:
            response = attempt.post(f"/bookings/new/?session={segment(session)}", data)
            if response.status_code == 302 and response.url.startswith("/bookings/BK-"):
                booking = Booking.objects.get(school=people.school_a)
                options = booking.options.count()
                attempt.accepted(
                    {
                        "schools.Booking": Change(added=1),
                        "schools.BookingOption": Change(added=options),
                        "schools.ReferenceCounter": Change(added=1),
                        **logged(),
                    },
                )
                assert 1 <= options <= 2
                assert booking.notes == _received(data, "notes")
                assert booking.access_needs == _received(data, "access_needs")
                assert 1 <= booking.expected_pupils <= 90
                assert set(booking.year_groups) <= {7, 8, 9}
                assert_sound(attempt.client.get(response.url))
                # What was stored shows safely to the coordinator who schedules it.
                coordinator = client_for(people.coordinator)
                assert_sound(coordinator.get(f"{response.url}schedule/"))
                assert_sound(coordinator.get("/bookings/requests/"))
            else:
                attempt.refused()

    baseline = {
        "school": str(people.school_a.pk),
        "year_groups": "7",
        "expected_pupils": "30",
        **dict(s.date_pairs("date_1", school_factories.weekday_after(20).isoformat())),
        "part_1": "am",
        "access_needs": "",
        "notes": "",
    }
    cases = s.sharp(
        baseline,
        integer=["expected_pupils", "school", "year_groups"],
        date=["date_1"],
        text=["notes", "access_needs", "part_1"],
    )
    run = s.with_cases(run, [{"session": str(session_page.pk), "data": c} for c in cases])
    run()
    outcomes.require("accepted", "refused")


def _reason_form():
    return s.form({"reason": st.sampled_from(["The hall is being painted.", "Trip day"])})


def _booking(bookings, reference):
    """The booking a reference names, read afresh (never a lookup by hostile text:
    that would test the test's own query)."""
    known = {b.reference: b.pk for b in (bookings.requested, bookings.other_school)}
    return Booking.objects.get(pk=known[reference]) if reference in known else None


def _references(bookings):
    return s.mostly(
        st.just(bookings.requested.reference),
        s.path_segment(st.just(bookings.other_school.reference)),
    )


@fuzzes("schools:booking_cancel")
def test_cancelling_a_booking(people, bookings):
    outcomes = Outcomes()

    @s.FUZZ
    @given(
        who=st.sampled_from([people.staff_a, people.coordinator, people.staff_b]),
        reference=_references(bookings),
        data=_reason_form(),
    )
    def run(who, reference, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(f"/bookings/{segment(reference)}/cancel/", data)
            target = _booking(bookings, reference)
            if target and target.status == Booking.Status.CANCELLED:
                assert response.status_code == 302
                assert target.status_reason == _received(data, "reason")
                assert target.status_changed_by == who
                attempt.accepted({"schools.Booking": Change(changed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:booking_decline")
def test_declining_a_request(people, bookings):
    outcomes = Outcomes()

    @s.FUZZ
    @given(
        who=s.mostly(st.just(people.coordinator), st.just(people.staff_a)),
        reference=_references(bookings),
        data=_reason_form(),
    )
    @example(people.coordinator, bookings.requested.reference, [("reason", " \x00 ")])
    def run(who, reference, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(f"/bookings/{segment(reference)}/decline/", data)
            target = _booking(bookings, reference)
            if target and target.status == Booking.Status.DECLINED:
                assert response.status_code == 302
                assert target.status_reason == _received(data, "reason")
                attempt.accepted({"schools.Booking": Change(changed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:booking_schedule")
def test_scheduling_a_request(people, bookings):
    outcomes = Outcomes()
    choices = [
        f"{position}:{p.pk}"
        for position in (1, 2, 3)
        for p in (people.presenter, people.other_presenter)
    ]

    @s.FUZZ
    @given(
        reference=_references(bookings),
        data=s.form(
            {
                "slot": st.sampled_from(choices),
                "place": s.mostly(st.just("Main hall"), s.hostile_text()),
            },
            extra=[f"4:{people.presenter.pk}", f"1:{people.coordinator.pk}", "1:", ":"],
        ),
    )
    def run(reference, data):
        with outcomes.attempt(people.coordinator) as attempt:
            response = attempt.post(f"/bookings/{segment(reference)}/schedule/", data)
            target = _booking(bookings, reference)
            if target and target.status == Booking.Status.SCHEDULED:
                assert response.status_code == 302
                delivery = Delivery.objects.get(booking=target)
                assert delivery.place == _received(data, "place")
                assert_sound(attempt.client.get(f"/bookings/{reference}/"))
                attempt.accepted(
                    {
                        "schools.Booking": Change(changed=1),
                        "schools.Delivery": Change(added=1),
                        "schools.DeliveryAssignment": Change(added=1),
                        **logged(),
                    },
                )
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:booking_detail")
def test_booking_pages_answer_only_real_references(people, bookings):
    @s.FUZZ
    @given(reference=_references(bookings), query=s.form({"page": st.just("1")}))
    def run(reference, query):
        with attempt_as(people.staff_a) as attempt:
            response = attempt.get(f"/bookings/{segment(reference)}/", query)
            assert_sound(response)
            assert attempt.changes() == {}
            expected = 200 if reference == bookings.requested.reference else 404
            assert response.status_code == expected

    run()
