from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save

from . import page_cache


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Content"
    demo_seeder = "cms.demo.seed"

    def ready(self):
        # Imported here, not at the top: moderation imports Wagtail's models, which
        # exist only once the app registry is ready.
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.signals import page_published

        from portal import dashboard as portal_dashboard
        from portal import mail as portal_mail

        from . import dashboard, mail, moderation, uploads

        # No sender: the page permissions exist only once Wagtail's apps have
        # migrated, so every post_migrate call tries and the last one completes.
        post_migrate.connect(moderation.ensure_moderation, dispatch_uid="cms.ensure_moderation")
        page_cache.connect_signals()
        for model in (get_document_model(), get_image_model()):
            post_save.connect(
                uploads.upload_created,
                sender=model,
                dispatch_uid=f"cms.upload.{model._meta.label_lower}",
            )
        portal_mail.add_sender_lookup(mail.partnership_sender)
        page_published.connect(uploads.page_published, dispatch_uid="cms.approve_page_uploads")
        portal_dashboard.add_panel(
            dashboard.context, template=dashboard.TEMPLATE, for_roles=dashboard.ROLES
        )
