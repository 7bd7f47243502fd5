"""A task worker is killed (SIGKILL) in the middle of a certificate run: once the
task's lease runs out a new worker takes it back and finishes the run, and every
holder gets exactly one certificate and one email.

The workers are real `manage.py task_worker` processes sharing the test's
database: on SQLite the test copies its database to a file they open and reads
it back at the end; on PostgreSQL (DATABASE_URL) they open the test database.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from email import message_from_bytes
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from portal.models import SentEmail
from tests.factories import certificates as cf
from tests.factories import training as tf
from training.models import Certificate, CertificateBatch
from training.services.certificates import batches

pytestmark = pytest.mark.django_db(transaction=True)

HOLDERS = 12
LEASE_SECONDS = 3
# Generous: the machine may be loaded. Only a bound on waiting, never asserted.
PATIENCE_SECONDS = 600


class SharedDatabase:
    """The test's database, as the worker processes see it."""

    def __init__(self, tmp_path: Path):
        self.path = tmp_path / "shared.sqlite3"
        self.sqlite = connection.vendor == "sqlite"

    def env(self) -> dict:
        if self.sqlite:
            return {"SQLITE_PATH": str(self.path)}
        db = connection.settings_dict
        port = f":{db['PORT']}" if db["PORT"] else ""
        url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}{port}/{db['NAME']}"
        return {"DATABASE_URL": url}

    def hand_over(self):
        if self.sqlite:
            connection.ensure_connection()
            with closing(sqlite3.connect(self.path)) as target:
                connection.connection.backup(target)

    def take_back(self):
        if self.sqlite:
            connection.ensure_connection()
            with closing(sqlite3.connect(self.path)) as source:
                source.backup(connection.connection)

    def batch_row(self, batch_id):
        """(status, done) read the way the worker wrote it."""
        if self.sqlite:
            with closing(sqlite3.connect(self.path, timeout=30)) as db:
                return db.execute(
                    "SELECT status, done FROM training_certificatebatch WHERE id = ?", [batch_id]
                ).fetchone()
        return CertificateBatch.objects.values_list("status", "done").get(pk=batch_id)

    def tasks_left(self):
        query = (
            f"SELECT COUNT(*) FROM {DBTaskResult._meta.db_table}"  # noqa: S608 (no input)
            " WHERE status IN ('READY', 'RUNNING')"
        )
        if self.sqlite:
            with closing(sqlite3.connect(self.path, timeout=30)) as db:
                return db.execute(query).fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchone()[0]


def start_worker(env):
    return subprocess.Popen(  # noqa: S603 (our own manage.py, fixed arguments)
        [
            sys.executable,
            "manage.py",
            "task_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval=0.2",
            f"--lease={LEASE_SECONDS}",
            "--verbosity=0",
        ],
        cwd=django_settings.BASE_DIR,
        env=env,
    )


def wait_for(condition, worker, what):
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        assert worker.poll() is None, f"the worker exited ({worker.returncode}) before {what}"
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def sent_emails(folder: Path):
    """Every message the workers' file email backend wrote, as (to, subject)."""
    messages = []
    for path in folder.iterdir():
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                message = message_from_bytes(chunk.strip())
                messages.append((message["To"], message["Subject"]))
    return messages


def test_a_run_whose_worker_is_killed_is_finished_by_another_exactly_once(
    tmp_path, settings, coordinator
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    emails = tmp_path / "emails"
    emails.mkdir()
    event = tf.event()
    holders = [cf.attendee(event_=event).user.email for _ in range(HOLDERS)]
    batch = batches.start_event_certificates(event, by=coordinator, email_holders=True)

    shared = SharedDatabase(tmp_path)
    shared.hand_over()
    env = {
        **os.environ,
        **shared.env(),
        "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "FAULT_EMAIL_DIR": str(emails),
    }

    first = start_worker(env)
    try:
        wait_for(lambda: shared.batch_row(batch.pk)[1] >= 2, first, "two certificates")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    status, done = shared.batch_row(batch.pk)
    assert (status, done < HOLDERS) == ("running", True), "killed after the run had finished"

    second = start_worker(env)
    try:
        wait_for(
            lambda: shared.batch_row(batch.pk)[0] == "finished" and shared.tasks_left() == 0,
            second,
            "the run to finish and its emails to be sent",
        )
    finally:
        second.terminate()
        second.wait()

    shared.take_back()
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.errors) == ("finished", HOLDERS, [])
    assert batch.zip_file
    certificates = Certificate.objects.filter(registration__event=event)
    assert sorted(c.registration.user.email for c in certificates) == sorted(holders)
    assert SentEmail.objects.count() == HOLDERS
    sent = sent_emails(emails)
    assert sorted(to for to, _ in sent) == sorted(holders)
    assert {subject for _, subject in sent} == {f"Your certificate: {event.course.title}"}
