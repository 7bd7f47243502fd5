"""A presenter's time off."""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.errors import add_to_form
from portal.forms import posted

from .. import permissions, services
from ..forms.presenters import UnavailabilityForm, WorkingPatternForm
from ..models import PresenterProfile, Unavailability


@login_required
def unavailability(request):
    if not permissions.can_record_unavailability(request.user):
        raise PermissionDenied
    form = UnavailabilityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start = datetime.combine(data["start"], time.min, tzinfo=services.LONDON)
        end = datetime.combine(data["end"], time.max, tzinfo=services.LONDON)
        try:
            services.record_unavailability(
                presenter=request.user,
                start=start,
                end=end,
                reason=data["reason"],
                confirm=data["confirm"],
            )
        except services.SchoolsError as error:
            add_to_form(form, error)
        else:
            messages.success(request, "Saved. You will not be offered for visits then.")
            return redirect("schools:unavailability")
    entries = Unavailability.objects.filter(presenter=request.user, end__gte=timezone.now())
    return render(request, "schools/unavailability.html", {"form": form, "entries": entries})


@login_required
@require_POST
def unavailability_delete(request, pk):
    entry = get_object_or_404(Unavailability, pk=pk, presenter=request.user)
    services.delete_unavailability(entry, by=request.user)
    messages.success(request, "Removed.")
    return redirect("schools:unavailability")


@login_required
def working_pattern(request):
    if not permissions.can_record_unavailability(request.user):
        raise PermissionDenied
    # Unsaved until the form is: a refused or unsent form writes nothing.
    profile = PresenterProfile.objects.filter(user=request.user).first()
    profile = profile or PresenterProfile(user=request.user)
    initial = {
        "working_weekdays": profile.working_weekdays,
        "daily_max_visits": profile.daily_max_visits,
        "base_district": profile.base_district,
    }
    form = WorkingPatternForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_working_pattern(
                request.user,
                weekdays=data["working_weekdays"],
                daily_max=data["daily_max_visits"],
                base_district=data["base_district"],
                by=request.user,
            )
        except services.SchoolsError as error:
            add_to_form(form, error)
        else:
            messages.success(request, "Saved. Plans for the term will keep to it.")
            return redirect("schools:unavailability")
    return render(request, "schools/working_pattern.html", {"form": form})
