"""The role groups carry the admin permissions each role needs."""

import pytest
from django.contrib.auth.models import Group

from portal import roles
from tests import factories

pytestmark = pytest.mark.django_db


def test_coordinators_manage_schools_and_training_in_the_admin():
    user = factories.coordinator()
    assert user.has_perm("wagtailadmin.access_admin")
    assert user.has_perm("schools.change_booking")
    assert user.has_perm("training.change_trainingevent")


def test_presenters_reach_the_admin_but_cannot_change_bookings():
    user = factories.presenter()
    assert user.has_perm("wagtailadmin.access_admin")
    assert user.has_perm("wagtailimages.add_image")
    assert not user.has_perm("schools.change_booking")


def test_school_staff_have_no_admin_access(staff):
    assert not staff.has_perm("wagtailadmin.access_admin")


def test_ensuring_the_groups_twice_changes_nothing():
    roles.ensure_role_groups()
    before = set(
        Group.objects.get(name=roles.COORDINATORS).permissions.values_list("pk", flat=True)
    )
    roles.ensure_role_groups()
    after = set(Group.objects.get(name=roles.COORDINATORS).permissions.values_list("pk", flat=True))
    assert before == after
    assert Group.objects.filter(name__in=[roles.COORDINATORS, roles.PRESENTERS]).count() == 2


@pytest.mark.parametrize(
    "model_path", ["schools.Booking", "schools.Delivery", "training.TeacherFeedback"]
)
def test_records_only_services_change_are_read_only_in_the_admin_even_for_coordinators(model_path):
    from django.apps import apps
    from wagtail.permissions import policy_registry

    model = apps.get_model(model_path)
    user = factories.coordinator()
    policy = policy_registry.get_by_type(model)
    assert policy.user_has_permission(user, "view")
    for action in ("add", "change", "delete"):
        assert not policy.user_has_permission(user, action)
