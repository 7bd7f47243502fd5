"""purge_expired_data removes what is past its retention period, and nothing else.

Each test creates records now, then runs the command with the clock moved on.
"""

import logging
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.retention import PURGES
from portal.settings.environment import retention_days
from tests import factories
from tests.clock import purge_at

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def _unconfirmed():
    user = factories.UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


def _exists(user):
    return get_user_model().objects.filter(pk=user.pk).exists()


def test_unconfirmed_sign_ups_go_after_fourteen_days_and_not_before():
    now = timezone.now()
    unconfirmed, confirmed = _unconfirmed(), factories.UserFactory()

    assert purge_at(now + 13 * DAY)["purge_unconfirmed_accounts"] == 0
    assert _exists(unconfirmed)

    counts = purge_at(now + 15 * DAY)
    assert counts["purge_unconfirmed_accounts"] == 1
    assert not _exists(unconfirmed)
    assert _exists(confirmed)
    assert not EmailAddress.objects.filter(user_id=unconfirmed.pk).exists()


def test_the_period_follows_the_setting(settings):
    settings.PORTAL_RETENTION_DAYS = {"unconfirmed_accounts": 30}
    user = _unconfirmed()
    purge_at(timezone.now() + 20 * DAY)
    assert _exists(user)
    purge_at(timezone.now() + 31 * DAY)
    assert not _exists(user)


def test_a_misspelt_period_stops_the_purge_instead_of_using_the_default(settings):
    settings.PORTAL_RETENTION_DAYS = {"pupil_freetext": 30}
    with pytest.raises(ImproperlyConfigured, match="pupil_freetext"):
        purge_at(timezone.now())


def test_periods_are_read_from_the_environment():
    assert retention_days({}) == {}
    assert retention_days(
        {"PORTAL_RETENTION_DAYS": "pupil_free_text=730, closed_memberships=90"}
    ) == {"pupil_free_text": 730, "closed_memberships": 90}


def test_staff_accounts_are_never_purged_as_unconfirmed():
    user = _unconfirmed()
    factories.add_to_group(user, "Presenters")
    purge_at(timezone.now() + 100 * DAY)
    assert _exists(user)


def test_ended_sessions_lose_their_ip_address_and_browser(client, staff):
    client.force_login(staff)
    assert client.get("/dashboard/").status_code == 200
    other = factories.school_staff()
    client.force_login(other)
    client.get("/dashboard/")
    assert UserSession.objects.count() == 2
    now = timezone.now()

    # Signing out ends the first session at once; the second is still live tomorrow.
    Session.objects.filter(session_key=UserSession.objects.get(user=staff).session_key).delete()
    assert purge_at(now + DAY)["purge_ended_sessions"] == 1
    assert list(UserSession.objects.values_list("user", flat=True)) == [other.pk]

    # Past the session's expiry (two weeks) nothing of it is left.
    assert purge_at(now + 15 * DAY)["purge_ended_sessions"] == 1
    assert not UserSession.objects.exists()
    assert not Session.objects.exists()


def test_finished_task_results_go_after_thirty_days(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from training.tasks import issue_event_certificates

    finished = DBTaskResult.objects.get(id=issue_event_certificates.enqueue(1).id)
    finished.claim("worker-1")
    finished.set_successful(None)
    waiting = DBTaskResult.objects.get(id=issue_event_certificates.enqueue(2).id)
    now = timezone.now()

    assert purge_at(now + 29 * DAY)["purge_finished_tasks"] == 0
    assert purge_at(now + 31 * DAY)["purge_finished_tasks"] == 1
    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [waiting.id]


def test_each_purge_logs_its_count_and_nothing_else(caplog):
    user = _unconfirmed()
    with caplog.at_level(logging.INFO, logger="portal.retention"):
        purge_at(timezone.now() + 15 * DAY)
    lines = [r.getMessage() for r in caplog.records if r.name == "portal.retention"]
    assert "retention purge=purge_unconfirmed_accounts count=1" in lines
    assert len(lines) == len(PURGES)
    assert not any(user.email in line or user.last_name in line for line in lines)


def test_a_closed_account_is_never_purged_as_unconfirmed():
    from portal.personal_data import close
    from tests.factories import training as training_factories

    registration = training_factories.registration()
    close(registration.user)
    purge_at(timezone.now() + 100 * DAY)
    assert _exists(registration.user)
    registration.refresh_from_db()
