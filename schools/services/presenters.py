"""Presenters' time off and vetting checks."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from schools.models import Unavailability

from .errors import SchedulingError


def record_unavailability(*, presenter, start, end, reason=""):
    if end <= start:
        raise SchedulingError("The end must be after the start.", code="bad_times", field="end")
    with transaction.atomic():
        entry = Unavailability.objects.create(
            presenter=presenter, start=start, end=end, reason=reason
        )
        log(instance=entry, action="schools.unavailability.recorded", user=presenter)
    return entry


def delete_unavailability(entry, *, by):
    with transaction.atomic():
        log(instance=entry, action="wagtail.delete", user=by)
        entry.delete()


def confirm_vetting(profile, *, by, on=None):
    profile.vetting_confirmed_on = on or timezone.localdate()
    profile.vetting_confirmed_by = by
    profile.save(update_fields=["vetting_confirmed_on", "vetting_confirmed_by"])
    log(instance=profile, action="schools.presenter.vetting_confirmed", user=by)
    return profile
