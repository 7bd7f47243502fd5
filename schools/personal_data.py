"""The schools part of a person's own data (see portal.personal_data)."""

from django.utils import timezone
from wagtail.log_actions import log

from portal.personal_data import when

from .models import SchoolMembership

# The rows that are the person's own, by the field that points at them.
OWN_RECORDS = [
    ("schools.SchoolMembership", "user"),
    ("schools.PresenterProfile", "user"),
    ("schools.Unavailability", "presenter"),
]


def schools_data(user):
    data = {
        "school_memberships": [
            {
                "school": m.school.name,
                "urn": m.school.urn,
                "role": m.get_role_display(),
                "status": m.get_status_display(),
                "since": when(m.created_at),
            }
            for m in user.school_memberships.select_related("school")
        ],
        "booking_requests": [
            {
                "reference": b.reference,
                "school": b.school.name,
                "session": b.session.title,
                "status": b.get_status_display(),
                "year_groups": b.year_groups,
                "expected_pupils": b.expected_pupils,
                "access_needs": b.access_needs,
                "notes": b.notes,
                "requested_at": when(b.created_at),
            }
            for b in user.bookings_requested.select_related("school", "session").order_by("pk")
        ],
    }
    profile = getattr(user, "presenter_profile", None)
    if profile is not None:
        data["presenter_profile"] = {
            "organisation": profile.organisation.name if profile.organisation else "",
            "job_title": profile.job_title,
            "vetting_confirmed_on": when(profile.vetting_confirmed_on),
            "sessions_you_may_deliver": sorted(
                profile.qualified_sessions.values_list("title", flat=True)
            ),
            # The address itself is a secret: it is on the dashboard, not in a file.
            "calendar_feed": "set up; its address is on your dashboard",
        }
    if profile is not None or user.unavailabilities.exists():
        data["time_off"] = [
            {"start": when(u.start), "end": when(u.end), "reason": u.reason}
            for u in user.unavailabilities.order_by("start")
        ]
    assignments = user.assignments.select_related(
        "delivery__booking__school", "delivery__booking__session"
    ).order_by("start")
    if assignments:
        data["visits_you_presented"] = [
            {
                "reference": a.delivery.booking.reference,
                "school": a.delivery.booking.school.name,
                "session": a.delivery.booking.session.title,
                "start": when(a.delivery.start),
                "end": when(a.delivery.end),
                "status": a.delivery.booking.get_status_display(),
            }
            for a in assignments
        ]
    return data


def end_memberships(user):
    """A closed account's memberships end (and are purged after the closed-membership
    period, counted from now)."""
    ended = list(
        user.school_memberships.filter(
            status__in=[SchoolMembership.Status.PENDING, SchoolMembership.Status.APPROVED]
        )
    )
    user.school_memberships.filter(pk__in=[m.pk for m in ended]).update(
        status=SchoolMembership.Status.LEFT, decided_by=user, decided_at=timezone.now()
    )
    for membership in ended:
        membership.refresh_from_db()
        log(instance=membership, action="schools.membership.left", user=user)
