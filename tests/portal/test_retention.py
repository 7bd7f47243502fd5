"""purge_expired_data removes what is past its retention period, and nothing else."""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def _unconfirmed(days_ago):
    user = factories.UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    get_user_model().objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - timedelta(days=days_ago)
    )
    return user


def test_unconfirmed_sign_ups_go_after_fourteen_days_and_not_before():
    old, recent = _unconfirmed(15), _unconfirmed(13)
    confirmed = factories.UserFactory()
    get_user_model().objects.filter(pk=confirmed.pk).update(
        date_joined=timezone.now() - timedelta(days=400)
    )
    out = StringIO()
    call_command("purge_expired_data", stdout=out)
    remaining = set(get_user_model().objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert {recent.pk, confirmed.pk} <= remaining
    assert "purge_unconfirmed_accounts: 1" in out.getvalue()


def test_the_period_follows_the_setting(settings):
    settings.PORTAL_RETENTION_DAYS = {"unconfirmed_accounts": 30}
    user = _unconfirmed(20)
    call_command("purge_expired_data", stdout=StringIO())
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_staff_accounts_are_never_purged_as_unconfirmed():
    user = _unconfirmed(100)
    factories.add_to_group(user, "Presenters")
    call_command("purge_expired_data", stdout=StringIO())
    assert get_user_model().objects.filter(pk=user.pk).exists()
