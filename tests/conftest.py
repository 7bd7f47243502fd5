import pytest
from django.core.cache import cache
from django.core.management import call_command

from portal import worker
from tests import factories


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit counters and cached pages must not leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def run_worker(settings, monkeypatch):
    """Runs `manage.py task_worker` over the stored tasks until none is ready.

    Tasks are stored in the database, as in production. The worker closes stale
    connections between tasks, as a real one must; inside a test's transaction that
    would close the test's own PostgreSQL connection, so here it keeps it.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)

    def run(**options):
        call_command(
            "task_worker", batch=True, interval=0, startup_delay=False, verbosity=0, **options
        )

    return run


@pytest.fixture
def school(db):
    return factories.SchoolFactory()


@pytest.fixture
def staff(db, school):
    """An approved member of staff of `school`."""
    return factories.school_staff(school=school)


@pytest.fixture
def presenter(db):
    return factories.presenter()


@pytest.fixture
def coordinator(db):
    return factories.coordinator()


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL (row locks, exclusion constraints, real races).

    They are skipped, with that reason, when the suite runs on SQLite; `.ci/run`
    runs the whole suite again on PostgreSQL, where they must pass.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: runs in the DATABASE_URL pass of .ci/run")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
