"""seed_demo never puts the published demo sign-ins on a real site: it refuses to run
outside the development settings unless told the site is a demonstration, and then
gives every account random secrets."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_accounts
from schools.demo import PRESENTERS

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED_SECRETS = {row[4] for row in DEMO_ACCOUNTS if row[4]} | {
    row[4] for row in PRESENTERS if row[4]
}


def totp_secret(user):
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return get_mfa_adapter().decrypt(authenticator.data["secret"])


def test_it_refuses_to_run_under_the_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}} | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "k3Y-" + "x" * 60,
        "ALLOWED_HOSTS": "portal.example",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "runs with the development settings" in result.stderr
    assert DEMO_PASSWORD not in result.stdout + result.stderr


@pytest.mark.django_db
def test_outside_development_it_creates_nothing_without_the_demo_site_flag(settings):
    settings.PORTAL_PUBLISHED_DEMO_SECRETS = False
    with pytest.raises(CommandError, match="--demo-site"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_on_a_demo_site_every_password_and_two_factor_secret_is_random(settings, tmp_path):
    settings.PORTAL_PUBLISHED_DEMO_SECRETS = False
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    call_command("seed_demo", "--demo-site", stdout=out)
    printed = out.getvalue()
    password = printed.split("password for all: ", 1)[1].split(")", 1)[0]
    assert password != DEMO_PASSWORD and len(password) >= 16

    User = get_user_model()
    admin = User.objects.get(email="admin@demo.example")
    assert admin.is_superuser
    assert admin.check_password(password)
    assert not admin.check_password(DEMO_PASSWORD)
    assert not any(user.check_password(DEMO_PASSWORD) for user in User.objects.order_by("?")[:5])
    secrets = {totp_secret(a.user) for a in Authenticator.objects.filter(type="totp")}
    assert len(secrets) >= len(PUBLISHED_SECRETS)
    assert not secrets & PUBLISHED_SECRETS
    assert f"admin@demo.example  TOTP secret: {totp_secret(admin)}" in printed


@pytest.mark.django_db
def test_in_development_the_published_sign_ins_work():
    rows = dict(seed_accounts())
    admin = get_user_model().objects.get(email="admin@demo.example")
    assert admin.check_password(DEMO_PASSWORD)
    assert totp_secret(admin) == rows["admin@demo.example"] == DEMO_ACCOUNTS[0][4]
