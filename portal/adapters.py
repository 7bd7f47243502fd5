"""The portal's allauth adapter: account emails leave through the task worker, and
confirming an address takes it off any account that only claimed it."""

from allauth.account.adapter import DefaultAccountAdapter

from . import accounts, tasks


class AccountAdapter(DefaultAccountAdapter):
    """allauth renders each account email in the request that causes it (the links
    need the request's address); the worker sends it, as it sends the portal's own
    emails. A slow or unreachable mail server then never slows down or breaks
    signing up, resetting a password or changing two-factor settings."""

    def render_mail(self, template_prefix, email, context, headers=None):
        return QueuedEmail(super().render_mail(template_prefix, email, context, headers))

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            accounts.drop_unconfirmed_copies(email_address)
        return confirmed


class QueuedEmail:
    """A rendered email whose send() hands it to the worker (with the database task
    backend, in the same transaction as the change it tells of)."""

    def __init__(self, message):
        self.message = message

    def send(self):
        tasks.queue_email(self.message)
