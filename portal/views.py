from importlib import import_module

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import roles

DASHBOARD_APPS = ["schools", "training"]


@never_cache
@require_GET
def healthz(request):
    """200 "ok" when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_GET
def dashboard(request):
    """Each person's home: what they can do next, by role."""
    role = roles.home_role(request.user)
    context = {"role": role}
    if role == roles.ROLE_SCHOOL_STAFF:
        context["schools"] = roles.approved_schools(request.user)
    if role == roles.ROLE_PENDING:
        context["pending"] = request.user.school_memberships.filter(
            status="pending"
        ).select_related("school")
    # Each package adds its own panels: <app>/dashboard.py and <app>/dashboard/<role>.html.
    for app in DASHBOARD_APPS:
        context.update(import_module(f"{app}.dashboard").context(request, role))
    return render(request, f"portal/dashboard/{role}.html", context)
