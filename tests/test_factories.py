"""The shared factories build valid, linked objects (every other suite relies on them)."""

import pytest

from schools.models import Booking
from tests.factories import cms, schools, training

pytestmark = pytest.mark.django_db


def test_a_delivery_with_a_register_links_session_school_and_presenter():
    delivery = schools.delivery()
    register = training.register(delivery, counts={9: 28, 10: 31})
    assert delivery.booking.status == Booking.Status.SCHEDULED
    assert delivery.presenters.count() == 1
    assert register.pupils_reached == 59
    assert delivery.booking.session.live


def test_an_event_registration_belongs_to_the_staff_member_s_school():
    reg = training.registration()
    assert reg.school == reg.user.school_memberships.get().school
    assert reg.event.course.cpd_hours == 3


def test_session_pages_live_under_one_catalogue():
    a, b = cms.session_page(), cms.session_page()
    assert a.get_parent().pk == b.get_parent().pk
