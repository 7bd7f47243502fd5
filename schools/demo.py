"""Demo districts and schools for a fictional county."""

import random

from .models import District, School

DISTRICTS = [
    "Ashby Vale",
    "Brackenfield",
    "Coldharbour",
    "Dunmore Coast",
    "Elmstead",
    "Fenwick Moor",
]

_PLACES = [
    "Oakfield",
    "Riverside",
    "St Anne's",
    "Hillcrest",
    "Meadowbank",
    "Kingsway",
    "Moorside",
    "Church Lane",
    "Beacon",
    "Harbour View",
    "Larkrise",
    "Millbrook",
    "Westgate",
    "Orchard",
    "Highfield",
    "Fairmead",
    "Northgate",
    "Brookside",
    "Greenacres",
    "Castle Hill",
    "Abbey",
    "Southmead",
    "Windmill",
    "Rowan",
    "Thornbury",
    "Elm Grove",
    "Priory",
    "Valley",
    "Wren",
    "Cedars",
]


def seed_schools(count=60):
    """Six districts and about sixty schools; the same ones on every run."""
    rng = random.Random(2026)
    districts = [District.objects.get_or_create(name=name)[0] for name in DISTRICTS]
    for index in range(count):
        place = _PLACES[index % len(_PLACES)]
        secondary = index % 4 == 0
        district = districts[index % len(districts)]
        School.objects.update_or_create(
            urn=140000 + index * 37,
            defaults={
                "name": f"{place} {'Academy' if secondary else 'Primary School'}"
                + (f" ({district.name})" if index >= len(_PLACES) else ""),
                "phase": School.Phase.SECONDARY if secondary else School.Phase.PRIMARY,
                "district": district,
                "postcode": f"WS{index % 9 + 1} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                "number_of_pupils": rng.randint(700, 1600) if secondary else rng.randint(90, 450),
                "is_open": index != count - 1,
            },
        )
    return School.objects.count()


def seed_memberships():
    """The demo DSL and teacher work at the first school; the teacher is still waiting."""
    from django.contrib.auth import get_user_model

    from .models import SchoolMembership

    User = get_user_model()
    school = School.objects.order_by("urn").first()
    for email, role, status in [
        ("dsl@demo.example", SchoolMembership.Role.DSL, SchoolMembership.Status.APPROVED),
        ("teacher@demo.example", SchoolMembership.Role.TEACHER, SchoolMembership.Status.PENDING),
    ]:
        user = User.objects.filter(email=email).first()
        if user:
            SchoolMembership.objects.get_or_create(
                user=user, school=school, defaults={"role": role, "status": status}
            )


def seed():
    """Idempotent; returns a one-line summary for seed_demo to print."""
    schools = seed_schools()
    seed_memberships()
    return f"{schools} schools"
