"""Factories for the portal's models. Each builds a valid object with the fewest fields."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal import roles
from schools.models import District, School, SchoolMembership

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "PORTALTESTTOTPSECRETKEYAAAAAAAAA"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@school.example")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()


def add_to_group(user, name):
    roles.ensure_role_groups()  # a flushed (transactional) test database has no groups
    user.groups.add(Group.objects.get(name=name))
    if hasattr(user, "_portal_group_names"):
        del user._portal_group_names
    return user


def enable_mfa(user, secret=TOTP_SECRET):
    TOTP.activate(user, secret)
    return user


def presenter(mfa=True, **kwargs):
    user = add_to_group(UserFactory(**kwargs), roles.PRESENTERS)
    return enable_mfa(user) if mfa else user


def coordinator(mfa=True, **kwargs):
    user = add_to_group(UserFactory(**kwargs), roles.COORDINATORS)
    return enable_mfa(user) if mfa else user


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"District {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: 100000 + n)
    name = factory.Sequence(lambda n: f"School {n}")
    phase = School.Phase.SECONDARY
    district = factory.SubFactory(DistrictFactory)
    postcode = "WS1 1AA"
    number_of_pupils = 900


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolMembership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = SchoolMembership.Role.TEACHER
    status = SchoolMembership.Status.APPROVED


def school_staff(school=None, status=SchoolMembership.Status.APPROVED, **kwargs):
    membership = MembershipFactory(
        user=UserFactory(**kwargs), school=school or SchoolFactory(), status=status
    )
    return membership.user
