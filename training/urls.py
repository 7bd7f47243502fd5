from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    # Events, registrations and registers
    path("training/events/<int:pk>/", views.event_detail, name="event_detail"),
    path("training/events/<int:pk>/register/", views.event_register, name="event_register"),
    path(
        "training/registrations/<int:pk>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("training/events/<int:pk>/attendance/", views.event_attendance, name="event_attendance"),
    path(
        "training/events/<int:pk>/attendance/walk-in/",
        views.event_walk_in,
        name="event_walk_in",
    ),
    path(
        "training/deliveries/<int:pk>/register/",
        views.delivery_register,
        name="delivery_register",
    ),
]
