"""What the schools app shows on each role's dashboard: one panel, put together from
each area's part (added to portal.dashboard from SchoolsConfig.ready())."""

from portal.roles import ROLE_COORDINATOR, ROLE_PRESENTER

from ..roles import ROLE_PENDING, ROLE_SCHOOL_STAFF
from . import bookings, calendars, memberships

TEMPLATE = "schools/dashboard/{role}.html"
ROLES = (ROLE_COORDINATOR, ROLE_PRESENTER, ROLE_SCHOOL_STAFF, ROLE_PENDING)
PARTS = [memberships.context, bookings.context, calendars.context]


def context(request, role):
    merged = {}
    for part in PARTS:
        merged.update(part(request, role))
    return merged
