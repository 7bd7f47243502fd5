"""Calendar feeds: a secret address per school and per presenter, and a new one on request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from .. import calendar, permissions, services
from ..models import Booking, Delivery, PresenterProfile, School


@login_required
@require_POST
def calendar_reset(request):
    """A new secret feed address for a presenter, or for a school its staff manage."""
    urn = request.POST.get("school", "")
    if urn:
        try:
            school = get_object_or_404(School, urn=int(urn))
        except ValueError:
            raise Http404("No such school") from None
        if not permissions.can_reset_school_calendar(request.user, school):
            raise PermissionDenied
        services.reset_calendar_token(school, by=request.user)
    else:
        if not permissions.can_reset_presenter_calendar(request.user):
            raise PermissionDenied
        profile, _ = PresenterProfile.objects.get_or_create(user=request.user)
        services.reset_calendar_token(profile, by=request.user)
    messages.success(request, "Calendar address changed. The old address no longer works.")
    return redirect("dashboard")


def calendar_feed(request, token):
    """The secret address is the only key: calendar programs cannot sign in."""
    profile = PresenterProfile.objects.filter(calendar_token=token).select_related("user").first()
    if profile:
        deliveries = Delivery.objects.filter(assignments__presenter=profile.user)
        name = f"School visits: {profile.user.get_full_name()}"
    else:
        school = School.objects.filter(calendar_token=token).first()
        if school is None:
            raise Http404("No such calendar")
        deliveries = Delivery.objects.filter(booking__school=school)
        name = f"Safeguarding visits: {school.name}"
    deliveries = (
        deliveries.filter(booking__status__in=[Booking.Status.SCHEDULED, Booking.Status.DELIVERED])
        .select_related("booking__school", "booking__session")
        .prefetch_related("presenters")
        .distinct()
    )
    response = HttpResponse(calendar.feed(name, deliveries), content_type="text/calendar")
    response["Cache-Control"] = "private, max-age=300"
    return response
