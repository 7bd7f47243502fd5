"""Who owns an email address, for sign-up.

An address belongs to an account when it is the account's sign-in address or an
address the account has confirmed. Anyone signed in can add any address to
their own account unconfirmed: that claims nothing. So such an address never
stops its owner signing up (portal.forms.SignupForm); when the owner confirms it,
every unconfirmed copy on other accounts goes (portal.adapters.AccountAdapter);
and any that nobody confirms is removed after a few days
(portal.retention.purge_unconfirmed_email_addresses, from the date kept in
AddedEmailAddress).
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from .models import AddedEmailAddress


def has_account(email):
    """Whether `email` is someone's sign-in address or an address they confirmed."""
    return (
        get_user_model().objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(
            Q(verified=True) | Q(primary=True), email__iexact=email
        ).exists()
    )


def drop_unconfirmed_copies(email_address):
    """`email_address` was just confirmed: its owner is known, so the same address
    added unconfirmed to any other account is removed."""
    with transaction.atomic():
        EmailAddress.objects.filter(email__iexact=email_address.email, verified=False).exclude(
            user_id=email_address.user_id
        ).delete()


def record_added(sender, request=None, user=None, email_address=None, **kwargs):
    """allauth's `email_added`: keep the date a further address was added."""
    AddedEmailAddress.objects.get_or_create(address=email_address)
