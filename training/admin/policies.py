"""Who may do what to training's records in the Wagtail admin."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from portal import roles


class CoordinatorPolicy(BasePermissionPolicy):
    """Coordinators (and superusers) may do `actions`; nobody else may do anything."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and roles.is_coordinator(user)

    def users_with_any_permission(self, actions):
        if not self.actions & set(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name=roles.COORDINATORS))
            .distinct()
        )
