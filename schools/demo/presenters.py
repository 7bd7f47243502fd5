"""Presenters: profiles, vetting, the sessions each may deliver, and some time off."""

from datetime import datetime, time, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from cms.models import PartnerOrganisation
from portal import roles
from portal.demo import ensure_totp, ensure_user

from ..models import District, PresenterProfile, Unavailability
from ..services import LONDON

# Demo presenters besides presenter@demo.example (portal.demo): name, job title, TOTP secret.
PRESENTERS = [
    ("presenter@demo.example", "Dan", "Okafor", "PC, schools officer", None),
    (
        "aisha.khan@presenters.demo.example",
        "Aisha",
        "Khan",
        "PCSO, youth engagement",
        "PORTALDEMOPRESENTERAISHAKHANAAAA",
    ),
    (
        "gareth.lloyd@presenters.demo.example",
        "Gareth",
        "Lloyd",
        "Detective Constable, online safety",
        "PORTALDEMOPRESENTERGARETHLLOYDAA",
    ),
    (
        "maria.santos@presenters.demo.example",
        "Maria",
        "Santos",
        "School nurse",
        "PORTALDEMOPRESENTERMARIASANTOSAA",
    ),
    (
        "leon.fraser@presenters.demo.example",
        "Leon",
        "Fraser",
        "Youth worker",
        "PORTALDEMOPRESENTERLEONFRASERAAA",
    ),
]


def _organisation_for(job, index, organisations):
    """Police officers belong to the police partner; others are spread over the rest."""
    police = [o for o in organisations if o.kind == PartnerOrganisation.Kind.POLICE]
    if police and job.startswith(("PC", "PCSO", "Sergeant")):
        return police[0]
    others = [
        o for o in organisations if o.kind != PartnerOrganisation.Kind.POLICE
    ] or organisations
    return others[index % len(others)] if others else None


# Each demo presenter's working days (0 is Monday), most visits a day and home district:
# a part-timer, one who covers the moor, and one who takes three short visits a day.
PATTERNS = [
    ([0, 1, 2, 3, 4], 2, "Ashby Vale"),
    ([0, 1, 2, 3], 2, "Brackenfield"),
    ([1, 2, 3, 4], 2, "Fenwick Moor"),
    ([0, 2, 4], 3, "Elmstead"),
    ([0, 1, 2, 3, 4], 2, "Dunmore Coast"),
]


def _working_pattern(profile, index):
    days, daily_max, district = PATTERNS[index % len(PATTERNS)]
    profile.working_weekdays = days
    profile.daily_max_visits = daily_max
    profile.base_district = District.objects.filter(name=district).first()
    profile.save(update_fields=["working_weekdays", "daily_max_visits", "base_district"])


def seed_presenters(sessions):
    """Presenters with profiles, vetting, qualifications and some time off."""
    group = Group.objects.get_or_create(name=roles.PRESENTERS)[0]
    organisations = list(PartnerOrganisation.objects.order_by("name"))
    coordinator = (
        Group.objects.filter(name=roles.COORDINATORS).first().user_set.order_by("pk").first()
        if Group.objects.filter(name=roles.COORDINATORS).exists()
        else None
    )
    today = timezone.localdate()
    presenters = []
    for i, (email, first, last, job, secret) in enumerate(PRESENTERS):
        user = ensure_user(email, first, last)
        user.groups.add(group)
        if secret:
            ensure_totp(user, secret)
        profile, created = PresenterProfile.objects.get_or_create(
            user=user,
            defaults={
                "job_title": job,
                "organisation": _organisation_for(job, i, organisations),
                "vetting_confirmed_on": today - timedelta(days=90 + 40 * i),
                "vetting_confirmed_by": coordinator,
            },
        )
        if sessions and not profile.qualified_sessions.exists():
            # Everyone delivers most sessions; each skips a few.
            profile.qualified_sessions.set(
                [s for n, s in enumerate(sessions) if (n + i) % 4 != 0] or sessions
            )
        if created:
            _working_pattern(profile, i)
            start = datetime.combine(today + timedelta(days=10 + 9 * i), time.min, tzinfo=LONDON)
            Unavailability.objects.create(
                presenter=user,
                start=start,
                end=start + timedelta(days=2 + i % 3),
                reason=["Annual leave", "Court", "Training course", "Annual leave", "Court"][i],
            )
        presenters.append(user)
    return presenters
