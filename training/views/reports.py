"""The effectiveness dashboard for coordinators, each school's own figures, and their
CSV and spreadsheet exports (which obey the same access rules as the pages)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from schools.models import Delivery, School
from training import permissions
from training.forms.reports import ReportFilterForm, SchoolReportFilterForm
from training.services import feedback, reports
from training.services.errors import FeedbackError

# A county has a few hundred schools, the country about 24,000: the page lists the
# first of the schools not reached and the download lists them all.
NOT_REACHED_ON_PAGE = 100


def _query(request):
    """The filters asked for, with the current academic year when none is given."""
    query = request.GET.copy()
    query.setdefault("year", str(reports.Filters.current().year))
    return query


def _with_year(request):
    """A redirect to the same address with the year in it, when it has none: every
    filter then works alone in a link, and the address says which year is shown."""
    if "year" in request.GET:
        return None
    return redirect(f"{request.path}?{_query(request).urlencode()}")


def _filters(request):
    """The filter form and the filters it gives (this year's, until valid ones come)."""
    form = ReportFilterForm(_query(request))
    return form, (form.filters() if form.is_valid() else reports.Filters.current())


def _school_filters(request, school):
    form = SchoolReportFilterForm(_query(request))
    year = form.cleaned_data["year"] if form.is_valid() else reports.Filters.current().year
    return form, reports.Filters(year=year, school=school.pk)


def _coordinator_only(user):
    if not permissions.can_see_reports(user):
        raise PermissionDenied


def _school_for(user, pk):
    school = get_object_or_404(School.objects.select_related("district"), pk=pk)
    if not permissions.can_see_school_figures(user, school):
        raise PermissionDenied
    return school


def _page(request, template, report, form, **context):
    return render(
        request,
        template,
        {
            "form": form,
            "report": report,
            "tables": {t.slug: t for t in reports.tables(report)},
            "year_label": reports.academic_year_label(report.filters.year),
            "query": request.GET.urlencode(),
            **context,
        },
    )


@login_required
def dashboard(request):
    _coordinator_only(request.user)
    if moved := _with_year(request):
        return moved
    form, filters = _filters(request)
    report = reports.build_report(filters, not_reached_limit=NOT_REACHED_ON_PAGE)
    return _page(
        request,
        "training/reports/dashboard.html",
        report,
        form,
        burst_per_minute=feedback.BURST_PER_MINUTE,
    )


@login_required
@require_POST
def set_aside_answers(request, pk):
    """A coordinator sets a doubtful visit's pupil answers aside, from the report."""
    _coordinator_only(request.user)
    delivery = get_object_or_404(Delivery, pk=pk)
    try:
        count = feedback.set_aside_answers(
            delivery, by=request.user, reason=request.POST.get("reason", "")[:200]
        )
    except FeedbackError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{count} answers set aside. They are kept but not counted.")
    return redirect(f"{reverse('training:reports')}?{_query(request).urlencode()}#to-check")


@login_required
def export(request, slug, fmt):
    _coordinator_only(request.user)
    if slug not in reports.TABLE_PARTS or fmt not in reports.EXPORT_FORMATS:
        raise Http404
    _, filters = _filters(request)
    report = reports.build_report(filters, reports.TABLE_PARTS[slug])
    return _export(reports.tables(report), slug, fmt, f"reports-{filters.year}")


@login_required
def school_figures(request, pk):
    school = _school_for(request.user, pk)
    if moved := _with_year(request):
        return moved
    form, filters = _school_filters(request, school)
    report = reports.build_report(filters, reports.SCHOOL_PARTS)
    return _page(request, "training/reports/school.html", report, form, school=school)


@login_required
def school_export(request, pk, slug, fmt):
    school = _school_for(request.user, pk)
    _, filters = _school_filters(request, school)
    report = reports.build_report(filters, reports.SCHOOL_PARTS)
    return _export(
        reports.tables(report),
        slug,
        fmt,
        f"{slugify(school.name)}-{filters.year}",
    )


def _export(tables, slug, fmt, stem):
    table = next((t for t in tables if t.slug == slug), None)
    if table is None or fmt not in reports.EXPORT_FORMATS:
        raise Http404
    response = HttpResponse(reports.table_file(table, fmt), content_type=reports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}-{slug}.{fmt}"'
    return response
