"""Training in a real browser: register until full, wait, cancel, promotion; a register on a phone."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests import factories
from tests.e2e.conftest import check
from tests.factories import schools as sf
from tests.factories import training as tf
from training.models import DeliveryRegister, Registration

pytestmark = pytest.mark.django_db(transaction=True)


def test_register_until_full_wait_cancel_and_be_promoted(page, visit, sign_in):
    event = tf.event(capacity=1)
    first, second = factories.school_staff(), factories.school_staff()

    sign_in(first)
    visit(f"/training/events/{event.pk}/")
    page.get_by_role("button", name="Register").click()
    assert "Your place is confirmed" in page.content()
    check(page)

    sign_in(second)
    visit(f"/training/events/{event.pk}/")
    assert "The event is full" in page.content()
    page.get_by_role("button", name="Join the waiting list").click()
    assert "number 1 on the waiting list" in page.content()
    check(page)
    visit("/dashboard/")
    assert "Waiting list: number 1" in page.content()

    sign_in(first)
    visit(f"/training/events/{event.pk}/")
    page.get_by_role("link", name="Cancel your place").click()
    check(page)
    page.get_by_role("button", name="Yes, cancel").click()
    assert "Your registration has been cancelled" in page.content()
    check(page)

    assert Registration.objects.get(user=second).status == Registration.Status.CONFIRMED
    assert any(m.to == [second.email] and "place is now free" in m.subject for m in mail.outbox)
    sign_in(second)
    visit("/dashboard/")
    assert "Confirmed" in page.content()
    visit(f"/training/events/{event.pk}/")
    assert "You have a place" in page.content()


def test_take_an_event_register_on_a_phone(page, visit, sign_in):
    trainer = sign_in(factories.presenter())
    event = tf.event(trainers=[trainer], start=timezone.now() - timedelta(minutes=20), capacity=3)
    here, away = tf.registration(event_=event), tf.registration(event_=event)
    walker = factories.school_staff()
    page.set_viewport_size({"width": 375, "height": 740})

    visit("/dashboard/")
    page.get_by_role("link", name="Take the register").first.click()
    check(page)
    page.get_by_role("group", name=here.user.get_full_name()).get_by_label("Attended").check()
    page.get_by_role("group", name=away.user.get_full_name()).get_by_label("Absent").check()
    page.get_by_role("button", name="Save the register").click()
    assert "Register saved" in page.content()
    check(page)

    page.get_by_label("Email address of the person who arrived").fill(walker.email)
    page.get_by_role("button", name="Add as attended").click()
    assert "added" in page.content()
    check(page)
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    marks = dict(event.registrations.values_list("user_id", "attendance"))
    assert marks == {here.user_id: "attended", away.user_id: "absent", walker.pk: "attended"}
    assert Registration.objects.get(event=event, user=walker).walk_in


def test_record_a_delivery_register_on_a_phone(page, visit, sign_in):
    presenter = sign_in(factories.presenter())
    booking = sf.booking(status="scheduled", year_groups=[7, 8])
    delivery = sf.delivery(
        booking_=booking, presenters=[presenter], start=timezone.now() - timedelta(hours=2)
    )
    page.set_viewport_size({"width": 375, "height": 740})
    visit("/dashboard/")
    page.get_by_role("link", name="Take the register").first.click()
    check(page)
    page.get_by_label("Pupils reached in Year 7").fill("27")
    page.get_by_label("Pupils reached in Year 8").fill("29")
    page.get_by_label("School staff present").fill("2")
    page.get_by_role("button", name="Save: it has been delivered").click()
    assert "The booking is now delivered" in page.content()
    check(page)
    assert DeliveryRegister.objects.get(delivery=delivery).pupils_reached == 56
    booking.refresh_from_db()
    assert booking.status == "delivered"
