"""Background work for the portal package (Django's tasks API; `manage.py db_worker`)."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task
def send_email(message):
    """Send an email rendered elsewhere (portal.adapters: allauth's account emails)."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        headers=message["headers"],
    )
    email.content_subtype = message["content_subtype"]
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    email.send()
