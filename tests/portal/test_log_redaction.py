"""Secrets that travel in addresses never reach a log line: gunicorn's access log and
Django's own request logging show the route with the secret replaced."""

import logging
import runpy
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from gunicorn.config import Config

from portal.logging import SingleLineFormatter

ROOT = Path(__file__).resolve().parents[2]

# (address as requested, the secret in it, what the log shows instead)
SECRET_ADDRESSES = [
    ("/calendar/kT3x_9Qm-ZpL0aBcDeFgHiJkLmNoPqRs.ics", "kT3x_9Qm", "/calendar/<token>.ics"),
    ("/feedback/K7MQ4X/", "K7MQ4X", "/feedback/<code>/"),
    ("/feedback/K7MQ4X/thanks/", "K7MQ4X", "/feedback/<code>/thanks/"),
    (
        "/certificates/verify/7Q2M9XH4KD3W8RT6PN1Y/",
        "7Q2M9XH4KD3W8RT6PN1Y",
        "/certificates/verify/<code>/",
    ),
    (
        "/accounts/password/reset/key/1q-cbd8ad9b5b2a4c3e7f01/",
        "cbd8ad9b5b2a4c3e7f01",
        "/accounts/password/reset/key/<key>/",
    ),
    (
        "/accounts/confirm-email/MQ:1vXyZa:Tq3kP0sLr9e8W7/",
        "Tq3kP0sLr9e8W7",
        "/accounts/confirm-email/<key>/",
    ),
]

# Addresses beside them that carry no secret keep their path.
PLAIN_ADDRESSES = [
    "/feedback/",
    "/feedback/show/12/",
    "/feedback/teacher/delivery/3/",
    "/feedback/flagged/4/",
    "/calendar/reset/",
    "/certificates/verify/",
    "/accounts/password/reset/key/done/",
    "/sessions/knife-crime/",
]


def _access_line(tmp_path, path):
    deployed = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    config = Config()
    log_file = tmp_path / "access.log"
    config.set("accesslog", str(log_file))
    config.set("access_log_format", deployed["access_log_format"])
    config.set("logger_class", deployed["logger_class"])
    logger = config.logger_class(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + "?utm_source=mail",
        "PATH_INFO": path,
        "QUERY_STRING": "utm_source=mail",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.10",
        "HTTP_REFERER": f"https://portal.example{path}",
    }
    response = mock.Mock(status="200 OK", sent=512, headers=[])
    logger.access(response, mock.Mock(headers=[]), environ, timedelta(milliseconds=12))
    for log in (logger.access_log, logger.error_log):
        for handler in list(log.handlers):
            handler.close()
            log.removeHandler(handler)
    return log_file.read_text()


@pytest.mark.parametrize(("path", "secret", "route"), SECRET_ADDRESSES)
def test_the_access_log_shows_the_route_not_the_secret(tmp_path, path, secret, route):
    line = _access_line(tmp_path, path)
    assert f'"GET {route}" 200 512' in line
    assert secret not in line


@pytest.mark.parametrize("path", PLAIN_ADDRESSES)
def test_addresses_without_a_secret_are_logged_as_they_are(tmp_path, path):
    assert f'"GET {path}" 200' in _access_line(tmp_path, path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "secret", "route"),
    # An unknown reset or confirmation key gets a page saying so, not a refusal: no log line.
    [row for row in SECRET_ADDRESSES if not row[0].startswith("/accounts/")],
)
def test_djangos_request_log_shows_the_route_not_the_secret(client, caplog, path, secret, route):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(path)
    formatter = SingleLineFormatter("%(levelname)s %(name)s %(message)s")
    lines = [formatter.format(r) for r in caplog.records if r.name == "django.request"]
    assert lines  # each is refused (unknown secret) and the refusal logged with its path
    assert all(secret not in line for line in lines)
    assert any(route in line for line in lines)
