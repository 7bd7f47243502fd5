from django.conf import settings

from . import roles


def portal(request):
    """What the base template needs on every page: the service name, the visitor's role and
    whether that role must use two-factor authentication."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "service_name": settings.PORTAL_SERVICE_NAME,
        "is_coordinator": signed_in and roles.is_coordinator(user),
        "is_presenter": signed_in and roles.is_presenter(user),
        "mfa_required": signed_in and roles.requires_mfa(user),
    }
