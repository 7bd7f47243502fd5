"""Visits whose pupil answers a coordinator should look at before trusting them."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from schools.models import Delivery
from training.models.feedback import BURST_PER_MINUTE

# Visits whose pupil answers came faster than a class types, or outnumber the
# pupils on the register (answers given before a smaller register was taken).
TO_CHECK_LISTED = 50


def to_check(deliveries: QuerySet[Delivery]) -> list[dict]:
    """The first visits in scope whose answers a coordinator should look at."""
    doubtful = Q(feedback_totals__busiest_minute__gt=BURST_PER_MINUTE) | Q(
        feedback_totals__answers__gt=F("register__pupils_reached")
    )
    rows = (
        deliveries.filter(doubtful)
        .order_by("start", "pk")
        .values(
            "pk",
            "start",
            "booking__school__name",
            "booking__session__title",
            "register__pupils_reached",
            "feedback_totals__answers",
            "feedback_totals__busiest_minute",
        )[:TO_CHECK_LISTED]
    )
    return [
        {
            "pk": r["pk"],
            "start": r["start"],
            "school": r["booking__school__name"],
            "session": r["booking__session__title"],
            "pupils_reached": r["register__pupils_reached"] or 0,
            "answers": r["feedback_totals__answers"],
            "busiest_minute": r["feedback_totals__busiest_minute"],
            "burst": r["feedback_totals__busiest_minute"] > BURST_PER_MINUTE,
            "over": r["feedback_totals__answers"] > (r["register__pupils_reached"] or 0),
        }
        for r in rows
    ]
