import pytest

from tests.factories import certificates as cf
from tests.factories import training as tf
from tests.factories.certificates import media_in_tmp  # noqa: F401
from training.demo.certificates import seed_certificates
from training.models import Certificate

pytestmark = pytest.mark.django_db


def test_demo_certifies_attendees_and_recorded_deliveries_once_without_rendering(coordinator):
    attended = cf.attendee()
    tf.registration()  # not attended: no certificate
    delivery = cf.recorded_delivery()
    assert seed_certificates() == "2 certificates"
    assert seed_certificates() == ""
    assert Certificate.objects.filter(registration=attended).exists()
    assert Certificate.objects.filter(delivery=delivery).exists()
    assert Certificate.objects.count() == 2
    assert not any(c.pdf for c in Certificate.objects.all())  # made on first download
