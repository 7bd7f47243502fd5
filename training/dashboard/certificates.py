"""Certificates on the dashboard: holders' own, their schools', and a link for coordinators."""

from portal import roles
from training.models import Certificate


def context(request, role):
    if role != roles.ROLE_SCHOOL_STAFF:
        return {}
    user = request.user
    mine = Certificate.objects.valid().filter(registration__user=user).order_by("-held_on", "-pk")
    schools = (
        Certificate.objects.valid()
        .filter(delivery__booking__school__in=roles.approved_schools(user))
        .order_by("-held_on", "-pk")
    )
    return {"my_certificates": mine, "school_certificates": schools}
