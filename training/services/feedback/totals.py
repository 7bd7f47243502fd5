"""Keeping each delivery's feedback totals right (training.models.DeliveryFeedbackTotals).

The services that record pupil answers and teacher feedback call
`refresh_feedback_totals` inside their own transaction, after writing the
answer. It takes the totals row's lock before recounting the delivery from its
answers, so two pupils answering at once wait for each other there and the
second recount sees the first answer: the totals are never left one short.

Anything that writes answers without these services (demo data, a bulk load)
calls `rebuild_feedback_totals` afterwards; it is also the repair if totals
were ever in doubt (`manage.py rebuild_feedback_totals`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMinute

from training.models import DeliveryFeedbackTotals, PupilResponse, TeacherFeedback
from training.models.feedback import (
    PUPIL_TOTALS,
    TEACHER_TOTALS,
    pupil_sums,
    teacher_sums,
)
from training.services.reports.cache import DELIVERIES, invalidate_now_and_on_commit

BATCH = 5000


def _no_nulls(row: dict, keys: Iterable[str]) -> dict:
    return {key: row.get(key) or 0 for key in keys}


PACE = ("answers", "busiest_minute")


def _pace(pupils: QuerySet[PupilResponse]) -> dict[int, dict]:
    """Each delivery's answers and the most of them in one clock minute: a visit's
    answers arriving faster than a class can type is marked on the report."""
    minutes = (
        pupils.annotate(minute=TruncMinute("created_at"))
        .values("delivery", "minute")
        .annotate(n=Count("id"))
        .order_by()
    )
    pace = {}
    for row in minutes:
        found = pace.setdefault(row["delivery"], dict.fromkeys(PACE, 0))
        found["answers"] += row["n"]
        found["busiest_minute"] = max(found["busiest_minute"], row["n"])
    return pace


def refresh_feedback_totals(delivery_id: int) -> DeliveryFeedbackTotals:
    """Recount one delivery's totals from its answers, under the totals row's lock."""
    with transaction.atomic():
        DeliveryFeedbackTotals.objects.bulk_create(
            [DeliveryFeedbackTotals(delivery_id=delivery_id)], ignore_conflicts=True
        )
        totals = DeliveryFeedbackTotals.objects.select_for_update().get(delivery_id=delivery_id)
        pupils = PupilResponse.objects.counted().filter(delivery_id=delivery_id)
        pupils = pupils.aggregate(**pupil_sums())
        teachers = TeacherFeedback.objects.filter(delivery_id=delivery_id).aggregate(
            **teacher_sums()
        )
        values = _no_nulls(pupils, PUPIL_TOTALS) | _no_nulls(teachers, TEACHER_TOTALS)
        values |= _pace(PupilResponse.objects.counted().filter(delivery_id=delivery_id)).get(
            delivery_id, dict.fromkeys(PACE, 0)
        )
        for key, value in values.items():
            setattr(totals, key, value)
        totals.save()
    return totals


def rebuild_feedback_totals(delivery_ids: Iterable[int] | None = None) -> int:
    """Recount the totals of these deliveries (every delivery when None) in bulk.

    For use after answers were written in bulk, or as a repair; each delivery is
    counted with grouped aggregates, a few queries for any number of answers.
    Returns the number of deliveries that have feedback.
    """
    pupils = PupilResponse.objects.counted()
    teachers = TeacherFeedback.objects.filter(delivery__isnull=False)
    existing = DeliveryFeedbackTotals.objects.all()
    if delivery_ids is not None:
        delivery_ids = list(delivery_ids)
        pupils = pupils.filter(delivery_id__in=delivery_ids)
        teachers = teachers.filter(delivery_id__in=delivery_ids)
        existing = existing.filter(delivery_id__in=delivery_ids)
    with transaction.atomic():
        # Deleting first takes the rows' locks: a pupil answering meanwhile waits, then
        # recounts after this commits; answers committed before are counted below.
        existing.delete()
        rows = {}
        for row in pupils.values("delivery").annotate(**pupil_sums()).order_by():
            rows[row["delivery"]] = _no_nulls(row, PUPIL_TOTALS)
        for row in teachers.values("delivery").annotate(**teacher_sums()).order_by():
            rows.setdefault(row["delivery"], {}).update(_no_nulls(row, TEACHER_TOTALS))
        for pk, pace in _pace(pupils).items():
            rows.setdefault(pk, {}).update(pace)
        DeliveryFeedbackTotals.objects.bulk_create(
            (DeliveryFeedbackTotals(delivery_id=pk, **values) for pk, values in rows.items()),
            batch_size=BATCH,
            ignore_conflicts=True,  # a delivery first answered meanwhile counted itself
        )
        # A bulk insert sends no signal: the reports' figures kept in the cache go here.
        invalidate_now_and_on_commit([DELIVERIES])
    return len(rows)
