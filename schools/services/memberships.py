"""Asking to join a school, and the decision on that request."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from schools import tasks
from schools.models import School, SchoolMembership

from .common import after_commit
from .errors import MembershipError


def request_membership(*, user: User, school: School, role: str) -> SchoolMembership:
    """Ask to join a school. Asking again after a rejection or leaving starts afresh."""
    if role not in SchoolMembership.Role.values:
        raise MembershipError("Choose your role at the school.", code="bad_role", field="role")
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)
        membership = SchoolMembership.objects.filter(user=user, school=school).first()
        if membership and membership.status == SchoolMembership.Status.APPROVED:
            raise MembershipError(
                f"You are already a member of {school.name}.", code="already_member"
            )
        if membership and membership.status == SchoolMembership.Status.PENDING:
            raise MembershipError(
                f"You have already asked to join {school.name}. We will email you when it has "
                "been checked.",
                code="already_requested",
            )
        if membership:
            membership.role = role
            membership.status = SchoolMembership.Status.PENDING
            membership.decided_by = None
            membership.decided_at = None
            membership.save(update_fields=["role", "status", "decided_by", "decided_at"])
        else:
            membership = SchoolMembership.objects.create(
                user=user, school=school, role=role, status=SchoolMembership.Status.PENDING
            )
        log(instance=membership, action="schools.membership.requested", user=user)
        after_commit(tasks.send_membership_email.enqueue, membership.pk, tasks.MEMBERSHIP_REQUESTED)
    return membership


def _decide_membership(
    membership: SchoolMembership, *, by: User, status: str, action: str
) -> SchoolMembership:
    with transaction.atomic():
        membership = SchoolMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != SchoolMembership.Status.PENDING:
            raise MembershipError("This request has already been dealt with.", code="not_pending")
        if membership.user_id == by.pk:
            raise MembershipError(
                "You cannot approve or reject your own request.", code="own_request"
            )
        membership.status = status
        membership.decided_by = by
        membership.decided_at = timezone.now()
        membership.save(update_fields=["status", "decided_by", "decided_at"])
        log(instance=membership, action=action, user=by)
        after_commit(tasks.send_membership_email.enqueue, membership.pk, status)
    return membership


def approve_membership(membership: SchoolMembership, *, by: User) -> SchoolMembership:
    return _decide_membership(
        membership,
        by=by,
        status=SchoolMembership.Status.APPROVED,
        action="schools.membership.approved",
    )


def reject_membership(membership: SchoolMembership, *, by: User) -> SchoolMembership:
    return _decide_membership(
        membership,
        by=by,
        status=SchoolMembership.Status.REJECTED,
        action="schools.membership.rejected",
    )
