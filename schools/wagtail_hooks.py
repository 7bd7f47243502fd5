"""Registers the schools admin (schools.admin) with Wagtail: viewsets, the read-only
permission policy of bookings and deliveries, the menu item for new requests and
the audit log actions."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from portal.admin_permissions import ViewOnlyPermissionPolicy

from .admin import LOG_ACTIONS, SchoolsViewSetGroup
from .admin.bookings import requests_menu_item
from .models import Booking, Delivery


@hooks.register("register_log_actions")
def register_schools_log_actions(actions):
    for action, label in LOG_ACTIONS:
        actions.register_action(action, label, label)


register_permission_policy(Booking, ViewOnlyPermissionPolicy(Booking))
register_permission_policy(Delivery, ViewOnlyPermissionPolicy(Delivery))


@hooks.register("register_admin_viewset")
def register_schools_viewsets():
    return SchoolsViewSetGroup()


hooks.register("register_admin_menu_item", requests_menu_item)
