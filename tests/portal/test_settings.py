"""Production settings refuse to start unsafely, and Django's deploy check is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env):
    unwanted = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    clean.update(env, DJANGO_SETTINGS_MODULE="portal.settings.production")
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env={"ALLOWED_HOSTS": "portal.example"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage("check", env={"SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_deploy_check_reports_nothing():
    secret = "k3Y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        env={"SECRET_KEY": secret, "ALLOWED_HOSTS": "portal.example", "EMAIL_HOST": "smtp.example"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_public_pages_are_cached_only_with_a_cache_every_worker_shares():
    """With a cache per process, a publish would leave other web workers serving old pages."""
    env = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "portal.example"}
    show = (
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; print(settings.PORTAL_PAGE_CACHE_SECONDS)",
    )
    alone = _manage(*show, env=env)
    shared = _manage(*show, env={**env, "REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert alone.stdout.strip() == "0", alone.stderr
    assert int(shared.stdout.strip()) > 0, shared.stderr
