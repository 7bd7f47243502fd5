"""Background work for the training package (Django's tasks API; `manage.py db_worker`)."""

from django.tasks import task


@task
def issue_event_certificates(batch_id):
    """Issue every attendee's certificate for a CertificateBatch, then make its ZIP."""
    from training.services.certificates import run_batch

    run_batch(batch_id)
