from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        # Imported here, not at the top: they import models (Wagtail's, auth's,
        # allauth's), which exist only once the app registry is ready.
        from allauth.account.signals import email_added

        # audit connects its signal receivers; admin_exports guards every admin CSV.
        from . import accounts, admin_exports, admin_widgets, audit, queued_mail, roles  # noqa: F401

        admin_widgets.install()
        queued_mail.install()

        admin_exports.guard_csv_exports()
        admin_exports.localise_admin_exports()
        email_added.connect(accounts.record_added, dispatch_uid="portal_record_added_email")

        # After every app's migrate, not only ours: Django creates each app's
        # permissions in its own post_migrate step, and portal migrates first.
        post_migrate.connect(roles.ensure_role_groups, dispatch_uid="portal_ensure_role_groups")
