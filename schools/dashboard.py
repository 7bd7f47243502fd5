"""What the schools package shows on each role's dashboard (see portal.views.dashboard)."""

from django.urls import reverse
from django.utils import timezone

from portal import roles

from .models import Booking, Delivery, PresenterProfile, SchoolMembership

RECENT_BOOKINGS = 20


def _feed_url(request, token):
    return request.build_absolute_uri(reverse("schools:calendar_feed", args=[token]))


def context(request, role):
    user = request.user
    if role == roles.ROLE_SCHOOL_STAFF:
        schools = roles.approved_school_list(user)
        dsl_school_ids = set(
            user.school_memberships.filter(status="approved", role="dsl").values_list(
                "school_id", flat=True
            )
        )
        return {
            "school_bookings": Booking.objects.filter(school__in=schools)
            .select_related("school", "session", "delivery")
            .order_by("-created_at")[:RECENT_BOOKINGS],
            "school_feeds": [(s, _feed_url(request, s.calendar_token)) for s in schools],
            "pending_staff": SchoolMembership.objects.filter(
                school_id__in=dsl_school_ids, status="pending"
            ).count(),
            "is_dsl": bool(dsl_school_ids),
        }
    if role == roles.ROLE_PRESENTER:
        profile, _ = PresenterProfile.objects.get_or_create(user=user)
        return {
            "upcoming_deliveries": Delivery.objects.filter(
                assignments__presenter=user,
                end__gte=timezone.now(),
                booking__status=Booking.Status.SCHEDULED,
            )
            .select_related("booking__school", "booking__session")
            .order_by("start")[:RECENT_BOOKINGS],
            "presenter_feed": _feed_url(request, profile.calendar_token),
        }
    if role == roles.ROLE_COORDINATOR:
        return {
            "new_requests": Booking.objects.filter(status=Booking.Status.REQUESTED).count(),
            "pending_staff": SchoolMembership.objects.filter(status="pending").count(),
            "upcoming_deliveries": Delivery.objects.filter(
                start__gte=timezone.now(), booking__status=Booking.Status.SCHEDULED
            )
            .select_related("booking__school", "booking__session")
            .prefetch_related("presenters")
            .order_by("start")[:10],
        }
    return {}
