"""Certificate addresses, added to training.urls (names start with certificate)."""

from django.urls import path

from portal import converters  # noqa: F401  (registers <reference:...> and <token:...>)

from . import views_certificates as views

urlpatterns = [
    path("certificates/verify/", views.verify_form, name="certificate_verify_form"),
    path("certificates/verify/<str:code>/", views.verify, name="certificate_verify"),
    path("certificates/", views.index, name="certificates"),
    path("certificates/events/<int:event_id>/", views.event_certificates, name="certificate_event"),
    path("certificates/runs/<int:pk>/", views.batch_detail, name="certificate_batch"),
    path("certificates/runs/<int:pk>/zip/", views.batch_zip, name="certificate_batch_zip"),
    path(
        "certificates/registrations/<int:registration_id>/issue/",
        views.issue_one,
        name="certificate_issue",
    ),
    path(
        "certificates/deliveries/<int:delivery_id>/issue/",
        views.issue_school,
        name="certificate_issue_school",
    ),
    path("certificates/<reference:number>/download/", views.download, name="certificate_download"),
    path("certificates/<reference:number>/revoke/", views.revoke, name="certificate_revoke"),
    path("certificates/<reference:number>/reissue/", views.reissue, name="certificate_reissue"),
]
