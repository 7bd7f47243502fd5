"""Demo accounts, one per role.

On a developer's machine (settings with PORTAL_PUBLISHED_DEMO_SECRETS, i.e.
portal.settings.dev and the tests) they get the published password and TOTP
secrets below, so a person or a browser test can sign in as each role. Anywhere
else seed_demo runs only when told the site is a demonstration (--demo-site),
and then every account gets a random password and random TOTP secrets, made for
that run and printed once: the published ones would open a superuser account on
any site where the demo was loaded.
"""

import secrets
from contextlib import contextmanager

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles

DEMO_PASSWORD = "demo-portal-2026"

# (email, first name, last name, group, TOTP secret or None, superuser)
DEMO_ACCOUNTS = [
    ("admin@demo.example", "Alex", "Admin", None, "PORTALADMINDEMOTOTPSECRETKEYAAAA", True),
    (
        "coordinator@demo.example",
        "Priya",
        "Shah",
        roles.COORDINATORS,
        "PORTALCOORDINATORDEMOTOTPSECRETA",
        False,
    ),
    (
        "presenter@demo.example",
        "Dan",
        "Okafor",
        roles.PRESENTERS,
        "PORTALPRESENTERDEMOTOTPSECRETKEY",
        False,
    ),
    ("dsl@demo.example", "Helen", "Carter", None, None, False),
    ("teacher@demo.example", "Tom", "Evans", None, None, False),
]


class DemoSecrets:
    """The password and TOTP secrets this run gives demo accounts: the published ones,
    or random ones (the same random secret for each published one, within a run)."""

    def __init__(self, *, published):
        self.published = published
        self.password = DEMO_PASSWORD if published else secrets.token_urlsafe(16)
        self._totp = {}

    def totp(self, published_secret):
        if self.published:
            return published_secret
        return self._totp.setdefault(published_secret, generate_totp_secret())


_secrets = DemoSecrets(published=True)


@contextmanager
def demo_secrets(*, published):
    """Every demo account made inside gets this run's secrets (schools and training
    make theirs through ensure_user and ensure_totp too)."""
    global _secrets
    previous, _secrets = _secrets, DemoSecrets(published=published)
    try:
        yield _secrets
    finally:
        _secrets = previous


def ensure_user(email, first_name, last_name, *, superuser=False, password=None):
    """Create (or fetch) a verified demo account; never changes an existing password."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(password or _secrets.password)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_totp(user, published_secret):
    """Two-factor sign-in for a demo account; returns the secret it was given now
    (None if it already had one)."""
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return None
    secret = _secrets.totp(published_secret)
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def seed_accounts():
    """Return the demo accounts as printable rows (email, TOTP secret or None)."""
    rows = []
    for email, first, last, group, published_secret, superuser in DEMO_ACCOUNTS:
        user = ensure_user(email, first, last, superuser=superuser)
        if group:
            user.groups.add(Group.objects.get(name=group))
        secret = None
        if published_secret:
            made = ensure_totp(user, published_secret)
            secret = made or (published_secret if _secrets.published else None)
        rows.append((email, secret))
    return rows
