"""With DEBUG off, error pages help the visitor and show nothing of the inside."""

import logging

import pytest

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
