import pytest
from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit counters and cached pages must not leak between tests."""
    cache.clear()
    yield
    cache.clear()


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
