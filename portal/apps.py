from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import audit, roles  # noqa: F401  (audit connects its signal receivers)

        post_migrate.connect(roles.ensure_role_groups, sender=self)
