from django.apps import AppConfig
from django.db.models.signals import post_migrate

from . import page_cache


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Content"
    demo_seeder = "cms.demo.seed"

    def ready(self):
        # Imported here, not at the top: moderation imports Wagtail's models, which
        # exist only once the app registry is ready.
        from portal import dashboard as portal_dashboard

        from . import dashboard, moderation

        # No sender: the page permissions exist only once Wagtail's apps have
        # migrated, so every post_migrate call tries and the last one completes.
        post_migrate.connect(moderation.ensure_moderation, dispatch_uid="cms.ensure_moderation")
        page_cache.connect_signals()
        portal_dashboard.add_panel(
            dashboard.context, template=dashboard.TEMPLATE, for_roles=dashboard.ROLES
        )
