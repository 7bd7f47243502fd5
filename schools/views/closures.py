"""A school's own INSET days, on its own page; the local authority's term dates
imported from a CSV file by coordinators."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.errors import add_to_form
from portal.forms import posted

from .. import permissions, services
from ..forms.closures import ClosedDaysImportForm, SchoolClosureForm
from ..models import ClosedDays, School

# The school's page lists the closed days of the coming year.
SHOWN_AHEAD = timedelta(days=366)
SHOWN_PROBLEMS = 20


@login_required
def school_closures(request, urn):
    school = get_object_or_404(School, urn=urn)
    if not permissions.can_manage_school_closures(request.user, school):
        raise PermissionDenied
    form = SchoolClosureForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = services.add_school_closure(
                school,
                first_day=data["first_day"],
                last_day=data["last_day"] or data["first_day"],
                name=data["name"].strip(),
                by=request.user,
                today=timezone.localdate(),
            )
        except services.ClosureError as error:
            add_to_form(form, error)
        else:
            messages.success(request, f"Added. No visit can be booked on {row}.")
            return redirect("schools:school_closures", urn=school.urn)
    today = timezone.localdate()
    upcoming = ClosedDays.objects.filter(
        Q(school=school) | Q(school=None), last_day__gte=today, first_day__lte=today + SHOWN_AHEAD
    )
    return render(
        request,
        "schools/school_closures.html",
        {
            "school": school,
            "form": form,
            "own": [row for row in upcoming if row.school_id],
            "authority": [row for row in upcoming if not row.school_id],
        },
    )


@login_required
@require_POST
def school_closure_delete(request, urn, pk):
    school = get_object_or_404(School, urn=urn)
    if not permissions.can_manage_school_closures(request.user, school):
        raise PermissionDenied
    row = get_object_or_404(ClosedDays, pk=pk, school=school)
    services.remove_school_closure(row, by=request.user)
    messages.success(request, f"Removed {row}.")
    return redirect("schools:school_closures", urn=school.urn)


@login_required
def closed_days_import(request):
    if not permissions.can_import_closed_days(request.user):
        raise PermissionDenied
    form = ClosedDaysImportForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            added, held = services.import_closed_days(
                form.cleaned_data["file"].read(), by=request.user
            )
        except services.ImportFailed as failure:
            # Each bad row at the field (and in the summary), the first few only.
            shown = failure.problems[:SHOWN_PROBLEMS]
            more = len(failure.problems) - len(shown)
            form.add_error("file", "Nothing was saved. Fix these rows and upload the file again")
            form.add_error("file", shown + ([f"and {more} more problems"] if more else []))
        else:
            messages.success(request, f"{added} added, {held} already held.")
            return redirect("schools:closed_days_import")
    return render(request, "schools/closed_days_import.html", {"form": form})
