"""School staff: the demo DSL and teacher, and staff at a third of the other schools."""

import random

from django.contrib.auth import get_user_model

from portal.demo import ensure_user

from ..models import School, SchoolMembership

_FIRST = ["Sarah", "James", "Priti", "Owen", "Grace", "Kwame", "Emma", "Rhys", "Zara", "Ben"]
_LAST = ["Hughes", "Patel", "Morgan", "Byrne", "Ali", "Turner", "Walsh", "Jones", "Clarke", "Reid"]


def seed_memberships():
    """The demo DSL and teacher work at the first school (the teacher still waiting);
    a DSL and teachers at a third of the others, some waiting for approval."""
    User = get_user_model()
    schools = list(School.objects.order_by("urn"))
    first = schools[0]
    for email, role, status in [
        ("dsl@demo.example", SchoolMembership.Role.DSL, SchoolMembership.Status.APPROVED),
        ("teacher@demo.example", SchoolMembership.Role.TEACHER, SchoolMembership.Status.PENDING),
    ]:
        user = User.objects.filter(email=email).first()
        if user:
            SchoolMembership.objects.get_or_create(
                user=user, school=first, defaults={"role": role, "status": status}
            )
    rng = random.Random(7)
    for n, school in enumerate(schools[1::3], start=1):
        people = [(SchoolMembership.Role.DSL, SchoolMembership.Status.APPROVED)]
        people.append(
            (
                SchoolMembership.Role.TEACHER,
                SchoolMembership.Status.PENDING if n % 3 == 0 else SchoolMembership.Status.APPROVED,
            )
        )
        if n % 4 == 0:
            people.append((SchoolMembership.Role.OFFICE, SchoolMembership.Status.APPROVED))
        for k, (role, status) in enumerate(people):
            first_name, last_name = rng.choice(_FIRST), rng.choice(_LAST)
            user = ensure_user(
                f"{first_name.lower()}.{last_name.lower()}{k}@school{school.urn}.demo.example",
                first_name,
                last_name,
            )
            SchoolMembership.objects.get_or_create(
                user=user, school=school, defaults={"role": role, "status": status}
            )
    return SchoolMembership.objects.count()
