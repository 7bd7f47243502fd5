"""Races with real threads against one PostgreSQL database.

Each rule has three tests, as pretix's concurrency tests do: the service holds
under a race; the database constraint alone also holds; and a control with both
the lock and the constraint removed shows that the race is real.
"""

import threading
import time as time_module
from contextlib import contextmanager
from datetime import datetime, time, timedelta

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.utils import timezone

from schools import services
from schools.constraints import EXCLUSION, EXCLUSION_DEFINITION
from schools.models import Booking, BookingOption, ClosedDays, Delivery, DeliveryAssignment
from schools.services import closures
from schools.services.bookings import requests as booking_requests
from schools.services.bookings import scheduling
from tests import factories
from tests.factories import cms
from tests.factories import schools as school_factories
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def pause_after(monkeypatch, module, name, parties):
    """Make every racer finish the check `module.name` before any of them goes on to write."""
    barrier = threading.Barrier(parties)
    original = getattr(module, name)

    def checked(*args, **kwargs):
        result = original(*args, **kwargs)
        barrier.wait()
        return result

    monkeypatch.setattr(module, name, checked)


@contextmanager
def without_constraint(table, name, definition):
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a fixed table name
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")


@contextmanager
def without_index(name, definition):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM schools_bookingoption")
            cursor.execute("DELETE FROM schools_booking")
            cursor.execute(definition)


# A presenter is never in two overlapping visits -------------------------------------


@pytest.fixture
def two_requests():
    session = cms.session_page()
    other = cms.session_page()
    person = school_factories.presenter_profile(sessions=[session, other]).user
    first = school_factories.booking(session=session)
    second = school_factories.booking(session=other)
    day = school_factories.weekday_after(21)
    starts = [
        datetime.combine(day, time(10), tzinfo=services.LONDON),
        datetime.combine(day, time(10, 30), tzinfo=services.LONDON),
    ]
    coordinators = [factories.coordinator(), factories.coordinator()]
    return person, [first, second], starts, coordinators


def schedule_both(two_requests):
    person, bookings, starts, coordinators = two_requests
    return race(
        2,
        lambda i: services.schedule_delivery(
            bookings[i], by=coordinators[i], presenters=[person], start=starts[i]
        ),
    )


def test_two_coordinators_cannot_double_book_a_presenter(two_requests):
    outcomes = schedule_both(two_requests)
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    assert isinstance(errors[0], services.SchedulingError)
    assert errors[0].code == "presenter_busy"
    # The refusal reads: who, when, which booking holds them, and what to do.
    person, bookings_, starts, _ = two_requests
    winner = Booking.objects.get(status="scheduled")
    loser_start = starts[1] if winner == bookings_[0] else starts[0]
    time_of_day = "10:30am" if loser_start.minute else "10:00am"
    assert errors[0].message == (
        f"{person.get_full_name()} is no longer free on {loser_start:%A %-d %B} at "
        f"{time_of_day} (booked for {winner.reference}). Choose another presenter or time."
    )
    assert DeliveryAssignment.objects.filter(presenter=two_requests[0]).count() == 1
    assert Booking.objects.filter(status="scheduled").count() == 1


def test_the_exclusion_constraint_alone_stops_the_double_booking(monkeypatch, two_requests):
    monkeypatch.setattr(scheduling, "lock_presenters", lambda ids: None)
    pause_after(monkeypatch, scheduling, "busy_presenter_ids", 2)
    outcomes = schedule_both(two_requests)
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert [type(e) for e in errors] == [services.SchedulingError], outcomes
    assert DeliveryAssignment.objects.count() == 1


def test_a_deadlock_in_the_constraint_check_is_a_clear_refusal(monkeypatch, two_requests):
    """Two writers whose constraint checks wait on each other: PostgreSQL ends one as a
    deadlock, and that coordinator is told the presenter is busy, with nothing saved."""
    monkeypatch.setattr(scheduling, "lock_presenters", lambda ids: None)
    person, requests, starts, coordinators = two_requests
    elsewhere = [school_factories.delivery(presenters=[]) for _ in range(2)]
    visit = starts[0]  # the scheduler's visit: from 10:00 to its end plus travel
    written, scheduler_waits = threading.Event(), threading.Event()
    outcomes = {}

    def assign(delivery, start, end):
        DeliveryAssignment.objects.create(
            delivery=delivery, presenter=person, start=start, end=end, busy_until=end
        )

    def other_writer():
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL deadlock_timeout = '60s'")  # the scheduler decides
                later = visit + timedelta(minutes=30)
                assign(elsewhere[0], later, later + timedelta(minutes=15))
                written.set()
                scheduler_waits.wait()
                # Overlaps only the scheduler's row, which is waiting on this transaction.
                assign(elsewhere[1], visit - timedelta(hours=1), visit + timedelta(minutes=15))
                outcomes["other"] = "saved"
        except Exception as error:  # noqa: BLE001 - collected for the assertions
            outcomes["other"] = error
        finally:
            connections.close_all()

    def scheduler():
        written.wait()
        try:
            outcomes["scheduler"] = services.schedule_delivery(
                requests[0], by=coordinators[0], presenters=[person], start=visit
            )
        except Exception as error:  # noqa: BLE001 - collected for the assertions
            outcomes["scheduler"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=other_writer), threading.Thread(target=scheduler)]
    for thread in threads:
        thread.start()
    _wait_until_a_transaction_waits_for_another(threads[1])
    scheduler_waits.set()
    for thread in threads:
        thread.join()

    refusal = outcomes["scheduler"]
    assert isinstance(refusal, services.SchedulingError), outcomes
    assert refusal.code == "presenter_busy"
    assert isinstance(refusal.__cause__, OperationalError)  # it was the deadlock
    assert outcomes["other"] == "saved"
    requests[0].refresh_from_db()
    assert requests[0].status == Booking.Status.REQUESTED
    assert not Delivery.objects.filter(booking=requests[0]).exists()
    assert DeliveryAssignment.objects.filter(presenter=person).count() == 2


def _wait_until_a_transaction_waits_for_another(thread):
    with connection.cursor() as cursor:
        while thread.is_alive():
            cursor.execute(
                # Only this test's database: other runs on the same server wait on locks too.
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND wait_event = 'transactionid'"
            )
            if cursor.fetchone()[0]:
                return
            time_module.sleep(0.01)


def test_control_without_lock_or_constraint_the_presenter_is_double_booked(
    monkeypatch, two_requests
):
    monkeypatch.setattr(scheduling, "lock_presenters", lambda ids: None)
    pause_after(monkeypatch, scheduling, "busy_presenter_ids", 2)
    with without_constraint("schools_deliveryassignment", EXCLUSION, EXCLUSION_DEFINITION):
        outcomes = schedule_both(two_requests)
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        assert DeliveryAssignment.objects.filter(presenter=two_requests[0]).count() == 2


# Ten identical booking submissions ----------------------------------------------------


@pytest.fixture
def submission():
    session = cms.session_page(min_year=7, max_year=9)
    school = factories.SchoolFactory()
    staff = factories.school_staff(school=school)
    day = school_factories.weekday_after(21)
    return {
        "user": staff,
        "school": school,
        "session": session,
        "details": services.RequestDetails(
            year_groups=[7], expected_pupils=30, options=[(day, BookingOption.PartOfDay.MORNING)]
        ),
    }


def test_ten_identical_submissions_make_one_booking(submission):
    outcomes = race(10, lambda i: services.request_booking(**submission))
    made = [o for o in outcomes if isinstance(o, Booking)]
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(made) == 1, outcomes
    assert {e.code for e in errors} == {"already_requested"}
    assert Booking.objects.count() == 1
    assert BookingOption.objects.count() == 1


def test_the_unique_index_alone_keeps_one_booking(monkeypatch, submission):
    monkeypatch.setattr(booking_requests, "_lock_school", lambda school: None)
    pause_after(monkeypatch, booking_requests, "_has_open_request", 10)
    outcomes = race(10, lambda i: services.request_booking(**submission))
    assert len([o for o in outcomes if isinstance(o, Booking)]) == 1, outcomes
    assert Booking.objects.count() == 1


def test_references_stay_unique_when_many_schools_ask_at_once():
    session = cms.session_page(min_year=7, max_year=9)
    people = [factories.school_staff() for _ in range(8)]
    day = school_factories.weekday_after(21)
    outcomes = race(
        8,
        lambda i: services.request_booking(
            user=people[i],
            school=people[i].school_memberships.get().school,
            session=session,
            details=services.RequestDetails(
                year_groups=[7], expected_pupils=30, options=[(day, "am")]
            ),
        ),
    )
    references = [o.reference for o in outcomes]
    assert len(set(references)) == 8


def test_control_without_lock_or_index_the_school_gets_duplicates(monkeypatch, submission):
    monkeypatch.setattr(booking_requests, "_lock_school", lambda school: None)
    pause_after(monkeypatch, booking_requests, "_has_open_request", 10)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = "
            "'one_open_booking_per_school_and_session'"
        )
        (definition,) = cursor.fetchone()
    with without_index("one_open_booking_per_school_and_session", definition):
        outcomes = race(10, lambda i: services.request_booking(**submission))
        assert len([o for o in outcomes if isinstance(o, Booking)]) == 10, outcomes
        assert Booking.objects.filter(school=submission["school"]).count() == 10


# Changing a booking: the same presenter locks, the same readable refusal ------------


def test_two_coordinators_picking_any_time_with_a_shared_presenter_one_is_told_who(
    two_requests,
):
    """One schedules two presenters, the other one of them, half an hour apart."""
    person, requests, starts, coordinators = two_requests
    partner = school_factories.presenter_profile(
        sessions=[requests[0].session, requests[1].session]
    ).user
    teams = [[person, partner], [person]]
    outcomes = race(
        2,
        lambda i: services.schedule_delivery(
            requests[i], by=coordinators[i], presenters=teams[i], start=starts[i]
        ),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    assert errors[0].code == "presenter_busy"
    winner = Booking.objects.get(status="scheduled")
    assert f"{person.get_full_name()} is no longer free on" in errors[0].message
    assert f"(booked for {winner.reference})" in errors[0].message
    assert errors[0].message.endswith("Choose another presenter or time.")
    assert partner.get_full_name() not in errors[0].message
    assert DeliveryAssignment.objects.filter(presenter=person).count() == 1


def test_a_school_accepting_and_a_coordinator_scheduling_the_same_presenter(two_requests):
    """The school accepts a proposed date while a coordinator books its presenter for
    another school at that time: one wins, the other is told who is busy."""
    person, requests, starts, coordinators = two_requests
    school_staff = factories.school_staff(school=requests[0].school)
    services.propose_date(requests[0], by=coordinators[0], presenters=[person], start=starts[0])

    def work(i):
        if i == 0:
            return services.accept_proposal(requests[0], by=school_staff)
        return services.schedule_delivery(
            requests[1], by=coordinators[1], presenters=[person], start=starts[1]
        )

    outcomes = race(2, work)
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    assert isinstance(errors[0], services.SchedulingError)
    assert errors[0].code == "presenter_busy"
    assert DeliveryAssignment.objects.filter(presenter=person).count() == 1
    assert Booking.objects.filter(status="scheduled").count() == 1


def test_two_coordinators_moving_visits_onto_one_presenter(two_requests):
    """Two visits moved at once to overlapping times with the same presenter."""
    person, requests, starts, coordinators = two_requests
    others = [school_factories.presenter_profile(sessions=[r.session]).user for r in requests]
    for days, request_, other in zip((25, 26), requests, others, strict=True):
        day = school_factories.weekday_after(days)
        services.schedule_delivery(
            request_,
            by=coordinators[0],
            presenters=[other],
            start=datetime.combine(day, time(10), tzinfo=services.LONDON),
        )
    outcomes = race(
        2,
        lambda i: services.move_delivery(
            requests[i], by=coordinators[i], presenters=[person], start=starts[i], reason="Swap"
        ),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    assert errors[0].code == "presenter_busy"
    assert DeliveryAssignment.objects.filter(presenter=person).count() == 1


# A school's INSET day and a visit on that day -----------------------------------------


@pytest.fixture
def inset_and_visit():
    """A school's request, a presenter for it, and the day both the school (an INSET
    day) and a coordinator (the visit) want."""
    request_ = school_factories.booking()
    person = school_factories.presenter_profile(sessions=[request_.session]).user
    day = school_factories.weekday_after(21)
    return {
        "booking": request_,
        "presenter": person,
        "day": day,
        "start": datetime.combine(day, time(10), tzinfo=services.LONDON),
        "dsl": factories.school_staff(school=request_.school),
        "coordinator": factories.coordinator(),
    }


def add_inset(race_):
    return services.add_school_closure(
        race_["booking"].school,
        first_day=race_["day"],
        last_day=race_["day"],
        name="INSET day",
        by=race_["dsl"],
        today=timezone.localdate(),
    )


def schedule_visit(race_):
    return services.schedule_delivery(
        race_["booking"],
        by=race_["coordinator"],
        presenters=[race_["presenter"]],
        start=race_["start"],
    )


def assert_one_of_inset_or_visit_won(race_, outcomes):
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    booking = Booking.objects.get(pk=race_["booking"].pk)
    inset = ClosedDays.objects.filter(school=booking.school, first_day=race_["day"])
    if isinstance(errors[0], services.ClosureError):
        assert errors[0].code == "visit_on_closed_day"
        assert booking.reference in errors[0].message
        assert booking.status == Booking.Status.SCHEDULED
        assert not inset.exists()
    else:
        assert isinstance(errors[0], services.SchedulingError), errors
        assert errors[0].code == "closed_day"
        assert "INSET day" in errors[0].message
        assert booking.status == Booking.Status.REQUESTED
        assert not Delivery.objects.filter(booking=booking).exists()
        assert inset.count() == 1
    return errors[0]


def test_an_inset_day_and_a_visit_on_it_at_once_one_wins(inset_and_visit):
    outcomes = race(2, lambda i: (add_inset if i == 0 else schedule_visit)(inset_and_visit))
    assert_one_of_inset_or_visit_won(inset_and_visit, outcomes)


def hold_after(monkeypatch, module, name):
    """Stop the first caller of `module.name` after it, inside its transaction (its
    locks held), until released; returns (checked, release) events."""
    checked, release = threading.Event(), threading.Event()
    original = getattr(module, name)

    def holding(*args, **kwargs):
        result = original(*args, **kwargs)
        if not checked.is_set():
            checked.set()
            release.wait()
        return result

    monkeypatch.setattr(module, name, holding)
    return checked, release


def run_in_order(first, second, checked, release):
    """`first` checks and holds; `second` starts and waits for its lock (or, were
    there no lock, finishes); then `first` goes on. Both outcomes, in that order."""
    outcomes = [None, None]

    def run(i, work):
        try:
            outcomes[i] = work()
        except Exception as error:  # noqa: BLE001 - collected for the assertions
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(0, first)),
        threading.Thread(target=run, args=(1, second)),
    ]
    threads[0].start()
    checked.wait()
    threads[1].start()
    _wait_until_a_transaction_waits_for_a_lock(threads[1])
    release.set()
    for thread in threads:
        thread.join()
    return outcomes


def _wait_until_a_transaction_waits_for_a_lock(thread):
    with connection.cursor() as cursor:
        while thread.is_alive():
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time_module.sleep(0.01)


def test_an_inset_day_checked_first_refuses_the_visit_waiting_on_it(monkeypatch, inset_and_visit):
    checked, release = hold_after(monkeypatch, closures, "_scheduled_visit")
    outcomes = run_in_order(
        lambda: add_inset(inset_and_visit),
        lambda: schedule_visit(inset_and_visit),
        checked,
        release,
    )
    refusal = assert_one_of_inset_or_visit_won(inset_and_visit, outcomes)
    assert isinstance(refusal, services.SchedulingError)


def test_a_visit_checked_first_refuses_the_inset_day_waiting_on_it(monkeypatch, inset_and_visit):
    checked, release = hold_after(monkeypatch, scheduling, "busy_presenter_ids")
    outcomes = run_in_order(
        lambda: schedule_visit(inset_and_visit),
        lambda: add_inset(inset_and_visit),
        checked,
        release,
    )
    refusal = assert_one_of_inset_or_visit_won(inset_and_visit, outcomes)
    assert isinstance(refusal, services.ClosureError)
