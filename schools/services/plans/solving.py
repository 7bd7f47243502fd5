"""Starting a term plan and changing it before the offers go: the coordinator's
choices are checked, the plan saved, and the solving enqueued once it commits;
a visit is locked (kept as it is when the term is planned again) or removed (left
out of every later plan)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from cms.models import SessionPage
from portal.models import User
from schools import permissions, tasks
from schools.models import PlannedVisit, TermPlan

from ..common import after_commit
from ..errors import PlanError
from .problem import AimChoice, aim_schools, open_days

# A term is at most about four months; longer is a typing slip, and a bigger problem.
LONGEST_TERM = timedelta(days=120)
MAX_AIMS = 10


def check_term(first: date, last: date, *, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if first <= today:
        raise PlanError("The term must start after today.", code="term_past", field="first_day")
    if last < first:
        raise PlanError(
            "The last day must be on or after the first day.", code="term_order", field="last_day"
        )
    if last - first > LONGEST_TERM:
        raise PlanError(
            "Plan one term at a time: at most 120 days.", code="term_long", field="last_day"
        )
    if not open_days(first, last):
        raise PlanError(
            "Schools are closed on every day between those dates.",
            code="term_closed",
            field="first_day",
        )


def check_aims(aims: list[AimChoice], *, today: date | None = None) -> None:
    if not aims:
        raise PlanError("Choose at least one aim: a session and a year group.", code="no_aims")
    if len(aims) > MAX_AIMS:
        raise PlanError(f"Choose at most {MAX_AIMS} aims.", code="too_many_aims")
    sessions = SessionPage.objects.live().in_bulk([a.session_id for a in aims])
    for number, aim in enumerate(aims, start=1):
        session = sessions.get(aim.session_id)
        if session is None or not session.bookable or not session.has_pupil_audience:
            raise PlanError(
                f"Aim {number}: choose a bookable session for pupils.", code="bad_session"
            )
        if not session.min_year <= aim.year_group <= session.max_year:
            raise PlanError(
                f"Aim {number}: “{session.title}” is for {session.year_range_label}.",
                code="bad_year_group",
            )
        if not aim_schools(aim, today=today):
            raise PlanError(
                f"Aim {number}: no open school fits these choices (or each has already "
                "asked for this session).",
                code="no_schools",
            )


def start_plan(
    *, by: User, first_day: date, last_day: date, aims: list[AimChoice], today: date | None = None
) -> TermPlan:
    """Save the coordinator's choices and plan the term in the background."""
    _coordinator(by)
    check_term(first_day, last_day, today=today)
    check_aims(aims, today=today)
    with transaction.atomic():
        plan = TermPlan.objects.create(
            first_day=first_day,
            last_day=last_day,
            aims=[a.as_dict() for a in aims],
            status=TermPlan.Status.SOLVING,
            created_by=by,
        )
        log(instance=plan, action="schools.term_plan.started", user=by)
        after_commit(tasks.solve_term_plan.enqueue, plan.pk)
    return plan


def plan_again(plan: TermPlan, *, by: User) -> TermPlan:
    """Plan the term again: locked visits stay, removed ones stay out, the rest are
    proposed afresh."""
    _coordinator(by)
    with transaction.atomic():
        plan = TermPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status not in (TermPlan.Status.DRAFT, TermPlan.Status.READY):
            raise PlanError(
                "This plan is being planned or its offers have gone, so it cannot be "
                "planned again.",
                code="not_replannable",
            )
        plan.status = TermPlan.Status.SOLVING
        plan.progress = 0
        plan.error = ""
        plan.save(update_fields=["status", "progress", "error", "updated_at"])
        log(instance=plan, action="schools.term_plan.replanned", user=by)
        after_commit(tasks.solve_term_plan.enqueue, plan.pk)
    return plan


# What each change does to a visit: field, value, audit action.
CHANGES = {
    "lock": ("locked", True, "schools.term_plan.visit_locked"),
    "unlock": ("locked", False, "schools.term_plan.visit_unlocked"),
    "remove": ("removed", True, "schools.term_plan.visit_removed"),
    "restore": ("removed", False, "schools.term_plan.visit_restored"),
}


def change_visit(visit: PlannedVisit, change: str, *, by: User) -> PlannedVisit:
    """Lock, unlock, remove or restore a proposed visit while the plan is being checked."""
    _coordinator(by)
    if change not in CHANGES:
        raise PlanError("Choose lock, unlock, remove or restore.", code="bad_change")
    field, value, action = CHANGES[change]
    with transaction.atomic():
        plan = TermPlan.objects.select_for_update().get(pk=visit.plan_id)
        if plan.status != TermPlan.Status.READY:
            raise PlanError(
                "Visits can be changed only while the plan is ready to check.",
                code="not_changeable",
            )
        visit = PlannedVisit.objects.select_for_update().get(pk=visit.pk)
        setattr(visit, field, value)
        if change == "remove":
            visit.locked = False
        visit.save(update_fields=[field, "locked"])
        log(
            instance=plan,
            action=action,
            user=by,
            data={"visit": visit.pk, "school": visit.school_id, "day": visit.day.isoformat()},
        )
    return visit


def _coordinator(user: User) -> None:
    if not permissions.can_plan_terms(user):
        raise PlanError("Only coordinators can plan a term.", code="forbidden")
