"""Changing a booking: hostile input to every page that changes one, from the person
it is for and from people it is not for. An accepted example writes exactly what the
change writes; a refused one writes nothing and says why."""

from datetime import datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schools.models import Booking, DateProposal, Delivery
from tests.factories import cms as cms_factories
from tests.factories import schools as school_factories

from . import strategies as s
from .checks import Change, Outcomes, logged, segment
from .routes import fuzzes

pytestmark = pytest.mark.django_db

LONDON_TEN = time(10)


def _weekdays():
    days = [school_factories.weekday_after(n).isoformat() for n in (15, 25, 40)]
    return s.date(st.sampled_from(days))


def _text():
    return s.mostly(st.sampled_from(["Mock exams", "Hall booked"]), s.hostile_text())


@pytest.fixture
def proposed(people, bookings):
    from schools.services import LONDON

    start = datetime.combine(school_factories.weekday_after(25), LONDON_TEN, tzinfo=LONDON)
    proposal = DateProposal.objects.create(
        booking=bookings.requested,
        start=start,
        end=start + timedelta(hours=1),
        proposed_by=people.coordinator,
    )
    proposal.presenters.set([people.presenter])
    return proposal


@pytest.fixture
def visit(people, bookings):
    """School A's scheduled visit, for a session other than its open request's."""
    session = cms_factories.session_page(min_year=7, max_year=9, minimum_notice_days=10)
    for person in (people.presenter, people.other_presenter):
        school_factories.presenter_profile(person, sessions=[session])
    booking = school_factories.booking(
        school=people.school_a, session=session, status=Booking.Status.SCHEDULED
    )
    return school_factories.delivery(booking_=booking, presenters=[people.presenter])


def _who(people):
    return s.mostly(st.just(people.staff_a), st.sampled_from([people.staff_b, people.presenter]))


@fuzzes("schools:booking_edit")
def test_editing_a_request(people, bookings):
    outcomes = Outcomes()
    reference = bookings.requested.reference

    @s.FUZZ
    @given(
        who=_who(people),
        data=s.form(
            {
                "school": st.just(str(people.school_a.pk)),
                "year_groups": st.sampled_from(["7", "8"]),
                "expected_pupils": s.integer(st.integers(1, 90).map(str)),
                "date_1": _weekdays(),
                "part_1": st.sampled_from(["am", "pm"]),
                "notes": _text(),
            },
            extra=[people.school_b.pk],
        ),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(f"/bookings/{segment(reference)}/edit/", data)
            if response.status_code == 302:
                count = Booking.objects.get(pk=bookings.requested.pk).options.count()
                attempt.accepted(
                    {
                        "schools.Booking": Change(changed=1),
                        "schools.BookingOption": Change(added=count, removed=3),
                        **logged(),
                    },
                    {
                        "schools.BookingOption": Change(added=count, removed=3),
                        **logged(),
                    },
                )
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:proposal_accept", "schools:proposal_decline")
def test_answering_a_proposed_date(people, bookings, proposed):
    outcomes = Outcomes()
    reference = bookings.requested.reference

    @s.FUZZ
    @given(
        who=_who(people),
        answer=st.sampled_from(["accept", "decline"]),
        data=s.form({"reason": _text()}),
    )
    def run(who, answer, data):
        with outcomes.attempt(who) as attempt:
            attempt.post(f"/bookings/{segment(reference)}/proposal/{answer}/", data)
            done = DateProposal.objects.get(pk=proposed.pk).status != DateProposal.Status.PENDING
            if done and answer == "accept":
                attempt.accepted(
                    {
                        "schools.Booking": Change(changed=1),
                        "schools.DateProposal": Change(changed=1),
                        "schools.Delivery": Change(added=1),
                        "schools.DeliveryAssignment": Change(added=1),
                        **logged(2),
                    }
                )
            elif done:
                attempt.accepted({"schools.DateProposal": Change(changed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:move_request")
def test_asking_to_move_a_visit(people, visit):
    outcomes = Outcomes()
    reference = visit.booking.reference

    @s.FUZZ
    @given(
        who=_who(people),
        data=s.form({"reason": _text(), "date_1": _weekdays(), "date_2": _weekdays()}),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(f"/bookings/{segment(reference)}/move/ask/", data)
            if response.status_code == 302:
                attempt.accepted({"schools.MoveRequest": Change(added=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


def _visit_form(people, **extra):
    presenters = [str(people.presenter.pk), str(people.other_presenter.pk)]
    return s.form(
        {
            "date": _weekdays(),
            "start_time": st.sampled_from(["9:30", "14:00"]),
            "presenter": st.sampled_from(presenters),
            "second_presenter": st.sampled_from(["", *presenters]),
            "place": s.mostly(st.just("Main hall"), s.hostile_text()),
            **extra,
        },
        extra=[people.coordinator.pk],
    )


@fuzzes("schools:booking_schedule_any")
def test_scheduling_or_offering_any_date(people, bookings):
    outcomes = Outcomes()
    reference = bookings.requested.reference

    @s.FUZZ
    @given(data=_visit_form(people, note=_text(), action=st.sampled_from(["schedule", "propose"])))
    def run(data):
        with outcomes.attempt(people.coordinator) as attempt:
            response = attempt.post(f"/bookings/{segment(reference)}/schedule/any/", data)
            if response.status_code != 302:
                attempt.refused()
                return
            booking = Booking.objects.get(pk=bookings.requested.pk)
            if booking.status == Booking.Status.SCHEDULED:
                count = Delivery.objects.get(booking=booking).assignments.count()
                attempt.accepted(
                    {
                        "schools.Booking": Change(changed=1),
                        "schools.Delivery": Change(added=1),
                        "schools.DeliveryAssignment": Change(added=count),
                        **logged(),
                    }
                )
            else:
                count = booking.proposals.get().presenters.count()
                attempt.accepted(
                    {
                        "schools.DateProposal": Change(added=1),
                        "schools.DateProposal_presenters": Change(added=count),
                        **logged(),
                    }
                )

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:visit_move")
def test_moving_a_visit(people, visit):
    outcomes = Outcomes()
    reference = visit.booking.reference

    @s.FUZZ
    @given(data=_visit_form(people, reason=_text()))
    def run(data):
        with outcomes.attempt(people.coordinator) as attempt:
            response = attempt.post(f"/bookings/{segment(reference)}/move/", data)
            if response.status_code == 302:
                count = Delivery.objects.get(pk=visit.pk).assignments.count()
                attempt.accepted(
                    {
                        "schools.Booking": Change(changed=1),
                        "schools.Delivery": Change(changed=1),
                        "schools.DeliveryAssignment": Change(added=count, removed=1),
                        **logged(),
                    }
                )
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:visit_cover")
def test_replacing_a_presenter(people, visit):
    outcomes = Outcomes()
    assignment = visit.assignments.get()

    @s.FUZZ
    @given(
        data=s.form(
            {"presenter": st.sampled_from([str(people.other_presenter.pk)])},
            extra=[people.presenter.pk, people.coordinator.pk],
        )
    )
    def run(data):
        with outcomes.attempt(people.coordinator) as attempt:
            response = attempt.post(
                f"/bookings/{visit.booking.reference}/cover/{assignment.pk}/", data
            )
            if response.status_code == 302:
                attempt.accepted(
                    {
                        "schools.Booking": Change(changed=1),
                        "schools.Delivery": Change(changed=1),
                        "schools.DeliveryAssignment": Change(added=1, removed=1),
                        **logged(),
                    }
                )
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:booking_emails")
def test_choosing_booking_emails(people):
    outcomes = Outcomes()

    @s.FUZZ
    @given(data=s.form({"frequency": st.sampled_from(["immediate", "daily"])}))
    def run(data):
        with outcomes.attempt(people.coordinator) as attempt:
            response = attempt.post("/bookings/emails/", data)
            if response.status_code == 302:
                attempt.accepted({"schools.BookingEmailPreference": Change(added=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")
