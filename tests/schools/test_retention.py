"""Closed memberships go after their period; open ones and the audit trail stay."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.personal_data import close
from schools import services
from schools.models import SchoolMembership
from tests import factories
from tests.clock import purge_at

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def _request(school, **user_fields):
    user = factories.UserFactory(**user_fields)
    return services.request_membership(user=user, school=school, role="teacher")


def _exists(membership):
    return SchoolMembership.objects.filter(pk=membership.pk).exists()


def test_a_rejected_request_goes_a_year_after_the_decision(school, coordinator):
    rejected = services.reject_membership(_request(school), by=coordinator)
    decided = rejected.decided_at

    assert purge_at(decided + 364 * DAY)["purge_closed_memberships"] == 0
    assert _exists(rejected)
    assert purge_at(decided + 366 * DAY)["purge_closed_memberships"] == 1
    assert not _exists(rejected)


def test_open_memberships_stay_however_old(school, coordinator):
    approved = services.approve_membership(_request(school), by=coordinator)
    pending = _request(school)
    assert purge_at(timezone.now() + 3000 * DAY)["purge_closed_memberships"] == 0
    assert _exists(approved)
    assert _exists(pending)


def test_the_memberships_of_a_closed_account_go_a_year_after_it_closed(school, coordinator):
    membership = services.approve_membership(_request(school), by=coordinator)
    # Joined long ago: the period counts from leaving, not from joining.
    SchoolMembership.objects.filter(pk=membership.pk).update(
        created_at=timezone.now() - 900 * DAY, decided_at=timezone.now() - 900 * DAY
    )
    close(membership.user)
    membership.refresh_from_db()
    assert membership.status == SchoolMembership.Status.LEFT

    assert purge_at(timezone.now() + 364 * DAY)["purge_closed_memberships"] == 0
    assert purge_at(timezone.now() + 366 * DAY)["purge_closed_memberships"] == 1
    assert not _exists(membership)


def test_the_audit_trail_stays_but_no_longer_names_the_person(school, coordinator):
    membership = _request(school, first_name="Imogen", last_name="Thistlewood")
    services.reject_membership(membership, by=coordinator)
    entries = ModelLogEntry.objects.filter(object_id=str(membership.pk))
    assert all("Thistlewood" in label for label in entries.values_list("label", flat=True))
    before = list(entries.values_list("action", "user_id", "timestamp"))

    purge_at(timezone.now() + 366 * DAY)

    after = list(entries.values_list("action", "user_id", "timestamp"))
    assert after == before
    assert set(entries.values_list("label", flat=True)) == {"School membership (removed)"}


def test_a_status_changed_in_the_admin_starts_the_period(client, school, coordinator):
    membership = services.approve_membership(_request(school), by=coordinator)
    client.force_login(coordinator)
    response = client.post(
        f"/admin/memberships/edit/{membership.pk}/",
        {
            "user": membership.user_id,
            "school": school.pk,
            "role": membership.role,
            "status": SchoolMembership.Status.LEFT,
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == SchoolMembership.Status.LEFT
    assert membership.decided_by == coordinator
    assert purge_at(timezone.now() + 364 * DAY)["purge_closed_memberships"] == 0
    assert purge_at(timezone.now() + 366 * DAY)["purge_closed_memberships"] == 1
