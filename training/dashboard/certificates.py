"""Certificates on the dashboard: holders' own, their schools', and a link for coordinators."""

from schools.roles import ROLE_SCHOOL_STAFF, approved_schools
from training.models import Certificate


def context(request, role):
    if role != ROLE_SCHOOL_STAFF:
        return {}
    user = request.user
    mine = Certificate.objects.valid().filter(registration__user=user).order_by("-held_on", "-pk")
    schools = (
        Certificate.objects.valid()
        .filter(delivery__booking__school__in=approved_schools(user))
        .order_by("-held_on", "-pk")
    )
    return {"my_certificates": mine, "school_certificates": schools}
