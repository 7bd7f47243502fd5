"""Calendar feeds on the dashboard: each school's for its staff, a presenter's own."""

from django.urls import reverse

from portal.roles import ROLE_PRESENTER

from ..models import PresenterProfile
from ..roles import ROLE_SCHOOL_STAFF, approved_school_list


def _feed_url(request, token):
    return request.build_absolute_uri(reverse("schools:calendar_feed", args=[token]))


def context(request, role):
    if role == ROLE_SCHOOL_STAFF:
        schools = approved_school_list(request.user)
        return {"school_feeds": [(s, _feed_url(request, s.calendar_token)) for s in schools]}
    if role == ROLE_PRESENTER:
        profile, _ = PresenterProfile.objects.get_or_create(user=request.user)
        return {"presenter_feed": _feed_url(request, profile.calendar_token)}
    return {}
