"""Background work for the training package (Django's tasks API; `manage.py task_worker`).

The rule: services import tasks, never the reverse: a service enqueues a task
here once its transaction commits, and a task only calls the module that does
its work (for certificates, training.services.certificates.runs), which never
imports this one, so the dependency runs one way and no import loop can form.
"""

from django.tasks import task

from training.services.certificates.runs import run_batch


@task
def issue_event_certificates(batch_id: int) -> None:
    """Issue every attendee's certificate for a CertificateBatch, then make its ZIP."""
    run_batch(batch_id)
