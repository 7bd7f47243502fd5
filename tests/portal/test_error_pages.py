"""With DEBUG off, error pages help the visitor and show nothing of the inside."""

import json
import logging
import re

import pytest
from django.core.management import call_command
from django.test import Client

from portal.settings.base import STORAGES as PRODUCTION_STORAGES

pytestmark = pytest.mark.django_db

INTERNALS = ("Traceback", "URLconf", "db-primary", "SECRET_KEY", "RuntimeError", "portal.urls")


def test_a_missing_page_says_so_and_nothing_more(client, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert not any(secret in response.text for secret in INTERNALS)


def test_a_missing_document_hides_wagtails_reason(client, settings):
    settings.DEBUG = False
    response = client.get("/documents/999/secret-plan.pdf")
    assert response.status_code == 404
    assert "does not match" not in response.text
    assert "Document" not in response.text


def test_a_server_error_shows_a_plain_apology_and_help(client, settings, caplog):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.portal.failing_urls"
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/fail/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "0800 1111" in response.text
    assert not any(secret in response.text for secret in INTERNALS)
    # The detail goes to the log for the operators, not to the visitor.
    assert "db-primary.internal" in caplog.text


@pytest.fixture
def server_error(client, settings, caplog):
    """The response to a request whose view raises, as production sends it."""
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.portal.failing_urls"
    client.raise_request_exception = False
    with caplog.at_level(logging.CRITICAL, logger="django.request"):
        return client.get("/fail/")


def stylesheet_of(response):
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', response.text)
    assert len(links) == 1, links
    return links[0]


def test_the_server_error_page_is_styled_without_inline_style_or_script(server_error, client):
    assert server_error.status_code == 500
    html = server_error.text
    # The Content-Security-Policy allows styles and scripts from files on this site only.
    policy = server_error["Content-Security-Policy"]
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<style" not in html
    assert "style=" not in html
    assert "<script" not in html
    assert " on" not in re.sub(r">[^<]*<", "><", html)  # no onload= or the like
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in html
    assert 'class="govuk-template"' in html
    assert "Safeguarding Partnership Portal" in html
    stylesheet = client.get(stylesheet_of(server_error))
    assert stylesheet.status_code == 200
    assert stylesheet["Content-Type"].startswith("text/css")
    assert b".govuk-heading-l" in b"".join(stylesheet.streaming_content)


def test_the_server_error_stylesheet_is_served_from_collected_static_files(
    server_error, settings, tmp_path
):
    """In production the page links the plain name, not the hashed one the manifest maps it to:
    the manifest lookup is one more thing that could fail while showing an error. collectstatic
    keeps the plain copy beside the hashed one, and WhiteNoise serves it."""
    href = stylesheet_of(server_error)
    assert href.startswith(settings.STATIC_URL)
    name = href.removeprefix(settings.STATIC_URL)

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = PRODUCTION_STORAGES
    # Only the portal's own built files: the page links nothing from Django's or Wagtail's apps.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert name in manifest
    assert manifest[name] != name
    assert (tmp_path / manifest[name]).is_file()
    # The plain copy is the built file as it is; what it draws on is collected too.
    plain = (tmp_path / name).read_text(encoding="utf-8-sig")
    for url in re.findall(r'url\("?([^")]+)"?\)', plain):
        if url.startswith(settings.STATIC_URL):
            assert (tmp_path / url.removeprefix(settings.STATIC_URL)).is_file(), url

    # WhiteNoise as production runs it: from STATIC_ROOT only.
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    response = Client().get(href)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (tmp_path / name).read_bytes()
