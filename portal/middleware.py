"""Request-wide policies: two-factor authentication for staff, no caching of private pages."""

from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.csp import CSP

from . import roles

# Addresses a person must reach to set up two-factor authentication or leave.
MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/media/", "/healthz", "/help/")


class RequireMFAMiddleware:
    """Presenters, coordinators and superusers set up MFA before anything else.

    Every other address, the Wagtail admin included, sends them to the
    authenticator set-up page and brings them back afterwards.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and roles.requires_mfa(user)
            and not is_mfa_enabled(user)
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Pages seen by a signed-in person are never stored by browsers or proxies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set itself.

    Cross-Origin-Resource-Policy stops other sites embedding our responses
    (documents, certificates, images); Permissions-Policy switches off browser
    features the portal never uses.
    """

    PERMISSIONS_POLICY = (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "interest-cohort=(), browsing-topics=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        return response


class AdminStylePolicyMiddleware:
    """The Wagtail admin's editors (rich text, minimap) add inline styles, which
    `style-src 'self'` blocks. Under /admin/ only, inline styles are allowed; scripts
    stay as strict as everywhere else. The editor's preview may be framed by this site
    only. Must sit after Django's CSP middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            # Wagtail renders a preview by sending a stand-in request for the page's
            # public address through the whole middleware chain, and answers the
            # editor's frame with that response: its policy is the public page's,
            # except that this site may frame it.
            policy = dict(getattr(response, "_csp_config", settings.SECURE_CSP))
            policy["frame-ancestors"] = [CSP.SELF]
            response._csp_config = policy
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        elif request.path.startswith("/admin/"):
            policy = dict(settings.SECURE_CSP)
            policy["style-src"] = [CSP.SELF, CSP.UNSAFE_INLINE]
            if self.is_preview(request):
                # The editor shows its preview in a frame of its own page: this
                # site may frame it, no other.
                policy["frame-ancestors"] = [CSP.SELF]
                response.headers["X-Frame-Options"] = "SAMEORIGIN"
            response._csp_config = policy
        return response

    @staticmethod
    def is_preview(request):
        match = request.resolver_match
        return bool(match) and (match.url_name or "").startswith("preview_on_")
