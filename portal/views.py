import json
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import dashboard as home
from . import shared_cache
from .forms import CloseAccountForm, posted
from .personal_data import close, export_personal_data


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: each dependency's state as JSON.

    503 only when the portal cannot serve, i.e. the database does not answer.
    Redis is optional (portal.shared_cache): without it the answer is still 200,
    with "status": "degraded" and "cache": "unavailable".
    """
    checks = {"database": _database_status(), "cache": shared_cache.status()}
    if checks["database"] != "ok":
        overall, code = "unavailable", 503
    elif "unavailable" in checks.values():
        overall, code = "degraded", 200
    else:
        overall, code = "ok", 200
    return JsonResponse({"status": overall, **checks}, status=code)


def _database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return "ok"


def server_error(request):
    """Django's own 500 view, with the service name for the page's header.

    Still no request context: context processors read the session and the
    database, either of which may be what failed.
    """
    page = loader.get_template("500.html").render({"service_name": settings.PORTAL_SERVICE_NAME})
    return HttpResponseServerError(page)


@login_required
@require_GET
def dashboard(request):
    """Each person's home: what they can do next, by role (see portal.dashboard)."""
    template, context = home.home(request)
    return render(request, template, context)


@login_required
@require_GET
def account_data(request):
    """Everything the portal holds about the signed-in person, as a JSON download."""
    data = {"exported_at": timezone.now().isoformat(), **export_personal_data(request.user)}
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-portal-data.json"'
    return response


@login_required
def close_account(request):
    form = CloseAccountForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        close(user)
        messages.success(request, "Your account is closed.")
        return redirect("/")
    return render(request, "portal/close_account.html", {"form": form})


def wagtail_login_redirect(request):
    """Wagtail's front-end sign-in (private pages and documents) goes to allauth's,
    which keeps two-factor and rate limits. Only a safe, local `next` is carried."""
    target = request.GET.get("next", "")
    login = reverse("account_login")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if target and safe and len(target) <= 2000:
        return redirect(f"{login}?next={quote(target, safe='/')}")
    return redirect(login)
