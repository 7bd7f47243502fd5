"""The log: security events, and a line for every entry in Wagtail's audit log.

Security events are sign-ins, failed sign-ins, sign-outs, sign-ups, password
and two-factor changes and refusals. Every state change the services make
(bookings, scheduling, memberships, registrations, registers, follow-ups,
certificates, accounts) and every page action (publish, unpublish, workflow) is
recorded by Wagtail's log(); each such entry is also written here once its
transaction commits. Pupils' answers, many and anonymous, get a line only
(log_line_only), not a row in the admin history; a flagged one gets both. A line says who (account id, never a pupil: pupils have
none), what (the action and the record's type and id, never its label or text)
and when (the line's time). The formatter in portal.logging keeps every event on
one line.
"""

import logging
from functools import partial

from allauth.account.signals import (
    email_confirmed,
    password_changed,
    password_reset,
    user_signed_up,
)
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.shortcuts import render
from wagtail.models import ModelLogEntry, PageLogEntry

logger = logging.getLogger("portal.security")
audit_logger = logging.getLogger("portal.audit")


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


@receiver(user_signed_up)
def _signed_up(sender, request, user, **kwargs):
    logger.info("account created user=%s", user.pk)


@receiver(email_confirmed)
def _email_confirmed(sender, request, email_address, **kwargs):
    logger.info("email confirmed user=%s", email_address.user_id)


@receiver(password_changed)
def _password_changed(sender, request, user, **kwargs):
    logger.info("password changed user=%s", user.pk)


@receiver(password_reset)
def _password_reset(sender, request, user, **kwargs):
    logger.info("password reset user=%s", user.pk)


@receiver(authenticator_added)
def _authenticator_added(sender, request, user, authenticator, **kwargs):
    logger.info("two-factor method added user=%s type=%s", user.pk, authenticator.type)


@receiver(authenticator_removed)
def _authenticator_removed(sender, request, user, authenticator, **kwargs):
    logger.info("two-factor method removed user=%s type=%s", user.pk, authenticator.type)


@receiver(authenticator_reset)
def _authenticator_reset(sender, request, user, authenticator, **kwargs):
    logger.info("two-factor method reset user=%s type=%s", user.pk, authenticator.type)


def permission_refused(request, exception=None):
    """Our 403 page, logging who was refused what."""
    user = getattr(request, "user", None)
    logger.warning(
        "permission refused user=%s method=%s path=%r",
        getattr(user, "pk", None),
        request.method,
        request.path,
    )
    return render(request, "403.html", status=403)


def audit_line(entry):
    """One audit entry as a log line: action, record type and id, who (or system)."""
    content_type = entry.content_type
    record = f"{content_type.app_label}.{content_type.model}" if content_type else "unknown"
    return _line(entry.action, record, entry.object_id, entry.user_id)


def _line(action, record, object_id, user_id):
    return f"{action} {record}:{object_id} user={user_id or 'system'}"


def _write_on_commit(line):
    # Only once the change itself is committed: a rolled-back change never happened.
    transaction.on_commit(partial(audit_logger.info, "audit %s", line))


def log_line_only(instance, action):
    """An audit line for a change too frequent and too anonymous for the admin
    history (a pupil's answer): the same line, with no row in Wagtail's log."""
    meta = instance._meta
    _write_on_commit(_line(action, f"{meta.app_label}.{meta.model_name}", instance.pk, None))


@receiver(post_save, sender=ModelLogEntry, dispatch_uid="portal_audit_model_entry")
@receiver(post_save, sender=PageLogEntry, dispatch_uid="portal_audit_page_entry")
def _audit_entry_saved(sender, instance, created, **kwargs):
    if created:
        _write_on_commit(audit_line(instance))
