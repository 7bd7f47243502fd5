from django.urls import path

from portal import converters  # noqa: F401  (registers <reference:...> and <token:...>)

from .views import (
    bookings,
    calendars,
    changes,
    closures,
    imports,
    memberships,
    plans,
    presenters,
)
from .views import messages as dsl_messages

app_name = "schools"

urlpatterns = [
    path("schools/join/", memberships.join, name="join"),
    path("schools/join/<int:urn>/", memberships.join_school, name="join_school"),
    path("schools/requests/", memberships.membership_requests, name="membership_requests"),
    path("schools/requests/<int:pk>/", memberships.decide_membership, name="decide_membership"),
    path("schools/<int:urn>/closed-days/", closures.school_closures, name="school_closures"),
    path(
        "schools/<int:urn>/closed-days/<int:pk>/delete/",
        closures.school_closure_delete,
        name="school_closure_delete",
    ),
    path("schools/import/", imports.gias_upload, name="gias_upload"),
    path("schools/import/<str:token>/", imports.gias_choose, name="gias_choose"),
    path("schools/import/<str:token>/preview/", imports.gias_preview, name="gias_preview"),
    path("messages/dsls/", dsl_messages.dsl_message, name="dsl_message"),
    path("term-dates/import/", closures.closed_days_import, name="closed_days_import"),
    path("bookings/new/", bookings.booking_new, name="booking_new"),
    path("bookings/requests/", bookings.booking_requests, name="booking_requests"),
    path("bookings/emails/", changes.booking_emails, name="booking_emails"),
    path("bookings/<reference:reference>/", bookings.booking_detail, name="booking_detail"),
    path("bookings/<reference:reference>/cancel/", bookings.booking_cancel, name="booking_cancel"),
    path(
        "bookings/<reference:reference>/decline/", bookings.booking_decline, name="booking_decline"
    ),
    path(
        "bookings/<reference:reference>/schedule/",
        bookings.booking_schedule,
        name="booking_schedule",
    ),
    path("bookings/<reference:reference>/edit/", changes.booking_edit, name="booking_edit"),
    path(
        "bookings/<reference:reference>/proposal/accept/",
        changes.proposal_accept,
        name="proposal_accept",
    ),
    path(
        "bookings/<reference:reference>/proposal/decline/",
        changes.proposal_decline,
        name="proposal_decline",
    ),
    path("bookings/<reference:reference>/move/ask/", changes.move_request, name="move_request"),
    path(
        "bookings/<reference:reference>/schedule/any/",
        changes.schedule_any,
        name="booking_schedule_any",
    ),
    path("bookings/<reference:reference>/move/", changes.visit_move, name="visit_move"),
    path(
        "bookings/<reference:reference>/cover/<int:assignment>/",
        changes.visit_cover,
        name="visit_cover",
    ),
    path("bookings/<reference:reference>/offer/", plans.offer, name="offer"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_new, name="plan_new"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/again/", plans.plan_again, name="plan_again"),
    path("plans/<int:pk>/send/", plans.plan_send, name="plan_send"),
    path(
        "plans/<int:pk>/visits/<int:visit>/<str:change>/",
        plans.plan_visit_change,
        name="plan_visit_change",
    ),
    path("availability/pattern/", presenters.working_pattern, name="working_pattern"),
    path("availability/", presenters.unavailability, name="unavailability"),
    path(
        "availability/<int:pk>/delete/",
        presenters.unavailability_delete,
        name="unavailability_delete",
    ),
    path("calendar/reset/", calendars.calendar_reset, name="calendar_reset"),
    path("calendar/<token:token>.ics", calendars.calendar_feed, name="calendar_feed"),
]
