"""A coordinator's GIAS import in three steps: upload the file, choose the local
authorities (and types) to keep and see what would change, confirm.

The parsed file is kept in a SchoolImport row between the steps (any number of
web processes may answer them), holding only the columns the import uses. The
confirmation applies the plan the preview showed: it plans again under a lock
and, if the schools held changed in between, refuses and shows the new plan
instead, so nothing is applied that nobody saw. An applied import keeps its
counts (for the record) and drops its rows; an upload left unconfirmed is
deleted after a day (purge_abandoned_imports).
"""

from __future__ import annotations

import json
import zlib
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from schools.models import SchoolImport

from .errors import SchoolsError
from .gias import Filters, ImportFailed, authorities_in, read_rows, types_in
from .schools import ImportPlan, ImportResult, apply_plan, plan_import

# An upload nobody confirmed is deleted after this long.
ABANDONED_AFTER = timedelta(days=1)


class SchoolImportError(SchoolsError):
    pass


def _pack(rows: list[dict]) -> bytes:
    return zlib.compress(json.dumps(rows, separators=(",", ":")).encode())


def _unpack(data) -> list[dict]:
    return json.loads(zlib.decompress(bytes(data)))


def upload_gias(data: bytes, *, file_name: str, by: User) -> SchoolImport:
    """Read the file and keep its rows; ImportFailed if it is not a GIAS file."""
    rows = read_rows(data)
    if not any(row.get("la_name") or row.get("la_code") for row in rows):
        raise ImportFailed(["The file has no LA (name) column: download it again from GIAS."])
    return SchoolImport.objects.create(
        uploaded_by=by,
        file_name=file_name[:200],
        rows=_pack(rows),
        authorities=authorities_in(rows),
        types=types_in(rows),
    )


def preview_gias(upload: SchoolImport, *, authorities: list[str], types: list[str]) -> ImportPlan:
    """Plan the import of the chosen areas and types and keep the plan for the
    confirmation; ImportFailed listing the bad rows among those chosen."""
    if upload.status == SchoolImport.Status.APPLIED:
        raise SchoolImportError("This file has been imported already.", code="import_applied")
    if not authorities:
        raise SchoolImportError(
            "Select the local authorities whose schools to import",
            code="no_authority",
            field="authorities",
        )
    plan = plan_import(_unpack(upload.rows), Filters.of(authorities, types))
    upload.chosen_authorities = sorted(authorities)
    upload.chosen_types = sorted(types)
    upload.plan = plan.as_dict()
    upload.status = SchoolImport.Status.PREVIEWED
    upload.save(update_fields=["chosen_authorities", "chosen_types", "plan", "status"])
    return plan


def stored_plan(upload: SchoolImport) -> ImportPlan:
    return ImportPlan(**upload.plan)


def confirm_gias(upload: SchoolImport, *, by: User) -> ImportResult:
    """Apply exactly the previewed plan, once. Refused (with the plan made again and
    kept for a new preview) when the schools held changed since the preview."""
    with transaction.atomic():
        locked = SchoolImport.objects.select_for_update().get(pk=upload.pk)
        if locked.status == SchoolImport.Status.APPLIED:
            raise SchoolImportError("This file has been imported already.", code="import_applied")
        if locked.status != SchoolImport.Status.PREVIEWED:
            raise SchoolImportError("Choose the local authorities first.", code="not_previewed")
        filters = Filters.of(locked.chosen_authorities, locked.chosen_types)
        plan = plan_import(_unpack(locked.rows), filters)
        out_of_date = not plan.same_changes(stored_plan(locked))
        if out_of_date:
            locked.plan = plan.as_dict()
            locked.save(update_fields=["plan"])
        else:
            result = _apply(locked, plan, by)
    if out_of_date:
        raise SchoolImportError(
            "The schools changed since you looked at this preview. "
            "Check the changes below and confirm again.",
            code="preview_out_of_date",
        )
    return result


def _apply(locked: SchoolImport, plan: ImportPlan, by: User) -> ImportResult:
    try:
        with transaction.atomic():
            result = apply_plan(plan, user=by)
    except IntegrityError as error:
        raise SchoolImportError(
            "Another import added some of these schools at the same moment. Upload the file again.",
            code="import_clashed",
        ) from error
    locked.status = SchoolImport.Status.APPLIED
    locked.applied_at = timezone.now()
    locked.rows = b""
    locked.save(update_fields=["status", "applied_at", "rows"])
    log(
        instance=locked,
        action="schools.import.applied",
        user=by,
        data={
            "authorities": locked.chosen_authorities,
            "types": locked.chosen_types,
            "added": result.created,
            "changed": result.updated,
            "closed": result.closed,
        },
    )
    return result


def purge_abandoned_imports(now: datetime) -> int:
    """Uploads never confirmed, a day after they were made (their rows with them)."""
    stale = SchoolImport.objects.exclude(status=SchoolImport.Status.APPLIED).filter(
        created_at__lt=now - ABANDONED_AFTER
    )
    deleted, _ = stale.delete()
    return deleted
