"""Response headers and security logging every page relies on."""

import logging
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from portal.audit import permission_refused
from portal.logging import SingleLineFormatter
from tests import factories
from tests.cms.test_moderation import edit_data
from tests.factories import cms

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_strict_content_security_policy(client):
    response = client.get("/accounts/login/")
    csp = response.headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in csp
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert script_src.split()[1:] == ["'self'"]


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_pages_have_no_inline_script(client, path):
    """Every script is a file from this site, so no page depends on a per-request
    nonce (a public page served from the cache could not carry a fresh one)."""
    response = client.get(path)
    scripts = re.findall(r"<script\b[^>]*>", response.text)
    assert scripts
    for tag in scripts:
        assert re.search(r'\ssrc="/static/', tag), tag
        assert "nonce" not in tag


def test_isolation_headers(client):
    response = client.get("/healthz")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_signed_in_pages_are_never_cached(client, staff):
    client.force_login(staff)
    response = client.get("/dashboard/")
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


def test_public_pages_are_not_marked_private(client):
    from cms.demo import seed_pages

    seed_pages()
    response = client.get("/about/")
    assert response.status_code == 200
    assert "private" not in response.headers.get("Cache-Control", "")


def test_failed_sign_in_is_logged_without_the_password(client, caplog):
    user = factories.UserFactory()
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        client.post("/accounts/login/", {"login": user.email, "password": "guess-one-two"})
    assert any("sign-in failed" in r.getMessage() for r in caplog.records)
    assert all("guess-one-two" not in r.getMessage() for r in caplog.records)


def test_refusals_are_logged_with_who_and_where(caplog, staff):
    request = RequestFactory().get("/bookings/BK-1/")
    request.user = staff
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = permission_refused(request, PermissionDenied())
    assert response.status_code == 403
    assert f"user={staff.pk}" in caplog.text
    assert "/bookings/BK-1/" in caplog.text


def test_log_lines_cannot_be_forged_with_newlines():
    record = logging.LogRecord(
        "portal.security",
        logging.WARNING,
        __file__,
        1,
        "sign-in failed login=%r",
        ("x\n2026-01-01 INFO forged",),
        None,
    )
    line = SingleLineFormatter("%(message)s").format(record)
    assert "\n" not in line


def test_the_admin_allows_inline_styles_but_never_inline_scripts(client, coordinator):
    client.force_login(coordinator)
    admin = client.get("/admin/").headers["Content-Security-Policy"]
    public = client.get("/accounts/login/").headers["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in admin
    assert "style-src 'self';" in public
    for csp in (admin, public):
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert "unsafe-inline" not in script_src


def test_wagtails_own_front_end_sign_in_cannot_skip_two_factor(client):
    """/_util/login/ is Django's plain LoginView in Wagtail: password only, no MFA
    step, no allauth rate limit. It only ever sends people to allauth's sign-in."""
    user = factories.coordinator()
    response = client.post(
        "/_util/login/?next=/admin/", {"username": user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/?next=/admin/"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_only_the_editors_preview_may_be_framed_and_only_by_this_site(client, coordinator):
    page = cms.session_page(title="Knives and choices")
    client.force_login(coordinator)
    # As the editor does: send the form, then frame what it renders.
    sent = client.post(f"/admin/pages/{page.pk}/edit/preview/", edit_data(page))
    assert sent.json()["is_valid"]
    preview = client.get(f"/admin/pages/{page.pk}/edit/preview/", {"in_preview_panel": "true"})
    editor = client.get(f"/admin/pages/{page.pk}/edit/")
    public = client.get("/accounts/login/")
    assert preview.status_code == 200
    assert "<h1" in preview.text and "Knives and choices" in preview.text  # the page itself
    assert "frame-ancestors 'self'" in preview.headers["Content-Security-Policy"]
    assert preview.headers["X-Frame-Options"] == "SAMEORIGIN"
    for response in (editor, public):
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
