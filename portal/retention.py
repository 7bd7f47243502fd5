"""How long personal data is kept, and the functions that remove it when its time is up.

Each purge function takes `now` and returns how many records it removed or
anonymised; `manage.py purge_expired_data` runs every function in PURGES and
logs the counts (never what was removed). Apps add their own purges from their
AppConfig.ready(); they run after the portal's own, in the order added. Periods are in
settings.PORTAL_RETENTION_DAYS so the partnership can set them. Every purge is
safe to run again at once: a second run finds nothing left to do.
See docs/data-protection.md.
"""

import logging
from datetime import timedelta
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from .messages import purge_unsent_messages
from .models import SentEmail

logger = logging.getLogger("portal.retention")

DEFAULT_RETENTION_DAYS = {
    # A sign-up nobody confirmed is removed after this many days.
    "unconfirmed_accounts": 14,
    # A further address added to an account and not confirmed (its link lasts
    # three days, ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS); portal/accounts.py.
    "unconfirmed_email_addresses": 3,
    # Rejected memberships and memberships of people who left the school,
    # counted from the decision (or the day the person left).
    "closed_memberships": 365,
    # Pupils' free-text answers (the ratings are kept as anonymous counts).
    "pupil_free_text": 365,
    # Staff's comments on a visit or training event (their ratings are kept):
    # two school years, so a year can be compared with the one before.
    "staff_comments": 730,
    # The ZIP of a whole event's certificates, and the names in its problem
    # list; each certificate itself is kept.
    "certificate_zips": 30,
    # Finished background tasks: their results and error reports can quote an
    # email address.
    "finished_tasks": 30,
}


def retention_days(kind):
    configured = getattr(settings, "PORTAL_RETENTION_DAYS", {})
    unknown = set(configured) - set(DEFAULT_RETENTION_DAYS)
    if unknown:
        # A misspelt period would otherwise be ignored and the default applied.
        raise ImproperlyConfigured(
            f"PORTAL_RETENTION_DAYS has unknown periods: {', '.join(sorted(unknown))}. "
            f"Known: {', '.join(DEFAULT_RETENTION_DAYS)}."
        )
    return {**DEFAULT_RETENTION_DAYS, **configured}[kind]


def retention_periods():
    """Every period in days, as the purges apply them (the privacy notice shows these)."""
    return {kind: retention_days(kind) for kind in DEFAULT_RETENTION_DAYS}


def cutoff(kind, now):
    """Records older than this are past their retention period."""
    return now - timedelta(days=retention_days(kind))


def relabel_log_entries(model, pks, label):
    """Audit entries keep who did what and when, but their label (the record's name
    when it was logged) can carry a person's name: replace it once the record goes."""

    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).update(label=label)


def add_purges(*purges):
    """An app's purge functions, run after those added before them."""
    PURGES.extend(purge for purge in purges if purge not in PURGES)


def run_purges(now):
    """Run every purge; returns {name: count} and logs each count."""
    counts = {}
    for purge in PURGES:
        name = purge.__name__
        counts[name] = purge(now)
        logger.info("retention purge=%s count=%d", name, counts[name])
    return counts


def purge_unconfirmed_accounts(now):
    """Delete accounts that never confirmed an email address and never signed in.

    A closed account (inactive) is never one of them: its records are kept
    without the name, and deleting it would take its registers with it.
    """

    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    stale = (
        get_user_model()
        .objects.filter(
            date_joined__lt=cutoff("unconfirmed_accounts", now),
            last_login__isnull=True,
            is_active=True,
            is_staff=False,
            is_superuser=False,
            groups__isnull=True,
        )
        .exclude(Exists(verified))
    )
    with transaction.atomic():
        _, deleted = stale.delete()
    return deleted.get(get_user_model()._meta.label, 0)


def purge_unconfirmed_email_addresses(now):
    """Remove further addresses (never an account's sign-in address) that were not
    confirmed within their period, so an address someone else added stops being
    theirs; one with no date kept was added before dates were kept."""
    recent = Q(added__added_at__gte=cutoff("unconfirmed_email_addresses", now))
    stale = (
        EmailAddress.objects.filter(verified=False, primary=False)
        .exclude(recent)
        .exclude(email__iexact=F("user__email"))
    )
    with transaction.atomic():
        _, deleted = stale.delete()
    return deleted.get(EmailAddress._meta.label, 0)


def purge_ended_sessions(now):
    """Remove expired sessions, then the IP address and browser allauth kept for
    each session that no longer exists ("where you are signed in")."""

    store = import_module(settings.SESSION_ENGINE).SessionStore
    if hasattr(store, "get_model_class"):  # database-backed sessions
        store.get_model_class().objects.filter(expire_date__lt=now).delete()
    else:
        store.clear_expired()
    return sum(1 for session in UserSession.objects.iterator() if session.purge())


def purge_finished_tasks(now):
    """Delete finished background task results (return values and tracebacks), and
    the marks of emails sent as long ago (no task that could send one again is left)."""

    deleted, _ = (
        DBTaskResult.objects.finished()
        .filter(finished_at__lt=cutoff("finished_tasks", now))
        .delete()
    )
    SentEmail.objects.filter(sent_at__lt=cutoff("finished_tasks", now)).delete()
    return deleted


PURGES = [
    purge_unconfirmed_accounts,
    purge_unconfirmed_email_addresses,
    purge_ended_sessions,
    purge_finished_tasks,
    purge_unsent_messages,
]
