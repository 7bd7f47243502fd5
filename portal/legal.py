"""The privacy notice, the cookies page and the accessibility statement.

Built from what the portal does rather than typed in by hand, so they cannot
drift from it: retention periods are read from the settings the daily purge
applies (portal.retention), the session's length from Django's settings, and
the controller and contacts from the partnership's site settings (which the
templates read through Wagtail's `settings` context processor).
"""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import retention

DAY = 24 * 60 * 60


def period(days):
    """'14 days', '1 year', '2 years': how people say a retention period."""
    if days % 365 == 0:
        years = days // 365
        return f"{years} year" if years == 1 else f"{years} years"
    if days % 7 == 0 and days > 28:
        return f"{days // 7} weeks"
    return "1 day" if days == 1 else f"{days} days"


def cookies():
    """Every cookie the portal sets, why, and for how long. Each is essential: the
    service cannot work without it, so no consent banner is needed."""
    session_days = settings.SESSION_COOKIE_AGE // DAY
    return [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": "Keeps you signed in as you move from page to page. "
            "Only set when you sign in.",
            "expires": f"When you sign out, or after {period(session_days)}",
        },
        {
            "name": settings.CSRF_COOKIE_NAME,
            "purpose": "Makes sure a form you send came from this website and not from "
            "another one pretending to be you.",
            "expires": f"After {period(settings.CSRF_COOKIE_AGE // DAY)}",
        },
        {
            "name": "messages",
            "purpose": "Shows you a message once, after you do something "
            "(for example, 'Your request has been sent').",
            "expires": "As soon as the message has been shown",
        },
        {
            "name": "pupil_pair",
            "purpose": "Links a pupil's answer at the start of a session to their answer at "
            "the end, on the same device, without knowing who they are. "
            "Only set on the pupil feedback pages.",
            "expires": "After 1 day, or when the pupil answers at the end",
        },
        {
            "name": "pupil_done",
            "purpose": "Remembers that this device has answered a session's questions, so "
            "the questions are not shown again. Only set on the pupil feedback pages.",
            "expires": "After 14 days",
        },
    ]


ADMIN_COOKIES = [
    {
        "name": "wagtail_sidebar_collapsed",
        "purpose": "Remembers whether you closed the menu in the content management area. "
        "Only set for presenters and partnership staff who use it.",
        "expires": "After 1 year",
    },
]


@require_GET
def privacy(request):
    periods = {kind: period(days) for kind, days in retention.retention_periods().items()}
    return render(
        request,
        "portal/legal/privacy.html",
        {"periods": periods, "session": period(settings.SESSION_COOKIE_AGE // DAY)},
    )


@require_GET
def cookies_page(request):
    return render(
        request,
        "portal/legal/cookies.html",
        {"cookies": cookies(), "admin_cookies": ADMIN_COOKIES},
    )


@require_GET
def accessibility(request):
    return render(request, "portal/legal/accessibility.html")
