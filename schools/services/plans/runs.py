"""A planning run, as the task worker does it: the plan's problem is read from the
database, solved, and its visits saved. The solver (OR-Tools) is loaded here only,
in the worker, never by a page request. This module never imports schools.tasks,
which calls it."""

from __future__ import annotations

import logging
import time as clock
from collections.abc import Callable
from datetime import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.log_actions import log

from schools.models import PlannedVisit, School, TermPlan
from schools.planner.problem import Plan, Problem

from .problem import problem_for_plan

logger = logging.getLogger(__name__)
# Progress is written at most this often (seconds): the page reloads every few seconds.
PROGRESS_EVERY = 1.0


def solver_path() -> str:
    return getattr(settings, "SCHOOLS_PLANNER_SOLVER", "schools.planner.solve.solve")


def time_limit() -> int:
    return int(getattr(settings, "SCHOOLS_PLANNER_TIME_LIMIT_SECONDS", 30))


def run_plan(plan_id: int, *, solve: Callable | None = None) -> None:
    """Solve the plan and save what came of it. Another run that finished or a plan
    no longer being planned is left alone (a retried task finds nothing to do)."""
    plan = TermPlan.objects.filter(pk=plan_id, status=TermPlan.Status.SOLVING).first()
    if plan is None:
        return
    if solve is None:
        try:
            # The solver and OR-Tools load here, in the worker, when a plan is solved:
            # never when a page is served (SCHOOLS_PLANNER_SOLVER names it).
            solve = import_string(solver_path())
        except ImportError:
            logger.exception("The term planner's solver could not be loaded")
            _stopped(plan_id, "The planner is not available on this server. Tell the team.")
            return
    began = clock.monotonic()
    try:
        problem = problem_for_plan(plan)
        result = solve(problem, time_limit_seconds=time_limit(), progress=_reporter(plan_id))
    except Exception:
        logger.exception("Planning term plan %s failed", plan_id)
        _stopped(plan_id, "The planner stopped with an error. Try again, or with fewer aims.")
        return
    save_result(plan_id, problem, result, seconds=clock.monotonic() - began)


def _reporter(plan_id: int) -> Callable:
    """A progress callback for the solver: a fraction (0 to 1) or a per cent."""
    last = [0.0]

    def report(value=None, *_args, **_kwargs):
        if not isinstance(value, int | float) or clock.monotonic() - last[0] < PROGRESS_EVERY:
            return
        last[0] = clock.monotonic()
        percent = int(value * 100) if value <= 1 else int(value)
        TermPlan.objects.filter(pk=plan_id, status=TermPlan.Status.SOLVING).update(
            progress=max(1, min(percent, 99))
        )

    return report


def _stopped(plan_id: int, message: str) -> None:
    with transaction.atomic():
        plan = TermPlan.objects.select_for_update().get(pk=plan_id)
        if plan.status != TermPlan.Status.SOLVING:
            return
        plan.status = TermPlan.Status.DRAFT if plan.solved_at is None else TermPlan.Status.READY
        plan.error = message
        plan.progress = 0
        plan.save(update_fields=["status", "error", "progress", "updated_at"])


def _clock(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def save_result(plan_id: int, problem: Problem, result: Plan, *, seconds: float) -> TermPlan:
    """Replace the plan's proposed visits with the solver's, keeping those locked, sent
    or removed; record the figures and what could not be placed."""
    with transaction.atomic():
        plan = TermPlan.objects.select_for_update().get(pk=plan_id)
        if plan.status != TermPlan.Status.SOLVING:
            return plan
        plan.visits.filter(
            locked=False, removed=False, offer_state=PlannedVisit.OfferState.NOT_SENT
        ).delete()
        kept = set(plan.visits.values_list("aim", "school_id"))
        PlannedVisit.objects.bulk_create(
            PlannedVisit(
                plan=plan,
                aim=v.aim,
                school_id=v.school_id,
                session_id=v.session_id,
                year_group=v.year_group,
                presenter_id=v.presenter_id,
                day=v.day,
                start=_clock(v.start),
                end=_clock(v.end),
                pupils=v.pupils,
                miles=round(v.miles, 1),
            )
            for v in result.visits
            if (v.aim, v.school_id) not in kept
        )
        names = dict(
            School.objects.filter(pk__in=[u.school_id for u in result.unplaced]).values_list(
                "pk", "name"
            )
        )
        plan.unplaced = [
            {
                "aim": u.aim,
                "school_id": u.school_id,
                "school": names.get(u.school_id, ""),
                "reason": u.reason,
            }
            for u in result.unplaced
        ]
        _figures(plan, problem, result, seconds)
        plan.save()
        log(
            instance=plan,
            action="schools.term_plan.planned",
            user=None,
            data={"visits": len(result.visits), "unplaced": len(result.unplaced)},
        )
    return plan


def _figures(plan: TermPlan, problem: Problem, result: Plan, seconds: float) -> None:
    plan.status = TermPlan.Status.READY
    plan.progress = 100
    plan.error = ""
    plan.solved_at = timezone.now()
    plan.solver = result.solver[:20]
    plan.solver_status = result.status[:40]
    plan.solve_seconds = round(seconds, 2)
    plan.pupils_reached = result.pupils_reached
    plan.weighted_pupils = result.weighted_pupils
    plan.miles = round(result.miles, 1)
    # The schools each aim named this time, for the coverage figures.
    plan.aims = [
        {**choice, "label": aim.name, "school_ids": sorted(aim.school_ids)}
        for choice, aim in zip(plan.aims, problem.aims, strict=True)
    ]
