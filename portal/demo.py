"""Demo accounts, one per role, with known passwords and TOTP secrets.

These exist only to let a person (or a browser test) sign in as each role on a
local machine; seed_demo prints them.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
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


def ensure_user(email, first_name, last_name, *, superuser=False, password=DEMO_PASSWORD):
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
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_totp(user, secret):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
        RecoveryCodes.activate(user)


def seed_accounts():
    """Return the demo accounts as printable rows."""
    rows = []
    for email, first, last, group, secret, superuser in DEMO_ACCOUNTS:
        user = ensure_user(email, first, last, superuser=superuser)
        if group:
            user.groups.add(Group.objects.get(name=group))
        if secret:
            ensure_totp(user, secret)
        rows.append((email, secret))
    return rows
