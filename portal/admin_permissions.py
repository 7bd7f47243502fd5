"""Admin permission policies shared by the packages' Wagtail viewsets."""

from wagtail.permission_policies import ModelPermissionPolicy


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records whose every change goes through a service (bookings, deliveries,
    feedback): the admin may list, inspect and export them, never add, edit or
    delete, whatever model permissions a group holds."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
