"""Certificates, issued through the service (so numbers, codes and snapshots are real)."""

import pytest

from schools.models import Booking
from training.models import Registration
from training.services.certificates import issuing as services

from . import schools as school_factories
from . import training as training_factories
from .core import coordinator


def attendee(*, event_=None, user=None, **fields):
    """A registration marked as attended."""
    fields.setdefault("attendance", Registration.Attendance.ATTENDED)
    return training_factories.registration(event_=event_, user=user, **fields)


def training_certificate(registration=None, *, by=None, with_pdf=True):
    registration = registration or attendee()
    by = by or coordinator()
    if with_pdf:
        return services.issue_certificate(registration, by=by)
    return services.record_certificate(registration, by=by)


def recorded_delivery(*, school=None, pupils=42):
    """A delivered session at `school` with its register taken."""
    booking = school_factories.booking(school=school, status=Booking.Status.DELIVERED)
    delivery = school_factories.delivery(booking_=booking)
    training_factories.register(delivery, counts={booking.year_groups[0]: pupils})
    return delivery


def school_certificate(delivery=None, *, by=None):
    delivery = delivery or recorded_delivery()
    return services.issue_participation_certificate(delivery, by=by or coordinator())


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Stored PDFs and ZIPs go to a throwaway folder (import into a test module to use)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
