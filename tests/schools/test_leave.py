"""Time off over a confirmed visit: warned before saving; if the presenter goes on, the
visit needs a new presenter, the coordinators are emailed and the audit log says which."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from portal.date_input import date_data
from schools import services
from schools.models import Booking, DeliveryAssignment, Unavailability
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(presenter):
    day = school_factories.weekday_after(15)
    start = datetime.combine(day, time(9, 30), tzinfo=services.LONDON)
    return school_factories.delivery(presenters=[presenter], start=start)


def whole_days(day, days=1):
    start = datetime.combine(day, time.min, tzinfo=services.LONDON)
    return start, datetime.combine(day + timedelta(days=days - 1), time.max, tzinfo=services.LONDON)


def test_time_off_over_a_visit_is_refused_with_a_warning_until_confirmed(presenter, visit):
    start, end = whole_days(timezone.localtime(visit.start).date())
    with pytest.raises(services.SchedulingError) as error:
        services.record_unavailability(presenter=presenter, start=start, end=end)
    assert error.value.code == "leave_clash"
    assert error.value.field == "confirm"
    assert visit.booking.reference in error.value.message
    assert visit.booking.school.name in error.value.message
    assert not Unavailability.objects.exists()
    assert not DeliveryAssignment.objects.filter(needs_cover=True).exists()


def test_confirmed_time_off_marks_the_visit_and_tells_the_coordinators(
    presenter, visit, coordinator, on_commit
):
    start, end = whole_days(timezone.localtime(visit.start).date(), days=3)
    with on_commit():
        entry = services.record_unavailability(
            presenter=presenter, start=start, end=end, reason="Leave", confirm=True
        )
    assignment = visit.assignments.get()
    assert assignment.needs_cover
    log = ModelLogEntry.objects.get(
        object_id=str(entry.pk), action="schools.unavailability.recorded"
    )
    assert log.data["clashes"] == [visit.booking.reference]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator.email]
    assert visit.booking.reference in mail.outbox[0].body
    assert presenter.get_full_name() in mail.outbox[0].subject
    # The visit itself stays booked until the coordinator finds someone else.
    visit.booking.refresh_from_db()
    assert visit.booking.status == Booking.Status.SCHEDULED


def test_time_off_on_other_days_needs_no_confirmation(presenter, visit, on_commit):
    day = timezone.localtime(visit.start).date() + timedelta(days=1)
    with on_commit():
        services.record_unavailability(
            presenter=presenter, start=whole_days(day)[0], end=whole_days(day)[1]
        )
    assert not DeliveryAssignment.objects.filter(needs_cover=True).exists()
    assert not mail.outbox


def test_a_cancelled_visit_is_no_clash(presenter, visit):
    Booking.objects.filter(pk=visit.booking.pk).update(status=Booking.Status.CANCELLED)
    start, end = whole_days(timezone.localtime(visit.start).date())
    services.record_unavailability(presenter=presenter, start=start, end=end)
    assert Unavailability.objects.count() == 1


def test_the_presenter_is_warned_on_the_form_and_the_coordinator_sees_the_visit(
    client, presenter, visit, coordinator
):
    day = timezone.localtime(visit.start).date()
    data = {**date_data("start", day), **date_data("end", day), "reason": "Leave"}
    client.force_login(presenter)
    page = client.post(reverse("schools:unavailability"), data).content.decode()
    assert "You are booked for a visit then" in page
    assert visit.booking.reference in page
    assert not Unavailability.objects.exists()
    response = client.post(reverse("schools:unavailability"), {**data, "confirm": "on"})
    assert response.status_code == 302
    assert Unavailability.objects.count() == 1
    client.force_login(coordinator)
    page = client.get(reverse("schools:booking_requests")).content.decode()
    assert "Visits needing a new presenter" in page
    assert visit.booking.reference in page
    assert f"{escape(presenter.get_full_name())} has recorded time off" in page


def test_others_see_no_cover_list(client, staff):
    client.force_login(staff)
    assert client.get(reverse("schools:booking_requests")).status_code in (403, 404)
