"""A person's own data: download it, or close the account.

Each package lists a function that returns its part of a person's data in
EXPORTERS, and one that anonymises or removes it in CLOSERS (dotted paths,
run in order). Records others rely on (registers, issued certificates) are
kept but no longer point at the person; see docs/data-protection.md.
"""

from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.module_loading import import_string


def account_data(user):
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in user.emailaddress_set.all()
            ],
            "two_factor_methods": sorted(user.authenticator_set.values_list("type", flat=True)),
        },
        "school_memberships": [
            {
                "school": m.school.name,
                "urn": m.school.urn,
                "role": m.get_role_display(),
                "status": m.get_status_display(),
                "since": m.created_at.isoformat(),
            }
            for m in user.school_memberships.select_related("school")
        ],
    }


def close_account(user):
    """Sign-in details and name are removed; memberships end."""
    from schools.models import SchoolMembership

    user.school_memberships.exclude(status=SchoolMembership.Status.REJECTED).update(
        status=SchoolMembership.Status.LEFT
    )
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


EXPORTERS = ["portal.personal_data.account_data"]
CLOSERS = ["portal.personal_data.close_account"]


def export_personal_data(user):
    data = {}
    for path in EXPORTERS:
        data.update(import_string(path)(user))
    return data


def close(user):
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        for path in CLOSERS:
            import_string(path)(user)
    return user
