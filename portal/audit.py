"""Security events for the log: sign-ins, failed sign-ins, sign-outs and refusals.

Each line says who (account id, never a pupil), what and when; the formatter in
portal.logging keeps every event on one line.
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("portal.security")


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    logger.info("sign-in succeeded user=%s", user.pk)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    logger.info("sign-out user=%s", getattr(user, "pk", None))


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # The attempted address is kept so repeated attacks on one account can be
    # seen; the formatter escapes anything that could forge a line.
    logger.warning("sign-in failed login=%r", credentials.get("email") or credentials.get("login"))


def permission_refused(request, exception=None):
    """Our 403 page, logging who was refused what."""
    from django.shortcuts import render

    user = getattr(request, "user", None)
    logger.warning(
        "permission refused user=%s method=%s path=%r",
        getattr(user, "pk", None),
        request.method,
        request.path,
    )
    return render(request, "403.html", status=403)
