from django.urls import path

from portal import converters  # noqa: F401  (registers <reference:...> and <token:...>)

from . import views

app_name = "schools"

urlpatterns = [
    path("schools/join/", views.join, name="join"),
    path("schools/join/<int:urn>/", views.join_school, name="join_school"),
    path("schools/requests/", views.membership_requests, name="membership_requests"),
    path("schools/requests/<int:pk>/", views.decide_membership, name="decide_membership"),
    path("bookings/new/", views.booking_new, name="booking_new"),
    path("bookings/requests/", views.booking_requests, name="booking_requests"),
    path("bookings/<reference:reference>/", views.booking_detail, name="booking_detail"),
    path("bookings/<reference:reference>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<reference:reference>/decline/", views.booking_decline, name="booking_decline"),
    path(
        "bookings/<reference:reference>/schedule/", views.booking_schedule, name="booking_schedule"
    ),
    path("availability/", views.unavailability, name="unavailability"),
    path(
        "availability/<int:pk>/delete/", views.unavailability_delete, name="unavailability_delete"
    ),
    path("calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("calendar/<token:token>.ics", views.calendar_feed, name="calendar_feed"),
]
