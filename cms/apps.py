from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Content"

    def ready(self):
        from . import moderation, page_cache

        # No sender: the page permissions exist only once Wagtail's apps have
        # migrated, so every post_migrate call tries and the last one completes.
        post_migrate.connect(moderation.ensure_moderation, dispatch_uid="cms.ensure_moderation")
        page_cache.connect_signals()
