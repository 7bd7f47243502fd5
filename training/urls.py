from django.urls import path, register_converter  # noqa: F401

from . import code_poster, views, views_feedback, views_reports
from .urls_certificates import urlpatterns as certificate_urlpatterns

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


# Feedback, pupil voice and reports ---------------------------------------------------


class FeedbackCodeConverter:
    regex = "[A-Za-z0-9]{6}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FeedbackCodeConverter, "feedback_code")

urlpatterns += [
    path("feedback/", views_feedback.code_entry, name="feedback"),
    path("feedback/show/<int:pk>/", views_feedback.show_code, name="show_feedback_code"),
    path("feedback/show/<int:pk>/qr.svg", views_feedback.code_qr, name="feedback_code_qr"),
    path("feedback/show/<int:pk>/poster.pdf", code_poster.code_poster, name="feedback_code_poster"),
    path(
        "feedback/teacher/delivery/<int:pk>/",
        views_feedback.delivery_feedback,
        name="delivery_feedback",
    ),
    path("feedback/teacher/event/<int:pk>/", views_feedback.event_feedback, name="event_feedback"),
    path("feedback/flagged/", views_feedback.flagged_list, name="flagged_responses"),
    path("feedback/flagged/<int:pk>/", views_feedback.flagged_response, name="flagged_response"),
    path(
        "feedback/flagged/<int:pk>/followed-up/",
        views_feedback.flagged_followed_up,
        name="flagged_followed_up",
    ),
    path("feedback/<feedback_code:code>/", views_feedback.pupil_survey, name="pupil_survey"),
    path("feedback/<feedback_code:code>/thanks/", views_feedback.pupil_thanks, name="pupil_thanks"),
    path("you-said-we-did/", views_feedback.you_said_we_did, name="you_said_we_did"),
    path("reports/", views_reports.dashboard, name="reports"),
    path("reports/export/<slug:slug>.<str:fmt>", views_reports.export, name="reports_export"),
    path("reports/school/<int:pk>/", views_reports.school_figures, name="school_reports"),
    path(
        "reports/school/<int:pk>/export/<slug:slug>.<str:fmt>",
        views_reports.school_export,
        name="school_reports_export",
    ),
]
# Certificates
urlpatterns += certificate_urlpatterns
