"""The GIAS import for coordinators: upload, choose areas and see the changes, confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from portal.errors import add_to_form
from portal.forms import posted

from .. import permissions, services
from ..forms.imports import GiasChooseForm, GiasUploadForm
from ..models import School, SchoolImport

SHOWN_PROBLEMS = 20
# How the preview names what changes on a school.
FIELD_LABELS = {
    "name": "Name",
    "phase": "Phase",
    "district": "District",
    "postcode": "Postcode",
    "number_of_pupils": "Pupils",
    "is_open": "Open",
    "easting": "Easting",
    "northing": "Northing",
}
PHASE_LABELS = dict(School.Phase.choices)


def _shown(field, value):
    if value is None or value == "":
        return "none"
    if field == "is_open":
        return "yes" if value else "no"
    if field == "phase":
        return PHASE_LABELS.get(value, value)
    return value


def _changes(plan):
    """Each changed school with its changes as (label, old, new), for the page."""
    return [
        {
            **change,
            "shown": [
                (FIELD_LABELS[field], _shown(field, old), _shown(field, new))
                for field, (old, new) in change["changes"].items()
            ],
        }
        for change in plan.changed
    ]


def _problems_at(form, field, failure):
    """Each bad row at the field, the first few only."""
    shown = failure.problems[:SHOWN_PROBLEMS]
    more = len(failure.problems) - len(shown)
    form.add_error(field, "Nothing was imported. Fix these rows in the file and start again")
    form.add_error(field, shown + ([f"and {more} more problems"] if more else []))


def _own_upload(request, token):
    if not permissions.can_import_schools(request.user):
        raise PermissionDenied
    return get_object_or_404(SchoolImport, token=token, uploaded_by=request.user)


@login_required
def gias_upload(request):
    if not permissions.can_import_schools(request.user):
        raise PermissionDenied
    form = GiasUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            row = services.upload_gias(upload.read(), file_name=upload.name, by=request.user)
        except services.ImportFailed as failure:
            _problems_at(form, "file", failure)
        else:
            return redirect("schools:gias_choose", token=row.token)
    return render(request, "schools/gias_upload.html", {"form": form})


@login_required
def gias_choose(request, token):
    upload = _own_upload(request, token)
    if upload.status == SchoolImport.Status.APPLIED:
        return redirect("schools:gias_preview", token=upload.token)
    initial = {"authorities": upload.chosen_authorities, "types": upload.chosen_types}
    form = GiasChooseForm(posted(request), upload=upload, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.preview_gias(
                upload,
                authorities=form.cleaned_data["authorities"],
                types=form.cleaned_data["types"],
            )
        except services.SchoolImportError as error:
            add_to_form(form, error)
        except services.ImportFailed as failure:
            _problems_at(form, "authorities", failure)
        else:
            return redirect("schools:gias_preview", token=upload.token)
    return render(request, "schools/gias_choose.html", {"form": form, "upload": upload})


@login_required
def gias_preview(request, token):
    upload = _own_upload(request, token)
    if upload.status == SchoolImport.Status.UPLOADED:
        return redirect("schools:gias_choose", token=upload.token)
    problem = None
    if request.method == "POST" and upload.status == SchoolImport.Status.PREVIEWED:
        try:
            result = services.confirm_gias(upload, by=request.user)
        except services.SchoolImportError as error:
            problem = error.message
            upload.refresh_from_db()
        else:
            messages.success(request, f"Imported: {result}.")
            return redirect("schools:gias_preview", token=upload.token)
    plan = services.stored_plan(upload)
    return render(
        request,
        "schools/gias_preview.html",
        {"upload": upload, "plan": plan, "changed": _changes(plan), "problem": problem},
    )
