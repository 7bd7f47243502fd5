"""How fast /reports/ and its exports are, against the floor of a bare request
(/healthz) through the same client in the same run.

    DATABASE_URL=postgres://... .venv/bin/python bench/reports_scale.py [--keep]
    .venv/bin/python bench/reports_scale.py            # SQLite: growing sizes

On PostgreSQL it loads national-scale data (bench/national_data.py: 24,000
schools, 300,000 deliveries, 5,000,000 pupil answers, with COPY) into a scratch
database (the name in DATABASE_URL with "_bench_reports" added), then times the
coordinator's report page and its CSV and spreadsheet exports for the whole
country and for one district: median of several runs, the CPU time they cost
in this process and in the database server (steadier than elapsed time on a
busy machine), and the number of queries. Each three ways: with the figures
computed for every request, after a pupil's answer (which makes the delivery
figures stale and keeps the rest), and with them all kept in the cache
(training/services/reports/cache.py; Redis when REDIS_URL is set).
`--keep` keeps the scratch database for the next run (which then skips the
load, and migrates it if there are new migrations). `--sizes` runs the older
mode anywhere: the page with 1,000, 10,000 and 100,000 answers.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZES = [1_000, 10_000, 100_000]


def timed(client, path, params, runs, before=lambda: None):
    """Median milliseconds over `runs` requests (after one to warm up), the query
    count of one request, and the response size in bytes. `before` runs ahead of
    each request, untimed."""
    client.get(path, params)
    before()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        response = client.get(path, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), len(queries), len(response.content)


def cpu_ms(client, path, params, runs, before=lambda: None):
    """CPU milliseconds a request costs, as (this process, the database server), each
    the mean over `runs` requests: unlike elapsed time, hardly moved by other work on
    a shared machine. The server's share is read from /proc for its backend, so only
    when PostgreSQL runs on this machine (else None); parallel query is switched off
    for these runs so that the backend does all of the work itself."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
        cursor.execute("SET max_parallel_workers_per_gather = 0")
    tick = 1000 / os.sysconf("SC_CLK_TCK")

    def server():
        if not stat.exists():
            return None
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * tick  # utime + stime

    try:
        here = there = 0
        for _ in range(runs):
            before()
            started, started_there = time.process_time(), server()
            assert client.get(path, params).status_code == 200
            here += (time.process_time() - started) * 1000 / runs
            if started_there is not None:
                there += (server() - started_there) / runs
        there = there if stat.exists() else None
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET max_parallel_workers_per_gather")
    return here, there


def keep_one_connection():
    """As Django's TestCase does: one connection across requests, queries recorded."""
    from django.core import signals
    from django.db import close_old_connections, reset_queries

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    signals.request_started.disconnect(reset_queries)


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    version = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = f", PostgreSQL {cursor.fetchone()[0]}"
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {kib / 1024 / 1024:.0f} GiB memory{version}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )


# National scale (PostgreSQL) -----------------------------------------------------------


def national(args):
    from bench import national_data
    from schools.models import District, School
    from tests import factories

    print(machine())
    if School.objects.count() >= national_data.SCHOOLS:
        print("Data already loaded (kept from an earlier run).")
    else:
        print("Loading national-scale data with COPY:")
        seconds = national_data.load()
        print(f"  {'total':<28} {'':>10}      {seconds:7.1f} s")
    args.loaded = True

    client = Client()
    client.force_login(factories.coordinator(email=f"coordinator{time.time_ns()}@example.org"))
    district = District.objects.order_by("name").first()
    year = {"year": national_data.YEAR}
    scopes = [("whole country", year), (district.name, {**year, "district": district.pk})]
    scopes = {"country": scopes[:1], "district": scopes[1:]}.get(args.scope, scopes)
    pages = [
        ("page", reverse("training:reports")),
        (
            "CSV, schools not reached",
            reverse("training:reports_export", args=["not-reached", "csv"]),
        ),
        (
            "XLSX, schools not reached",
            reverse("training:reports_export", args=["not-reached", "xlsx"]),
        ),
        ("CSV, by session", reverse("training:reports_export", args=["sessions", "csv"])),
    ]
    floor, _, _ = timed(client, "/healthz", {}, args.runs)
    print(f"\nfloor /healthz: {floor:.1f} ms (median of {args.runs})")
    print(f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
    print(
        "\n| Scope | What | Figures | Median | Times the floor | CPU: Django + PostgreSQL "
        "| Queries | Size |\n|---|---|---|--:|--:|--:|--:|--:|"
    )
    for scope, params in scopes:
        for label, path in pages:
            for figures, seconds, before in FIGURES:
                with override_settings(PORTAL_REPORTS_CACHE_SECONDS=seconds):
                    ms, queries, size = timed(client, path, params, args.runs, before)
                    here, there = cpu_ms(client, path, params, args.runs, before)
                server = "n/a" if there is None else f"{there:,.0f}"
                print(
                    f"| {scope} | {label} | {figures} | {ms:,.0f} ms | {ms / floor:,.0f} "
                    f"| {here:,.0f} + {server} ms | {queries} | {size / 1024:,.0f} KiB |"
                )


def _pupil_answered():
    """What a pupil's answer does to the figures kept in the cache."""
    from training.services.reports import cache

    cache.invalidate([cache.DELIVERIES])


# Each request three ways: the figures made afresh (as with the cache off, or after a
# change to the schools), after a pupil's answer (the delivery figures made afresh,
# the rest from the cache), and all from the cache (the same filters again, or
# another table of the same report).
FIGURES = [
    ("computed", 0, lambda: None),
    ("after a pupil's answer", 600, _pupil_answered),
    ("from the cache", 600, lambda: None),
]


# Growing sizes (any database) -----------------------------------------------------------


def sizes(args):
    from tests import factories
    from tests.factories import feedback as fb
    from training.models import PupilResponse
    from training.services.feedback import rebuild_feedback_totals

    print(machine())
    client = Client()
    client.force_login(factories.coordinator())
    deliveries = [fb.delivered(start=timezone.now() - timedelta(days=2 + i)) for i in range(20)]
    floor, _, _ = timed(client, "/healthz", {}, args.runs)
    print(f"floor /healthz: {floor:.1f} ms")
    made = 0
    for size in SIZES:
        PupilResponse.objects.bulk_create(
            (
                PupilResponse(
                    delivery=deliveries[i % len(deliveries)],
                    before_confidence=1 + i % 5,
                    after_confidence=1 + (i * 7) % 5,
                    knows_who_to_talk_to="yes" if i % 4 else "no",
                )
                for i in range(size - made)
            ),
            batch_size=5000,
        )
        rebuild_feedback_totals(d.pk for d in deliveries)  # as the services keep them
        made = size
        ms, queries, _ = timed(client, "/reports/", {}, args.runs)
        print(
            f"/reports/ with {size:>7,} answers: {ms:7.1f} ms median, "
            f"{queries} queries, {ms / floor:.0f}x the floor"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", action="store_true", help="the growing-sizes mode")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each request")
    parser.add_argument(
        "--scope", choices=["country", "district", "both"], default="both", help="national mode"
    )
    args = parser.parse_args()
    is_national = connection.vendor == "postgresql" and not args.sizes

    setup_test_environment()
    keep_one_connection()
    if connection.vendor == "postgresql":
        test = connection.settings_dict["TEST"]
        test["NAME"] = connection.settings_dict["NAME"] + "_bench_reports"
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=args.keep)
    try:
        national(args) if is_national else sizes(args)
    finally:
        if not args.keep or (is_national and not getattr(args, "loaded", False)):
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
