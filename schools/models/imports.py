"""A GIAS file a coordinator uploaded, kept between the upload, the preview and
the confirmation (schools.services.imports), so the confirmation applies what
the preview showed."""

import secrets

from django.conf import settings
from django.db import models


def new_import_token() -> str:
    return secrets.token_urlsafe(24)


class SchoolImport(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded"
        PREVIEWED = "previewed", "Previewed"
        APPLIED = "applied", "Applied"

    token = models.CharField(max_length=64, unique=True, default=new_import_token)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    file_name = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UPLOADED)
    # The file's rows, only the columns the import uses, as zlib-compressed JSON;
    # emptied once applied.
    rows = models.BinaryField(default=bytes)
    authorities = models.JSONField(default=list)  # [{"name", "code", "count"}]
    types = models.JSONField(default=list)  # [{"name", "count"}]
    chosen_authorities = models.JSONField(default=list)
    chosen_types = models.JSONField(default=list)
    plan = models.JSONField(default=dict)  # schools.services.schools.ImportPlan.as_dict()
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display().lower()})"
