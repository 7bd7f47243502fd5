"""How coordinators hear of schools' requests (at once, or one digest a day), and
emails that a retried task never sends twice."""

from datetime import datetime, time, timedelta
from email.utils import parseaddr

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from schools import digests, services, tasks
from schools.models import Booking, BookingEmailPreference, BookingOption
from tests import factories
from tests.calendars import invitation_in
from tests.emails import sent
from tests.factories import cms as cms_factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db

AM = BookingOption.PartOfDay.MORNING


def ask(staff, school, session):
    return services.request_booking(
        user=staff,
        school=school,
        session=session,
        details=services.RequestDetails(
            year_groups=[7], expected_pupils=30, options=[(school_factories.weekday_after(14), AM)]
        ),
    )


@pytest.fixture
def daily(db):
    person = factories.coordinator()
    services.set_booking_emails(person, frequency=BookingEmailPreference.Frequency.DAILY)
    return person


def test_the_choice_is_saved_and_audited(coordinator):
    services.set_booking_emails(coordinator, frequency="daily")
    assert coordinator.booking_emails.frequency == "daily"
    entry = ModelLogEntry.objects.get(action="schools.booking_emails.changed")
    assert entry.user == coordinator
    assert entry.data == {"frequency": "daily"}
    with pytest.raises(services.BookingError) as error:
        services.set_booking_emails(coordinator, frequency="hourly")
    assert error.value.field == "frequency"


def test_only_coordinators_choose(staff, presenter):
    for person in (staff, presenter):
        with pytest.raises(services.BookingError) as error:
            services.set_booking_emails(person, frequency="daily")
        assert error.value.code == "not_coordinator"
    assert not BookingEmailPreference.objects.exists()


def test_a_coordinator_on_the_daily_digest_gets_no_email_at_once(
    staff, school, session_page, coordinator, daily, on_commit
):
    with on_commit():
        ask(staff, school, session_page)
    notices = [m for m in mail.outbox if m.to != [staff.email]]
    assert [m.to for m in notices] == [[coordinator.email]]


def test_the_digest_lists_what_schools_did_and_only_that(
    staff, school, session_page, coordinator, daily
):
    now = timezone.now()
    asked = ask(staff, school, session_page)
    withdrawn = ask(staff, school, cms_factories.session_page(min_year=7, max_year=9))
    services.cancel_booking(withdrawn, by=staff, reason="Exams")
    by_coordinator = ask(staff, school, cms_factories.session_page(min_year=7, max_year=9))
    mail.outbox.clear()
    services.cancel_booking(by_coordinator, by=coordinator, reason="Duplicate")
    mail.outbox.clear()

    assert digests.send_booking_digests(now + timedelta(minutes=1)) == 1
    (digest,) = mail.outbox
    assert digest.to == [daily.email]
    assert digest.subject == "Bookings: 4 changes from schools"
    assert f"New request: {asked.reference}" in digest.body
    assert f"Request withdrawn by the school: {withdrawn.reference}" in digest.body
    assert f"Cancelled by the school: {by_coordinator.reference}" not in digest.body
    assert f"/bookings/{asked.reference}/" in digest.body


def test_no_digest_when_nothing_is_new_and_none_twice_for_the_same_day(
    staff, school, session_page, daily
):
    now = timezone.now()
    assert digests.send_booking_digests(now) == 0
    assert not mail.outbox
    ask(staff, school, session_page)
    mail.outbox.clear()
    later = now + timedelta(minutes=5)
    assert digests.send_booking_digests(later) == 1
    assert digests.send_booking_digests(later) == 0  # the same run again
    assert digests.send_booking_digests(later + timedelta(days=1)) == 0  # nothing new since
    assert len(mail.outbox) == 1


def test_the_command_sends_the_digest(staff, school, session_page, daily):
    ask(staff, school, session_page)
    mail.outbox.clear()
    call_command("send_booking_digest", verbosity=0)
    assert [m.to for m in mail.outbox] == [[daily.email]]


def test_a_retried_booking_task_sends_each_email_once(
    staff, school, session_page, coordinator, on_commit, run_worker
):
    person = school_factories.qualified_presenter(session_page)
    booking = ask(staff, school, session_page)
    with on_commit():
        services.schedule_delivery(
            booking,
            by=coordinator,
            presenters=[person],
            start=datetime.combine(
                school_factories.weekday_after(20), time(10), tzinfo=services.LONDON
            ),
        )
    run_worker()
    first = sorted(a for m in mail.outbox for a in m.to)
    assert first == sorted([staff.email, person.email])

    # The worker died after queueing: the task runs again under its own id.
    DBTaskResult.objects.filter(task_path="schools.tasks.send_booking_email").update(
        status="READY", worker_ids=[]
    )
    run_worker()
    assert sorted(a for m in mail.outbox for a in m.to) == first


def test_a_retried_membership_task_sends_once(school, run_worker):
    membership = factories.MembershipFactory(school=school, status="approved")
    tasks.send_membership_email.enqueue(membership.pk, "approved")
    run_worker()
    DBTaskResult.objects.filter(task_path="schools.tasks.send_membership_email").update(
        status="READY", worker_ids=[]
    )
    run_worker()
    assert [m.to for m in mail.outbox] == [[membership.user.email]]


def test_the_settings_page_is_for_coordinators(client, coordinator, staff, presenter):
    url = reverse("schools:booking_emails")
    for person in (staff, presenter):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"frequency": "daily"}).status_code == 403
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "An email for each, at once" in page
    response = client.post(url, {"frequency": "daily"})
    assert response.status_code == 302
    assert BookingEmailPreference.objects.get(user=coordinator).frequency == "daily"
    page = client.post(url, {}).content.decode()
    assert "Select how often you want these emails" in page


def test_switching_to_the_digest_does_not_repeat_what_was_sent_at_once(
    staff, school, session_page, coordinator, on_commit
):
    with on_commit():
        ask(staff, school, session_page)
    assert any(m.to == [coordinator.email] for m in mail.outbox)
    services.set_booking_emails(coordinator, frequency="daily")
    mail.outbox.clear()
    assert digests.send_booking_digests(timezone.now() + timedelta(minutes=1)) == 0
    assert not mail.outbox


# How the emails read ---------------------------------------------------------------


@pytest.fixture
def visit(db):
    school = factories.SchoolFactory()
    staff = factories.school_staff(school=school)
    booking = school_factories.booking(
        school=school, status=Booking.Status.SCHEDULED, requested_by=staff
    )
    day = school_factories.weekday_after(20)
    start = datetime.combine(day, time(9, 30), tzinfo=services.LONDON)
    delivery = school_factories.delivery(
        booking_=booking, start=start, duration=timedelta(hours=4, minutes=30)
    )
    return staff, booking, delivery


def test_the_visit_confirmed_email_has_both_parts_and_an_invitation(visit):
    staff, booking, delivery = visit
    tasks.send_booking_message(booking, Booking.Status.SCHEDULED)
    message = next(m for m in mail.outbox if m.to == [staff.email])
    headers, text, html = sent(message)
    assert headers["Subject"] == f"Visit confirmed: {booking.reference}"
    assert parseaddr(headers["From"])[0] == "Westshire Safeguarding Children Partnership"
    assert headers["Auto-Submitted"] == "auto-generated"
    assert "9:30am to 2pm" in text
    assert "a.m." not in text and "p.m." not in text
    assert "9:30am to 2pm" in html
    assert f'href="http://testserver/bookings/{booking.reference}/"' in html
    invitation = invitation_in(message)
    assert invitation.method == "REQUEST"
    assert invitation.event.attendees == (f"mailto:{staff.email}",)


def test_the_visit_delivered_email_links_to_the_teacher_feedback_form(visit):
    staff, booking, delivery = visit
    tasks.send_booking_message(booking, Booking.Status.DELIVERED)
    (message,) = mail.outbox
    _, text, html = sent(message)
    form = "http://testserver" + reverse("training:delivery_feedback", args=[delivery.pk])
    assert f"Tell us how it went (it takes two minutes):\n{form}" in text
    assert f'<a href="{form}"' in html
    assert message.attachments == []


def test_marking_a_visit_delivered_sends_the_feedback_link_to_the_school(
    visit, django_capture_on_commit_callbacks
):
    staff, booking, delivery = visit
    past = delivery.start - timedelta(days=40)
    type(delivery).objects.filter(pk=delivery.pk).update(start=past, end=past + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_delivered(booking, by=factories.coordinator())
    (message,) = [m for m in mail.outbox if m.to == [staff.email]]
    assert reverse("training:delivery_feedback", args=[delivery.pk]) in message.body
