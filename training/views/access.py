"""What several training pages share: a school delivery opened only for the people
a permission lets in, and pupils' words shown only after two-factor sign-in."""

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from portal.models import User
from schools.models import Delivery


def allowed_delivery(user: User, pk: int, allowed: Callable[[User, Delivery], bool]) -> Delivery:
    """The delivery (with its school and session) if `allowed(user, delivery)`, else a 403."""
    delivery = get_object_or_404(
        Delivery.objects.select_related("booking__school", "booking__session"), pk=pk
    )
    if not allowed(user, delivery):
        raise PermissionDenied
    return delivery


def mfa_first(request: HttpRequest) -> HttpResponse | None:
    """Where to send someone who would read a pupil's words with a password only:
    the authenticator set-up, and back here afterwards. Coordinators already have
    two-factor sign-in (portal.middleware); a school's DSL is asked here, as the
    alert email promises."""
    if is_mfa_enabled(request.user):
        return None
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('mfa_activate_totp')}?{query}")
