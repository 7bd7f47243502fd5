from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import legal, message_views, views

handler403 = "portal.audit.permission_refused"
handler500 = "portal.views.server_error"

# The Django admin signs in through allauth, so MFA and rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("privacy/", legal.privacy, name="privacy"),
    path("cookies/", legal.cookies_page, name="cookies"),
    path("accessibility/", legal.accessibility, name="accessibility"),
    path("messages/", message_views.message_list, name="message_list"),
    path("messages/<int:pk>/", message_views.message_detail, name="message_detail"),
    path("account/your-data/", views.account_data, name="account_data"),
    path("account/close/", views.close_account, name="account_close"),
    path("accounts/", include("allauth.urls")),
    # Wagtail's own sign-in and password pages are replaced by allauth's.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    # Wagtail's front-end sign-in (for private pages and documents) is Django's
    # plain LoginView: it would skip allauth's two-factor step and rate limits.
    path("_util/login/", views.wagtail_login_redirect, name="wagtailcore_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("cms.urls")),
    path("", include("schools.urls")),
    path("", include("training.urls")),
]

if settings.DEBUG:
    # Only in development: the media files come from the web server elsewhere.
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other address from the page tree; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
