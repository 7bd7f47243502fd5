"""Messages to the designated safeguarding leads of chosen districts or phases (a
new offer, a change that touches them all). The people are chosen here; the
message is kept and sent by portal.messages."""

from __future__ import annotations

from django.db.models import QuerySet

from portal.messages import MessageError, draft_message
from portal.models import Message, User
from schools.models import District, School, SchoolMembership

KIND = "schools.dsls"


def dsls_of(districts: list[District], phases: list[str]) -> QuerySet[User]:
    """Approved DSLs of open schools in any of the districts (all when none) and of
    any of the phases (all when none)."""
    memberships = SchoolMembership.objects.filter(
        role=SchoolMembership.Role.DSL,
        status=SchoolMembership.Status.APPROVED,
        school__is_open=True,
    )
    if districts:
        memberships = memberships.filter(school__district__in=districts)
    if phases:
        memberships = memberships.filter(school__phase__in=phases)
    return User.objects.filter(pk__in=memberships.values("user_id"), is_active=True)


def dsl_audience(districts: list[District], phases: list[str]) -> str:
    """The group in words, as the list of sent messages and the email show it."""
    where = " and ".join(d.name for d in districts) if districts else "every district"
    labels = dict(School.Phase.choices)
    kinds = ", ".join(labels[p].lower() for p in phases) if phases else "all"
    return f"DSLs of {kinds} schools in {where}"


def draft_dsl_message(
    *, districts: list[District], phases: list[str], subject: str, body: str, by: User
) -> Message:
    if not districts and not phases:
        raise MessageError(
            "Select at least one district or phase", code="no_group", field="districts"
        )
    return draft_message(
        subject=subject,
        body=body,
        audience=dsl_audience(districts, phases),
        kind=KIND,
        recipients=dsls_of(districts, phases),
        by=by,
    )
