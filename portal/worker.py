"""The task worker's two additions to django-tasks-db's: leases and retries
(docs/decisions/0004-task-leases-and-retries.md).

- Lease: a task taken by a worker that stops without finishing (killed, the
  machine lost) stays RUNNING for ever in django-tasks-db. Every worker, each
  time it looks for work, returns to READY the RUNNING tasks older than their
  lease, so another worker runs them again: tasks run at least once, and each
  task is written to be safe to run twice.
- Retries: a task that fails is made READY again after a back-off that doubles
  from `backoff` up to `backoff_max` seconds, until it has been tried `tries`
  times (a reclaimed run counts as a try); then it stays FAILED, visible in the
  admin's task results, and an error is logged.

Both per task path, from settings.PORTAL_TASK_POLICIES.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

logger = logging.getLogger(__name__)

READY = "READY"
RUNNING = "RUNNING"
FAILED = "FAILED"


@dataclass(frozen=True)
class TaskPolicy:
    lease: int  # seconds a run may take before another worker may take the task
    tries: int
    backoff: int  # seconds before the second try; doubles for each try after
    backoff_max: int

    def delay(self, tries_so_far: int) -> timedelta:
        return timedelta(
            seconds=min(self.backoff * 2 ** max(tries_so_far - 1, 0), self.backoff_max)
        )


def policy_for(task_path: str, *, lease: int | None = None) -> TaskPolicy:
    """The task's policy: the defaults, then its own entry; `lease` overrides both."""
    policies = settings.PORTAL_TASK_POLICIES
    values = {**policies["default"], **policies.get(task_path, {})}
    if lease is not None:
        values["lease"] = lease
    return TaskPolicy(**values)


def reclaim_expired(*, backend_name: str, now: datetime, lease: int | None = None) -> int:
    """Return to READY the tasks whose worker has held them past their lease.
    Returns how many were returned."""
    shortest = min(policy_for(path, lease=lease).lease for path in settings.PORTAL_TASK_POLICIES)
    running = DBTaskResult.objects.filter(status=RUNNING, backend_name=backend_name)
    if not running.filter(started_at__lt=now - timedelta(seconds=shortest)).exists():
        return 0  # the usual case, answered without taking SQLite's write lock
    reclaimed = 0
    with exclusive_transaction(DBTaskResult.objects.db):
        running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=RUNNING, backend_name=backend_name
        )
        for result in running:
            policy = policy_for(result.task_path, lease=lease)
            if result.started_at and result.started_at > now - timedelta(seconds=policy.lease):
                continue
            if len(result.worker_ids) >= policy.tries:
                result.status = FAILED
                result.finished_at = now
                result.exception_class_path = "portal.worker.LeaseExpired"
                result.traceback = "Its worker stopped without finishing it, too many times."
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                logger.error("Task %s (%s) given up after its lease", result.id, result.task_path)
                continue
            result.status = READY
            result.save(update_fields=["status"])
            logger.warning(
                "Task %s (%s) taken back after its lease ran out", result.id, result.task_path
            )
            reclaimed += 1
    return reclaimed


def retry_if_allowed(result: DBTaskResult, *, now: datetime) -> bool:
    """After a failed run: make the task READY again later, while it has tries left."""
    policy = policy_for(result.task_path)
    tries = len(result.worker_ids)
    if tries >= policy.tries:
        logger.error("Task %s (%s) failed %s times; giving up", result.id, result.task_path, tries)
        return False
    with transaction.atomic():
        DBTaskResult.objects.filter(pk=result.pk, status=FAILED).update(
            status=READY, finished_at=None, run_after=now + policy.delay(tries)
        )
    logger.warning(
        "Task %s (%s) failed; try %s of %s later",
        result.id,
        result.task_path,
        tries + 1,
        policy.tries,
    )
    return True


class LeasedWorker(Worker):
    """django-tasks-db's worker, which also takes back expired tasks before each
    look for work and schedules another try after a failure.

    The loop is the parent's (0.13), with the reclaim added: its run() has no
    hook between two looks for work."""

    def __init__(self, *, lease: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.lease = lease

    def next_task(self) -> tuple[bool, DBTaskResult | None]:
        """Claim the next ready task: (whether the queue could be read, the task)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as error:
            if is_locked_database_exception(error):
                return False, None
            raise
        return True, task_result

    def run(self) -> None:
        logger.info("Starting worker %s (queues %s)", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 (spreads workers started together)
        while self.running:
            close_old_connections()
            try:
                reclaim_expired(
                    backend_name=self.backend_name, now=timezone.now(), lease=self.lease
                )
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
            read, task_result = self.next_task()
            if task_result is not None:
                self.run_task(task_result)
            if self.batch and read and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and not task_result:
                time.sleep(self.interval)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == FAILED:
            retry_if_allowed(db_task_result, now=timezone.now())
