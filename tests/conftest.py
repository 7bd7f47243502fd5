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
