"""The effectiveness dashboard for coordinators, each school's own figures, and their
CSV and spreadsheet exports (which obey the same access rules as the pages)."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from portal import roles
from schools.models import School
from schools.roles import approved_schools
from training import reports
from training.forms_feedback import ReportFilterForm, SchoolReportFilterForm

EXPORT_FORMATS = ("csv", "xlsx")
# A county has a few hundred schools, the country about 24,000: the page lists the
# first of the schools not reached and the download lists them all.
NOT_REACHED_ON_PAGE = 100


def can_see_school_figures(user, school):
    return roles.is_coordinator(user) or approved_schools(user).filter(pk=school.pk).exists()


def _filters(request):
    form = ReportFilterForm(request.GET or None)
    current = reports.Filters.current()
    if not request.GET:
        form = ReportFilterForm(initial={"year": current.year})
        return form, current
    if not form.is_valid():
        return form, current
    data = form.cleaned_data
    return form, reports.Filters(
        year=data["year"],
        district=data["district"].pk if data["district"] else None,
        topic=data["topic"].pk if data["topic"] else None,
        session=data["session"].pk if data["session"] else None,
        format=data["format"] or None,
        presenter=data["presenter"].pk if data["presenter"] else None,
    )


def _school_filters(request, school):
    form = SchoolReportFilterForm(request.GET or None)
    year = reports.Filters.current().year
    if request.GET and form.is_valid():
        year = form.cleaned_data["year"]
    elif not request.GET:
        form = SchoolReportFilterForm(initial={"year": year})
    return form, reports.Filters(year=year, school=school.pk)


def _coordinator_only(user):
    if not roles.is_coordinator(user):
        raise PermissionDenied


@login_required
def dashboard(request):
    _coordinator_only(request.user)
    form, filters = _filters(request)
    report = reports.build_report(filters, not_reached_limit=NOT_REACHED_ON_PAGE)
    tables = {t.slug: t for t in reports.tables(report)}
    return render(
        request,
        "training/reports/dashboard.html",
        {
            "form": form,
            "report": report,
            "tables": tables,
            "year_label": reports.academic_year_label(filters.year),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def export(request, slug, fmt):
    _coordinator_only(request.user)
    if slug not in reports.TABLE_PARTS or fmt not in EXPORT_FORMATS:
        raise Http404
    _, filters = _filters(request)
    report = reports.build_report(filters, reports.TABLE_PARTS[slug])
    return _export(reports.tables(report), slug, fmt, f"reports-{filters.year}")


@login_required
def school_figures(request, pk):
    school = get_object_or_404(School.objects.select_related("district"), pk=pk)
    if not can_see_school_figures(request.user, school):
        raise PermissionDenied
    form, filters = _school_filters(request, school)
    report = reports.build_report(filters, reports.SCHOOL_PARTS)
    return render(
        request,
        "training/reports/school.html",
        {
            "school": school,
            "form": form,
            "report": report,
            "tables": {t.slug: t for t in reports.tables(report)},
            "year_label": reports.academic_year_label(filters.year),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def school_export(request, pk, slug, fmt):
    school = get_object_or_404(School, pk=pk)
    if not can_see_school_figures(request.user, school):
        raise PermissionDenied
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
    if table is None or fmt not in EXPORT_FORMATS:
        raise Http404
    filename = f"{stem}-{slug}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer = csv.writer(response)
        writer.writerow(table.headers)
        writer.writerows([_safe_cell(c) for c in row] for row in table.rows)
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = table.title[:31]
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_safe_cell(c) for c in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe_cell(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value
    return value


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True
