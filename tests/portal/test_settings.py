"""Production settings refuse to start unsafely, and Django's deploy check is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


PRODUCTION_ENV = {"SECRET_KEY": "k3Y-" + "x" * 56, "ALLOWED_HOSTS": "portal.example"}


def test_media_stays_on_disk_without_a_bucket():
    from portal.settings.environment import FILE_SYSTEM_STORAGE, media_storage

    assert media_storage({}) == {"BACKEND": FILE_SYSTEM_STORAGE}


def test_a_bucket_name_puts_media_in_private_s3_compatible_storage():
    from storages.backends.s3 import S3Storage

    from portal.settings.environment import S3_STORAGE, media_storage

    config = media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "portal-media",
            "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
            "AWS_S3_REGION_NAME": "eu-west-2",
        }
    )
    assert config["BACKEND"] == S3_STORAGE
    # Built as Django would build it (no request leaves the machine).
    storage = S3Storage(**config["OPTIONS"])
    assert storage.bucket_name == "portal-media"
    assert storage.default_acl is None
    assert storage.file_overwrite is False
    assert (
        storage.url("images/photo.jpg")
        == "https://objects.example.net/portal-media/images/photo.jpg"
    )


def test_production_settings_choose_s3_when_the_bucket_is_set():
    script = (
        "from django.conf import settings; "
        "from django.core.files.storage import storages; "
        "print(type(storages['default']).__name__, sorted(settings.WAGTAILFRONTENDCACHE), "
        "settings.SECURE_CSP['img-src'][-1])"
    )
    on_disk = _manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)
    assert on_disk.returncode == 0, on_disk.stderr
    assert on_disk.stdout.strip() == "FileSystemStorage [] data:"

    in_bucket = _manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        env={
            **PRODUCTION_ENV,
            "AWS_STORAGE_BUCKET_NAME": "portal-media",
            "FRONTEND_CACHE_PURGE_URL": "http://cache.internal:6081",
        },
    )
    assert in_bucket.returncode == 0, in_bucket.stderr
    assert in_bucket.stdout.strip() == "S3Storage ['http'] https://portal-media.s3.amazonaws.com"


def test_front_end_cache_backends_follow_their_variables():
    from portal.settings.environment import frontend_cache

    assert frontend_cache({}) == {}
    backends = frontend_cache(
        {
            "CLOUDFLARE_ZONE_ID": "zone",
            "CLOUDFLARE_BEARER_TOKEN": "token",
            "CLOUDFRONT_DISTRIBUTION_ID": "E123",
        }
    )
    assert backends["cloudflare"]["BACKEND"].endswith("CloudflareBackend")
    assert (backends["cloudflare"]["ZONEID"], backends["cloudflare"]["BEARER_TOKEN"]) == (
        "zone",
        "token",
    )
    assert backends["cloudfront"]["DISTRIBUTION_ID"] == "E123"
    assert "http" not in backends


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"AWS_S3_ENDPOINT_URL": "https://objects.example.net"},
        {"AWS_S3_CUSTOM_DOMAIN": "media.portal.example"},
    ],
)
def test_the_content_security_policy_allows_images_from_where_the_bucket_serves_them(extra):
    from urllib.parse import urlsplit

    from storages.backends.s3 import S3Storage

    from portal.settings.environment import media_origin, media_storage

    environ = {"AWS_STORAGE_BUCKET_NAME": "portal-media", **extra}
    url = urlsplit(S3Storage(**media_storage(environ)["OPTIONS"]).url("images/photo.jpg"))
    assert media_origin(environ) == f"{url.scheme}://{url.netloc}"
    assert media_origin({}) is None


@pytest.mark.parametrize(
    "setting",
    [
        # A publish would leave other web workers serving old pages.
        "PORTAL_PAGE_CACHE_SECONDS",
        # A pupil's answer would leave other web workers serving the old figures.
        "PORTAL_REPORTS_CACHE_SECONDS",
    ],
)
def test_caches_are_on_only_with_a_cache_every_worker_shares(setting):
    env = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "portal.example"}
    show = (
        "shell",
        "--verbosity=0",
        "-c",
        f"from django.conf import settings; print(settings.{setting})",
    )
    alone = _manage(*show, env=env)
    shared = _manage(*show, env={**env, "REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert alone.stdout.strip() == "0", alone.stderr
    assert int(shared.stdout.strip()) > 0, shared.stderr
