"""The portal's own addresses plus one that fails, for the error page tests."""

from django.urls import path

from portal.urls import handler403, handler500  # noqa: F401  (the root URLconf names its handlers)
from portal.urls import urlpatterns as portal_urlpatterns


def fail(request):
    raise RuntimeError("connection to db-primary.internal:5432 refused; SECRET_KEY=abc")


urlpatterns = [path("fail/", fail), *portal_urlpatterns]
