"""A person's own data: download it, or close the account.

Each app adds, from its AppConfig.ready(), a function that returns its part of
a person's data (EXPORTERS), optionally one that ends or removes what the person
had with it once the account itself is closed (CLOSERS), and the models whose
rows are the person's own (OWN_RECORDS); they run in the order added, the
portal's first. Records others rely on (registers, issued certificates) are
kept but no longer point at the person; see docs/data-protection.md.
"""

from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

# A person's own records, by the field that points at them: their audit entries
# were labelled with the record's name at the time, which can carry the person's.
OWN_RECORDS = [("portal.User", "pk")]


def when(value):
    """A date or time as ISO 8601 (times in the portal's time zone), or None."""
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return value.isoformat()


def account_data(user):
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in user.emailaddress_set.all()
            ],
            "two_factor_methods": sorted(user.authenticator_set.values_list("type", flat=True)),
        },
        "signed_in_sessions": [
            {
                "ip_address": s.ip,
                "browser": s.user_agent,
                "signed_in_at": when(s.created_at),
                "last_seen_at": when(s.last_seen_at),
            }
            for s in UserSession.objects.filter(user=user).order_by("created_at")
        ],
        # What the person changed, as the audit log records it (labels can name
        # other people, so only the kind of record and when).
        "changes_you_made": [
            {"action": e.action, "record": e.content_type.name, "at": when(e.timestamp)}
            for e in _entries_by(user)
        ],
    }


def _entries_by(user):
    entries = [
        *ModelLogEntry.objects.filter(user=user).select_related("content_type"),
        *PageLogEntry.objects.filter(user=user).select_related("content_type"),
    ]
    return sorted(entries, key=lambda e: (e.timestamp, e.pk))


def close_account(user):
    """Sign-in details and name are removed, and the person's name leaves the labels
    of the audit entries about their own records."""
    names = {user.get_full_name(), user.email} - {""}
    user.emailaddress_set.all().delete()
    user.authenticator_set.all().delete()
    user.first_name = ""
    user.last_name = ""
    user.email = f"closed-account-{user.pk}@invalid"
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["first_name", "last_name", "email", "is_active", "password"])
    for session in UserSession.objects.filter(user=user):
        session.end()
    _remove_name_from_audit_labels(user, names)
    log(instance=user, action="portal.account.closed", user=user)


def _remove_name_from_audit_labels(user, names):
    """Audit entries about the person's own records still say who did what and
    when, but no longer by name."""
    anonymous = f"closed account {user.pk}"
    for label, field in OWN_RECORDS:
        model = apps.get_model(label)
        pks = model._base_manager.filter(**{field: user.pk}).values_list("pk", flat=True)
        entries = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        )
        for name in sorted(names, key=len, reverse=True):
            entries.filter(label__contains=name).update(
                label=Replace("label", Value(name), Value(anonymous))
            )


EXPORTERS = [account_data]
CLOSERS = []


def add_personal_data(export, *, close=None, own_records=()):
    """An app's part: `export(user)` returns a dict of its data about the person;
    `close(user)` runs after the account is closed; `own_records` are
    (model label, field pointing at the person) pairs."""
    if export not in EXPORTERS:
        EXPORTERS.append(export)
    if close is not None and close not in CLOSERS:
        CLOSERS.append(close)
    OWN_RECORDS.extend(pair for pair in own_records if pair not in OWN_RECORDS)


def export_personal_data(user):
    data = {}
    for export in EXPORTERS:
        data.update(export(user))
    return data


def close(user):
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        close_account(user)
        for close_part in CLOSERS:
            close_part(user)
    return user
