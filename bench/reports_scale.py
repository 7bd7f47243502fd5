"""How /reports/ grows with the number of pupil answers, against the floor of a
bare request (/healthz) on the same run.

    .venv/bin/python bench/reports_scale.py            # SQLite
    DATABASE_URL=postgres://... .venv/bin/python bench/reports_scale.py

Prints the median time of the report page and its query count at each size.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZES = [1_000, 10_000, 100_000]
RUNS = 5


def median_ms(client, path):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def main():
    from django.core import signals
    from django.db import close_old_connections, reset_queries

    setup_test_environment()
    # As in Django's TestCase: keep one connection across requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    signals.request_started.disconnect(reset_queries)
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from tests import factories
        from tests.factories import feedback as fb
        from training.models import PupilResponse

        client = Client()
        client.force_login(factories.coordinator())
        deliveries = [fb.delivered(start=timezone.now() - timedelta(days=2 + i)) for i in range(20)]
        floor = median_ms(client, "/healthz")
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
            made = size
            client.get("/reports/")
            with CaptureQueriesContext(connection) as queries:
                client.get("/reports/")
            ms = median_ms(client, "/reports/")
            print(
                f"/reports/ with {size:>7,} answers: {ms:7.1f} ms median, "
                f"{len(queries)} queries, {ms / floor:.0f}x the floor"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
