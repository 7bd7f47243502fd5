"""Booking races on PostgreSQL: many people act at the same instant, the rules hold.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_data .venv/bin/python bench/booking_race.py

1. 200 school staff register for one training event with 20 places at once:
   exactly 20 are confirmed and 180 wait, in a waiting list numbered 1 to 180.
2. 50 coordinators schedule 50 different bookings onto one presenter at the same
   time: exactly one succeeds, the other 49 are told the presenter is not free.

Each racer calls the real service (training.services.events.registrations and
schools.services) on its own database connection, released together by a
barrier; the time to settle runs from the release until the last one has
committed or been refused. Background tasks are queued in the database as in
production (no worker runs them here); emails go to memory. The script makes its own scratch database (the name
in DATABASE_URL with "_bench_races" added) and drops it at the end.

PostgreSQL refuses connections beyond max_connections (100 by default), and
other programs may be using some. When there are not enough free connections for
one per racer, a pool of worker threads (one connection each) takes the racers
in turn; the output says how many workers ran.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from datetime import datetime
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, connections  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

REGISTRANTS = 200
PLACES = 20
SCHEDULERS = 50
# Connections left for everyone else (psql sessions, other test runs, the server's own).
SPARE_CONNECTIONS = 15
# Queued, not run inside the racing transactions as the test settings' immediate backend does.
PRODUCTION_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def free_connections():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        (most,) = cursor.fetchone()
        cursor.execute("SHOW superuser_reserved_connections")
        (reserved,) = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
        )
        (used,) = cursor.fetchone()
    return int(most), int(most) - int(reserved) - used - SPARE_CONNECTIONS


def race(calls, workers):
    """Run every call, `workers` at a time on their own connections, released together.

    Returns (outcomes, seconds to settle, each call's seconds). An outcome is the
    call's result or the exception it raised.
    """
    outcomes = [None] * len(calls)
    durations = [0.0] * len(calls)
    barrier = threading.Barrier(workers + 1)
    queue = iter(range(len(calls)))
    lock = threading.Lock()

    def work():
        connection.ensure_connection()  # connect before the start, not during the race
        try:
            barrier.wait()
            while True:
                with lock:
                    i = next(queue, None)
                if i is None:
                    return
                started = time.perf_counter()
                try:
                    outcomes[i] = calls[i]()
                except Exception as error:  # noqa: BLE001 - counted below
                    outcomes[i] = error
                durations[i] = time.perf_counter() - started
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    barrier.wait()  # everyone connected: go
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return outcomes, time.perf_counter() - started, durations


def one_after_another(calls):
    """The floor: the same calls made in turn on one connection, nobody waiting on a lock."""
    started = time.perf_counter()
    outcomes = []
    for call in calls:
        try:
            outcomes.append(call())
        except Exception as error:  # noqa: BLE001 - returned to the caller
            outcomes.append(error)
    return outcomes, time.perf_counter() - started


def describe(settle, durations, workers, floor):
    total = len(durations)
    pool = "one thread and connection each" if workers == total else f"a pool of {workers} threads"
    print(f"  racers: {total}, on {pool}")
    print(
        f"  time to settle: {settle * 1000:.0f} ms "
        f"(the same {total} calls one after another: {floor * 1000:.0f} ms)"
    )
    print(
        f"  each call: median {statistics.median(durations) * 1000:.0f} ms, "
        f"slowest {max(durations) * 1000:.0f} ms"
    )


def registration_race(limit):
    from tests import factories
    from tests.factories import training as tf
    from training.models import Registration
    from training.services.errors import TrainingError
    from training.services.events import registrations as service

    people = []
    for _ in range(REGISTRANTS):
        user = factories.school_staff()
        people.append((user, user.school_memberships.get().school))

    def calls_for(event):
        return [(lambda u=u, s=s: service.register_for_event(event, u, s)) for u, s in people]

    serial, floor = one_after_another(calls_for(tf.event(capacity=PLACES)))
    assert all(isinstance(o, Registration) for o in serial), serial[:3]
    event = tf.event(capacity=PLACES)
    workers = min(REGISTRANTS, limit)
    outcomes, settle, durations = race(calls_for(event), workers)

    print(f"\n{REGISTRANTS} staff register at once for one event with {PLACES} places")
    unexpected = [o for o in outcomes if not isinstance(o, Registration | TrainingError)]
    refused = [o for o in outcomes if isinstance(o, TrainingError)]
    confirmed = event.registrations.confirmed().count()
    waiting = list(event.registrations.waiting_list())
    positions = [r.waiting_list_position() for r in waiting]
    print(f"  confirmed = {confirmed}, waiting = {len(waiting)}, refused = {len(refused)}")
    describe(settle, durations, workers, floor)
    assert not unexpected, unexpected[:3]
    assert not refused, refused[:3]
    assert confirmed == PLACES, confirmed
    assert len(waiting) == REGISTRANTS - PLACES, len(waiting)
    assert positions == list(range(1, REGISTRANTS - PLACES + 1)), positions[:5]
    assert Registration.objects.filter(event=event).count() == REGISTRANTS
    print(
        f"  checked: exactly {PLACES} confirmed, {REGISTRANTS - PLACES} waiting in order 1 to "
        f"{REGISTRANTS - PLACES}, one registration each"
    )


def scheduling_race(limit):
    from schools import services
    from schools.models import Booking, DeliveryAssignment
    from tests import factories
    from tests.factories import cms
    from tests.factories import schools as school_factories

    session = cms.session_page()
    coordinator = factories.coordinator()
    day = school_factories.weekday_after(21)
    start = datetime.combine(day, clock(10), tzinfo=services.LONDON)

    def calls_for(person, bookings):
        return [
            (
                lambda b=b: services.schedule_delivery(
                    b, by=coordinator, presenters=[person], start=start
                )
            )
            for b in bookings
        ]

    def setting():
        person = school_factories.presenter_profile(sessions=[session]).user
        return person, [school_factories.booking(session=session) for _ in range(SCHEDULERS)]

    serial, floor = one_after_another(calls_for(*setting()))
    assert sum(not isinstance(o, Exception) for o in serial) == 1
    person, bookings = setting()
    workers = min(SCHEDULERS, limit)
    outcomes, settle, durations = race(calls_for(person, bookings), workers)

    print(f"\n{SCHEDULERS} bookings scheduled at once onto one presenter at the same time")
    refusals = [o for o in outcomes if isinstance(o, services.SchedulingError)]
    others = [o for o in outcomes if isinstance(o, Exception) and o not in refusals]
    succeeded = len(outcomes) - len(refusals) - len(others)
    print(f"  scheduled = {succeeded}, refused = {len(refusals)}, other errors = {len(others)}")
    if refusals:
        print(f"  the refusal reads: {refusals[0].message}")
    describe(settle, durations, workers, floor)
    assert not others, others[:3]
    assert succeeded == 1, succeeded
    assert {e.code for e in refusals} == {"presenter_busy"}, {e.code for e in refusals}
    assert DeliveryAssignment.objects.filter(presenter=person).count() == 1
    assert Booking.objects.filter(pk__in=[b.pk for b in bookings], status="scheduled").count() == 1
    print(f"  checked: exactly 1 scheduled, {SCHEDULERS - 1} refused as presenter_busy")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--workers", type=int, help="at most this many threads (default: one per racer)"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database: SQLite serialises every write.")
    setup_test_environment()
    connection.settings_dict["TEST"]["NAME"] = connection.settings_dict["NAME"] + "_bench_races"
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        most, limit = free_connections()
        if args.workers:
            limit = min(limit, args.workers)
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            (version,) = cursor.fetchone()
        print(
            f"PostgreSQL {version}, max_connections {most}; at most {limit} racers at once "
            f"(keeping {SPARE_CONNECTIONS} connections spare); {os.cpu_count()} CPUs, "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        with override_settings(TASKS=PRODUCTION_TASKS):
            registration_race(limit)
            scheduling_race(limit)
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
