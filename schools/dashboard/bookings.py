"""Bookings on the dashboard: a school's latest, a presenter's next visits, and the
new requests and next visits coordinators look after."""

from django.utils import timezone

from portal.roles import ROLE_COORDINATOR, ROLE_PRESENTER

from ..models import Booking, DateProposal, Delivery
from ..roles import ROLE_SCHOOL_STAFF, approved_school_list

RECENT_BOOKINGS = 20
COORDINATOR_VISITS = 10


def context(request, role):
    user = request.user
    scheduled = Booking.Status.SCHEDULED
    if role == ROLE_SCHOOL_STAFF:
        schools = approved_school_list(user)
        return {
            "offered_dates": _offered_dates(schools),
            "school_bookings": Booking.objects.filter(school__in=schools)
            .select_related("school", "session", "delivery")
            .order_by("-created_at")[:RECENT_BOOKINGS],
        }
    if role == ROLE_PRESENTER:
        return {
            "upcoming_deliveries": Delivery.objects.filter(
                assignments__presenter=user, end__gte=timezone.now(), booking__status=scheduled
            )
            .select_related("booking__school", "booking__session")
            .order_by("start")[:RECENT_BOOKINGS],
        }
    if role == ROLE_COORDINATOR:
        return {
            "new_requests": Booking.objects.filter(status=Booking.Status.REQUESTED).count(),
            "upcoming_deliveries": Delivery.objects.filter(
                start__gte=timezone.now(), booking__status=scheduled
            )
            .select_related("booking__school", "booking__session")
            .prefetch_related("presenters")
            .order_by("start")[:COORDINATOR_VISITS],
        }
    return {}


def _offered_dates(schools):
    """Dates a coordinator offered the school that wait for its answer: the request
    is not scheduled until someone accepts, so they lead the school's dashboard."""
    return (
        DateProposal.objects.filter(
            booking__school__in=schools,
            booking__status=Booking.Status.REQUESTED,
            status=DateProposal.Status.PENDING,
        )
        .select_related("booking__school", "booking__session")
        .order_by("start")
    )
