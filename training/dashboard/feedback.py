"""Feedback panels on each role's dashboard (gathered by training.dashboard)."""

from datetime import timedelta

from django.utils import timezone

from cms.models import SessionPage
from portal import roles
from schools import roles as school_roles
from schools.models import Delivery
from training import permissions
from training.models import Registration, TeacherFeedback
from training.services import feedback as services


def context(request, role):
    user = request.user
    now = timezone.now()
    if role == roles.ROLE_PRESENTER:
        return {
            "feedback_deliveries": Delivery.objects.filter(
                assignments__presenter=user,
                end__gte=now - services.CODE_LIFETIME,
                start__lte=now + timedelta(days=60),
                booking__status__in=services.LIVE_BOOKING_STATUSES,
                booking__session__audience=SessionPage.Audience.PUPILS,
            )
            .select_related("booking__school", "booking__session")
            .order_by("start")[:20]
        }
    if role == roles.ROLE_COORDINATOR:
        return {
            "flagged_to_check": permissions.flagged_responses_visible_to(user)
            .filter(followed_up_at__isnull=True)
            .count()
        }
    if role == school_roles.ROLE_SCHOOL_STAFF:
        given_deliveries = TeacherFeedback.objects.filter(user=user, delivery__isnull=False).values(
            "delivery"
        )
        given_events = TeacherFeedback.objects.filter(user=user, event__isnull=False).values(
            "event"
        )
        return {
            "feedback_schools": school_roles.approved_school_list(user),
            "feedback_due_deliveries": Delivery.objects.filter(
                booking__school__in=school_roles.approved_schools(user),
                booking__status__in=services.LIVE_BOOKING_STATUSES,
                end__lte=now,
                end__gte=now - timedelta(days=60),
            )
            .exclude(pk__in=given_deliveries)
            .select_related("booking__session", "booking__school")
            .order_by("-start")[:10],
            "feedback_due_events": [
                r.event
                for r in Registration.objects.filter(
                    user=user,
                    attendance=Registration.Attendance.ATTENDED,
                    event__end__lte=now,
                    event__end__gte=now - timedelta(days=60),
                )
                .exclude(event__in=given_events)
                .select_related("event__course")
            ],
            "flagged_to_check": permissions.flagged_responses_visible_to(user)
            .filter(followed_up_at__isnull=True)
            .count(),
        }
    return {}
