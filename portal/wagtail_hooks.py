from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_choosers_js():
    """Date and time choosers started from a file, so the admin needs no inline script."""
    return format_html('<script src="{}"></script>', static("portal/admin-choosers.js"))


@hooks.register("register_log_actions")
def register_portal_log_actions(actions):
    actions.register_action("portal.account.closed", "Account closed", "Account closed")
    actions.register_action("portal.message.sent", "Message sent to many", "Message sent to many")
