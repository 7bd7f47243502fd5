"""Settings for a real task worker process started by the fault tests: the test
settings, with the database task backend, the database the test shares with it
(SQLITE_PATH or DATABASE_URL, read by the base settings), the test's media folder
and emails written to files the test reads back."""

import os

from portal.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": os.environ["FAULT_EMAIL_DIR"]},
    }
}
