from django.urls import path  # noqa: F401

from .urls_certificates import urlpatterns as certificate_urlpatterns

app_name = "training"

urlpatterns = []

# Certificates
urlpatterns += certificate_urlpatterns
