import json
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import dashboard as home
from .forms import CloseAccountForm, posted
from .personal_data import close, export_personal_data


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
