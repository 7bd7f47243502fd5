"""What several training pages share: a school delivery opened only for the people
a permission lets in."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

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
