from django.urls import path

from portal import converters  # noqa: F401  (registers <reference:...> and <feedback_code:...>)

from .views import certificates, events, feedback, messages, reports

app_name = "training"

urlpatterns = [
    # Events, registrations and registers
    path("training/events/<int:pk>/", events.event_detail, name="event_detail"),
    path("training/events/<int:pk>/register/", events.event_register, name="event_register"),
    path(
        "training/registrations/<int:pk>/cancel/",
        events.registration_cancel,
        name="registration_cancel",
    ),
    path("training/events/<int:pk>/message/", messages.event_message, name="event_message"),
    path("training/events/<int:pk>/attendance/", events.event_attendance, name="event_attendance"),
    path(
        "training/events/<int:pk>/attendance/walk-in/",
        events.event_walk_in,
        name="event_walk_in",
    ),
    path(
        "training/deliveries/<int:pk>/register/",
        events.delivery_register,
        name="delivery_register",
    ),
    # Feedback and pupil voice
    path("feedback/", feedback.code_entry, name="feedback"),
    path("feedback/show/<int:pk>/", feedback.show_code, name="show_feedback_code"),
    path("feedback/show/<int:pk>/qr.svg", feedback.code_qr, name="feedback_code_qr"),
    path("feedback/show/<int:pk>/poster.pdf", feedback.code_poster, name="feedback_code_poster"),
    path(
        "feedback/teacher/delivery/<int:pk>/",
        feedback.delivery_feedback,
        name="delivery_feedback",
    ),
    path("feedback/teacher/event/<int:pk>/", feedback.event_feedback, name="event_feedback"),
    path("feedback/flagged/", feedback.flagged_list, name="flagged_responses"),
    path("feedback/flagged/<int:pk>/", feedback.flagged_response, name="flagged_response"),
    path(
        "feedback/flagged/<int:pk>/followed-up/",
        feedback.flagged_followed_up,
        name="flagged_followed_up",
    ),
    path("feedback/<feedback_code:code>/", feedback.pupil_survey, name="pupil_survey"),
    path("feedback/<feedback_code:code>/thanks/", feedback.pupil_thanks, name="pupil_thanks"),
    path("you-said-we-did/", feedback.you_said_we_did, name="you_said_we_did"),
    # Reports
    path("reports/", reports.dashboard, name="reports"),
    path("reports/export/<slug:slug>.<str:fmt>", reports.export, name="reports_export"),
    path("reports/visits/<int:pk>/set-aside/", reports.set_aside_answers, name="set_aside_answers"),
    path("reports/school/<int:pk>/", reports.school_figures, name="school_reports"),
    path(
        "reports/school/<int:pk>/export/<slug:slug>.<str:fmt>",
        reports.school_export,
        name="school_reports_export",
    ),
    # Certificates
    path("certificates/verify/", certificates.verify_form, name="certificate_verify_form"),
    path("certificates/verify/<str:code>/", certificates.verify, name="certificate_verify"),
    path("certificates/", certificates.index, name="certificates"),
    path(
        "certificates/events/<int:event_id>/",
        certificates.event_certificates,
        name="certificate_event",
    ),
    path("certificates/runs/<int:pk>/", certificates.batch_detail, name="certificate_batch"),
    path("certificates/runs/<int:pk>/zip/", certificates.batch_zip, name="certificate_batch_zip"),
    path(
        "certificates/runs/<int:pk>/cancel/",
        certificates.batch_cancel,
        name="certificate_batch_cancel",
    ),
    path(
        "certificates/registrations/<int:registration_id>/issue/",
        certificates.issue_one,
        name="certificate_issue",
    ),
    path(
        "certificates/deliveries/<int:delivery_id>/issue/",
        certificates.issue_school,
        name="certificate_issue_school",
    ),
    path(
        "certificates/<reference:number>/download/",
        certificates.download,
        name="certificate_download",
    ),
    path("certificates/<reference:number>/revoke/", certificates.revoke, name="certificate_revoke"),
    path(
        "certificates/<reference:number>/reissue/",
        certificates.reissue,
        name="certificate_reissue",
    ),
]
