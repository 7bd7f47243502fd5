"""Fixtures of the access matrix: the world of world.py, fresh for every test.

The world is built once per module inside a transaction that is rolled back at
the end; each test runs in a savepoint inside it (as Django's setUpTestData
does), so whatever a test's POST changes is undone before the next test, and
each test gets its own copy of the Python objects. Stored files (certificate
PDFs and ZIPs) go to a throwaway folder.
"""

import copy

import pytest
from django.db import transaction
from django.test import TestCase, override_settings

from .world import assert_fresh, build_world


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield build_world(lambda: TestCase.captureOnCommitCallbacks(execute=True))
        transaction.set_rollback(True)


@pytest.fixture
def world(shared_world, db):
    world = copy.deepcopy(shared_world)
    assert_fresh(world)
    return world
