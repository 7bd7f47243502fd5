"""Memberships on the dashboard: a member's schools and the requests waiting for
them, a newcomer's own request, and the count coordinators decide."""

from portal.roles import ROLE_COORDINATOR

from ..models import SchoolMembership
from ..roles import ROLE_PENDING, ROLE_SCHOOL_STAFF, approved_school_list

PENDING = SchoolMembership.Status.PENDING


def context(request, role):
    user = request.user
    if role == ROLE_SCHOOL_STAFF:
        dsl_school_ids = set(
            user.school_memberships.filter(
                status=SchoolMembership.Status.APPROVED, role=SchoolMembership.Role.DSL
            ).values_list("school_id", flat=True)
        )
        return {
            "schools": approved_school_list(user),
            "pending_staff": SchoolMembership.objects.filter(
                school_id__in=dsl_school_ids, status=PENDING
            ).count(),
            "is_dsl": bool(dsl_school_ids),
        }
    if role == ROLE_PENDING:
        return {"pending": user.school_memberships.filter(status=PENDING).select_related("school")}
    if role == ROLE_COORDINATOR:
        return {"pending_staff": SchoolMembership.objects.filter(status=PENDING).count()}
    return {}
