"""`manage.py task_worker`: django-tasks-db's `db_worker` with leases and retries
(portal.worker). It takes the same options, and `--lease SECONDS` to use one
lease for every task instead of settings.PORTAL_TASK_POLICIES."""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from portal.worker import LeasedWorker


class Command(db_worker.Command):
    help = "Run a database task worker that takes back tasks past their lease and retries failures"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=int,
            default=None,
            help="Seconds before a running task whose worker stopped is run again "
            "(default: per task, from PORTAL_TASK_POLICIES)",
        )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, lease, **options):
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasedWorker(
            lease=lease,
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
