"""How each coordinator hears of schools' new requests, cancellations and moves."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.models import User
from portal.roles import is_coordinator
from schools.models import BookingEmailPreference

from ..errors import BookingError

Frequency = BookingEmailPreference.Frequency


def set_booking_emails(user: User, *, frequency: str) -> BookingEmailPreference:
    """At once (an email each) or daily (one digest, none on a day with nothing new)."""
    if not is_coordinator(user):
        raise BookingError("Only coordinators get these emails.", code="not_coordinator")
    if frequency not in Frequency.values:
        raise BookingError(
            "Select how often you want these emails.", code="bad_frequency", field="frequency"
        )
    with transaction.atomic():
        preference, _ = BookingEmailPreference.objects.select_for_update().get_or_create(user=user)
        if frequency == Frequency.DAILY and preference.frequency != Frequency.DAILY:
            # What was emailed at once until now is not repeated in the first digest.
            preference.digest_sent_up_to = timezone.now()
        preference.frequency = frequency
        preference.save(update_fields=["frequency", "digest_sent_up_to"])
        log(
            instance=preference,
            action="schools.booking_emails.changed",
            user=user,
            data={"frequency": frequency},
        )
    return preference
