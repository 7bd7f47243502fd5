"""Who the portal's emails and invitations come from: the partnership named in its
settings (Settings > Partnership), registered with portal.mail from CmsConfig.ready()."""

from email.utils import parseaddr

from django.conf import settings

from portal.mail import Sender

from .models import PartnershipSettings


def partnership_sender() -> Sender:
    """The partnership's name, and its contact email as the mailbox replies go to (the
    sending address, DEFAULT_FROM_EMAIL, when none is set). Read, never created: a
    worker sending an email writes nothing to the settings."""
    branding = PartnershipSettings.objects.filter(site__is_default_site=True).first()
    if branding is None:
        branding = PartnershipSettings()  # the field defaults
    mailbox = branding.contact_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    # A line break in a display name would be refused by the mail library.
    return Sender(" ".join(branding.partnership_name.split()), mailbox)
