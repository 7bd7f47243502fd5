"""How long personal data is kept, and the functions that remove it when its time is up.

Each purge function takes `now` and returns how many records it removed or
anonymised; `manage.py purge_expired_data` runs every function in PURGES.
Periods are in settings.PORTAL_RETENTION_DAYS so the partnership can set them.
See docs/data-protection.md.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef

DEFAULT_RETENTION_DAYS = {
    # A sign-up nobody confirmed is removed after this many days.
    "unconfirmed_accounts": 14,
    # Rejected memberships and memberships of people who left the school.
    "closed_memberships": 365,
    # Pupils' free-text answers (the ratings are kept as anonymous counts).
    "pupil_free_text": 365,
}


def retention_days(kind):
    return {**DEFAULT_RETENTION_DAYS, **getattr(settings, "PORTAL_RETENTION_DAYS", {})}[kind]


def purge_unconfirmed_accounts(now):
    """Delete accounts that never confirmed an email address and never signed in."""
    from allauth.account.models import EmailAddress

    cutoff = now - timedelta(days=retention_days("unconfirmed_accounts"))
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    stale = (
        get_user_model()
        .objects.filter(
            date_joined__lt=cutoff,
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
            groups__isnull=True,
        )
        .exclude(Exists(verified))
    )
    with transaction.atomic():
        _, deleted = stale.delete()
    return deleted.get(get_user_model()._meta.label, 0)


# Dotted paths, so each package can add its own without import cycles.
PURGES = [
    "portal.retention.purge_unconfirmed_accounts",
]
