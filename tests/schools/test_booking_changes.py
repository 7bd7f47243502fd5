"""Changing a booking: every change with its audit entry and emails, and its refusals.
(Races on PostgreSQL are in test_concurrency.py; pages and permissions in
test_booking_change_views.py.)"""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from schools import services
from schools.models import (
    Booking,
    BookingOption,
    DateProposal,
    Delivery,
    DeliveryAssignment,
    MoveRequest,
)
from tests import factories
from tests.calendars import invitation_in
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db

AM = BookingOption.PartOfDay.MORNING
PM = BookingOption.PartOfDay.AFTERNOON


def logged(instance, action):
    return ModelLogEntry.objects.filter(object_id=str(instance.pk), action=action)


def at(day, hour=10, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=services.LONDON)


def a_closed_day():
    """The first Saturday a few weeks ahead."""
    day = timezone.localdate() + timedelta(days=30)
    while day.weekday() != 5:
        day += timedelta(days=1)
    return day


def invitation(message):
    """The visit's invitation, read by both parsers, its METHOD agreeing with the MIME
    part's, from the partnership to the email's own recipients."""
    cal = invitation_in(message)
    event = cal.event
    assert event.organizer == "mailto:portal@safeguarding-partnership.example"
    assert event.attendees == tuple(sorted(f"mailto:{to}" for to in message.to))
    assert cal.method == ("CANCEL" if event.status == "CANCELLED" else "REQUEST")
    return event


@pytest.fixture
def booking(staff, school, session_page):
    return services.request_booking(
        user=staff,
        school=school,
        session=session_page,
        details=services.RequestDetails(
            year_groups=[7], expected_pupils=30, options=[(school_factories.weekday_after(14), AM)]
        ),
    )


@pytest.fixture
def two_presenters(session_page):
    return [
        school_factories.qualified_presenter(session_page, job_title="PC"),
        school_factories.qualified_presenter(session_page, job_title="Youth worker"),
    ]


@pytest.fixture
def scheduled(booking, coordinator, two_presenters):
    services.schedule_delivery(
        booking,
        by=coordinator,
        presenters=[two_presenters[0]],
        start=at(school_factories.weekday_after(20)),
    )
    booking.refresh_from_db()
    return booking


# The school edits or withdraws its request ----------------------------------------


def test_the_school_edits_its_request_and_the_audit_names_what_changed(booking, staff, on_commit):
    new_day = school_factories.weekday_after(25)
    mail.outbox.clear()
    with on_commit():
        services.edit_request(
            booking,
            by=staff,
            details=services.RequestDetails(
                year_groups=[7, 8],
                expected_pupils=45,
                options=[(new_day, PM)],
                notes="Hall is free all afternoon",
            ),
        )
    booking.refresh_from_db()
    assert booking.year_groups == [7, 8]
    assert booking.expected_pupils == 45
    assert [(o.date, o.part_of_day) for o in booking.options.all()] == [(new_day, PM)]
    entry = logged(booking, "schools.booking.edited").get()
    assert entry.user == staff
    assert entry.data["changed"] == ["expected_pupils", "notes", "options", "year_groups"]
    (receipt,) = mail.outbox
    assert receipt.to == [staff.email]
    assert receipt.subject == f"We have your changes to {booking.reference}"
    assert f"{new_day:%A} {new_day.day} {new_day:%B %Y}, afternoon" in receipt.body


def test_an_edit_is_checked_like_a_new_request_and_saves_nothing_when_refused(booking, staff):
    with pytest.raises(services.BookingError) as error:
        services.edit_request(
            booking,
            by=staff,
            details=services.RequestDetails(
                year_groups=[7], expected_pupils=30, options=[(a_closed_day(), AM)]
            ),
        )
    assert error.value.code == "bad_date"
    assert "closed" in error.value.message
    booking.refresh_from_db()
    assert booking.options.get().date != a_closed_day()
    assert not logged(booking, "schools.booking.edited").exists()


def test_a_scheduled_request_can_no_longer_be_edited(scheduled, staff):
    with pytest.raises(services.BookingError) as error:
        services.edit_request(
            scheduled,
            by=staff,
            details=services.RequestDetails(
                year_groups=[7],
                expected_pupils=30,
                options=[(school_factories.weekday_after(25), AM)],
            ),
        )
    assert error.value.code == "not_editable"


def test_staff_of_another_school_cannot_edit(booking):
    other = factories.school_staff()
    with pytest.raises(services.BookingError) as error:
        services.edit_request(
            booking,
            by=other,
            details=services.RequestDetails(
                year_groups=[7],
                expected_pupils=30,
                options=[(school_factories.weekday_after(25), AM)],
            ),
        )
    assert error.value.code == "not_member"


def test_withdrawing_a_request_tells_the_school_and_the_coordinators(
    booking, staff, coordinator, on_commit
):
    mail.outbox.clear()
    with on_commit():
        services.cancel_booking(booking, by=staff, reason="Exams moved")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    entry = logged(booking, "schools.booking.cancelled").get()
    assert entry.data["was"] == Booking.Status.REQUESTED
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipient) == {(staff.email,), (coordinator.email,)}
    notice = by_recipient[(coordinator.email,)]
    assert "withdrawn its request" in notice.body
    assert "Exams moved" in notice.body


def test_a_coordinator_cancelling_does_not_email_the_coordinators(booking, coordinator, on_commit):
    mail.outbox.clear()
    with on_commit():
        services.cancel_booking(booking, by=coordinator, reason="Duplicate")
    assert all(coordinator.email not in m.to for m in mail.outbox)


# Scheduling any open date, with one or two presenters ----------------------------


def test_a_coordinator_schedules_a_date_the_school_did_not_list_with_two_presenters(
    booking, coordinator, two_presenters, staff, on_commit
):
    day = school_factories.weekday_after(30)
    mail.outbox.clear()
    with on_commit():
        delivery = services.schedule_delivery(
            booking, by=coordinator, presenters=two_presenters, start=at(day, 14, 15)
        )
    assert timezone.localtime(delivery.start).time() == time(14, 15)
    assert set(delivery.presenters.all()) == set(two_presenters)
    entry = logged(booking, "schools.booking.scheduled").get()
    assert sorted(entry.data["presenters"]) == sorted(p.pk for p in two_presenters)
    presenter_mail = [m for m in mail.outbox if m.to != [staff.email]]
    assert sorted(presenter_mail[0].to) == sorted(p.email for p in two_presenters)


def test_three_presenters_or_the_same_one_twice_are_refused(booking, coordinator, two_presenters):
    third = school_factories.qualified_presenter(booking.session)
    start = at(school_factories.weekday_after(30))
    with pytest.raises(services.SchedulingError) as error:
        services.schedule_delivery(
            booking, by=coordinator, presenters=[*two_presenters, third], start=start
        )
    assert error.value.code == "too_many_presenters"
    with pytest.raises(services.SchedulingError) as error:
        services.schedule_delivery(booking, by=coordinator, presenters=[third, third], start=start)
    assert error.value.code == "same_presenter"
    assert not Delivery.objects.exists()


def test_a_closed_day_is_refused_with_the_next_open_one(booking, coordinator, two_presenters):
    with pytest.raises(services.SchedulingError) as error:
        services.schedule_delivery(
            booking, by=coordinator, presenters=two_presenters[:1], start=at(a_closed_day())
        )
    assert error.value.code == "closed_day"
    assert "The next open day is Monday" in error.value.message


def test_each_busy_presenter_is_named_in_the_refusal(booking, coordinator, two_presenters):
    day = school_factories.weekday_after(30)
    for person in two_presenters:
        school_factories.delivery(presenters=[person], start=at(day, 9))
    with pytest.raises(services.SchedulingError) as error:
        services.schedule_delivery(
            booking, by=coordinator, presenters=two_presenters, start=at(day, 9, 30)
        )
    assert error.value.code == "presenter_busy"
    for person in two_presenters:
        assert f"{person.get_full_name()} is no longer free on" in error.value.message
    assert error.value.message.endswith("Choose another presenter or time.")


# Proposing another date ---------------------------------------------------------


def propose(booking, coordinator, presenters, day=None, **kwargs):
    day = day or school_factories.weekday_after(30)
    return services.propose_date(
        booking, by=coordinator, presenters=presenters, start=at(day, 11), **kwargs
    )


def test_a_proposed_date_is_emailed_to_the_school_and_books_nothing(
    booking, coordinator, two_presenters, staff, on_commit
):
    mail.outbox.clear()
    with on_commit():
        proposal = propose(booking, coordinator, two_presenters[:1], note="As agreed by phone")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED
    assert proposal.status == DateProposal.Status.PENDING
    assert not DeliveryAssignment.objects.exists()
    entry = logged(booking, "schools.booking.date_proposed").get()
    assert entry.user == coordinator
    assert entry.data["proposal"] == proposal.pk
    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert "As agreed by phone" in message.body
    assert f"{timezone.localtime(proposal.start):%A} " in message.body


def test_a_newer_proposal_replaces_a_waiting_one(booking, coordinator, two_presenters):
    first = propose(booking, coordinator, two_presenters[:1])
    second = propose(
        booking, coordinator, two_presenters[1:], day=school_factories.weekday_after(35)
    )
    first.refresh_from_db()
    assert first.status == DateProposal.Status.WITHDRAWN
    assert second.status == DateProposal.Status.PENDING


def test_the_school_accepts_and_the_visit_is_scheduled_through_the_same_rules(
    booking, coordinator, two_presenters, staff, on_commit
):
    proposal = propose(booking, coordinator, two_presenters)
    mail.outbox.clear()
    with on_commit():
        delivery = services.accept_proposal(booking, by=staff)
    booking.refresh_from_db()
    proposal.refresh_from_db()
    assert booking.status == Booking.Status.SCHEDULED
    assert proposal.status == DateProposal.Status.ACCEPTED
    assert proposal.decided_by == staff
    assert delivery.start == proposal.start
    assert set(delivery.presenters.all()) == set(two_presenters)
    assert logged(booking, "schools.booking.proposal_accepted").get().user == staff
    assert logged(booking, "schools.booking.scheduled").get().user == staff
    recipients = sorted(a for m in mail.outbox for a in m.to)
    assert recipients == sorted([staff.email, *(p.email for p in two_presenters)])


def test_accepting_when_a_presenter_was_booked_since_is_refused_in_words(
    booking, coordinator, two_presenters, staff
):
    proposal = propose(booking, coordinator, two_presenters[:1])
    school_factories.delivery(presenters=two_presenters[:1], start=proposal.start)
    with pytest.raises(services.SchedulingError) as error:
        services.accept_proposal(booking, by=staff)
    assert error.value.code == "presenter_busy"
    proposal.refresh_from_db()
    booking.refresh_from_db()
    assert proposal.status == DateProposal.Status.PENDING  # nothing half-saved
    assert booking.status == Booking.Status.REQUESTED


def test_declining_returns_the_request_to_the_coordinators_with_the_reason(
    booking, coordinator, two_presenters, staff, on_commit
):
    proposal = propose(booking, coordinator, two_presenters[:1])
    mail.outbox.clear()
    with pytest.raises(services.BookingError):
        services.decline_proposal(booking, by=staff, reason="  ")
    with on_commit():
        services.decline_proposal(booking, by=staff, reason="Sports day")
    proposal.refresh_from_db()
    booking.refresh_from_db()
    assert proposal.status == DateProposal.Status.DECLINED
    assert proposal.reason == "Sports day"
    assert booking.status == Booking.Status.REQUESTED
    assert logged(booking, "schools.booking.proposal_declined").get().data["reason"] == (
        "Sports day"
    )
    (notice,) = mail.outbox
    assert notice.to == [coordinator.email]
    assert "Sports day" in notice.body
    # The school cannot answer twice.
    with pytest.raises(services.BookingError) as error:
        services.accept_proposal(booking, by=staff)
    assert error.value.code == "no_proposal"


def test_the_schools_dashboard_leads_with_a_date_waiting_for_its_answer(
    client, booking, coordinator, two_presenters, staff
):
    client.force_login(staff)
    assert "waiting for your answer" not in client.get(reverse("dashboard")).text
    proposal = propose(booking, coordinator, two_presenters[:1])
    page = client.get(reverse("dashboard")).text
    banner = page.index("A date has been offered and is waiting for your answer")
    assert banner < page.index("Your schools</h2>")
    assert f"{timezone.localtime(proposal.start):%A %-d %B %Y}" in page
    link = reverse("schools:booking_detail", args=[booking.reference])
    assert f'href="{link}">Accept or decline the date' in page
    # The link leads to the answer.
    assert reverse("schools:proposal_accept", args=[booking.reference]) in client.get(link).text
    # Once answered, the dashboard no longer asks; nor does another school's see it.
    client.force_login(factories.school_staff())
    assert "waiting for your answer" not in client.get(reverse("dashboard")).text
    client.force_login(staff)
    services.decline_proposal(booking, by=staff, reason="Sports day")
    assert "waiting for your answer" not in client.get(reverse("dashboard")).text


def test_other_schools_and_presenters_cannot_answer_a_proposal(
    booking, coordinator, two_presenters
):
    propose(booking, coordinator, two_presenters[:1])
    for outsider in (factories.school_staff(), two_presenters[0]):
        with pytest.raises(services.BookingError) as error:
            services.accept_proposal(booking, by=outsider)
        assert error.value.code == "not_member"
    assert booking.proposals.get().status == DateProposal.Status.PENDING


def test_scheduling_directly_withdraws_a_waiting_proposal(booking, coordinator, two_presenters):
    proposal = propose(booking, coordinator, two_presenters[:1])
    services.schedule_delivery(
        booking,
        by=coordinator,
        presenters=two_presenters[1:],
        start=at(school_factories.weekday_after(32)),
    )
    proposal.refresh_from_db()
    assert proposal.status == DateProposal.Status.WITHDRAWN


# Moving a visit ---------------------------------------------------------------------


def test_the_school_asks_to_move_with_open_dates_and_the_coordinators_are_told(
    scheduled, staff, coordinator, on_commit
):
    days = [school_factories.weekday_after(30), school_factories.weekday_after(31)]
    mail.outbox.clear()
    with on_commit():
        move = services.request_move(scheduled, by=staff, reason="Mock exams", dates=days)
    assert move.dates == [d.isoformat() for d in days]
    scheduled.refresh_from_db()
    assert scheduled.status == Booking.Status.SCHEDULED  # nothing moves until a coordinator does
    entry = logged(scheduled, "schools.booking.move_requested").get()
    assert entry.data == {"reason": "Mock exams", "dates": move.dates}
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipient) == {(staff.email,), (coordinator.email,)}
    assert "Mock exams" in by_recipient[(coordinator.email,)].body
    assert by_recipient[(coordinator.email,)].subject.endswith(
        f"asks to move {scheduled.reference}"
    )


def test_a_move_needs_a_reason_and_open_dates(scheduled, staff):
    with pytest.raises(services.BookingError) as error:
        services.request_move(
            scheduled, by=staff, reason="", dates=[school_factories.weekday_after(30)]
        )
    assert error.value.code == "no_reason"
    with pytest.raises(services.BookingError) as error:
        services.request_move(scheduled, by=staff, reason="Exams", dates=[a_closed_day()])
    assert error.value.code == "closed_day"
    assert "The next open day is" in error.value.message
    assert not MoveRequest.objects.exists()


def test_a_request_not_yet_scheduled_cannot_be_asked_to_move(booking, staff):
    with pytest.raises(services.BookingError) as error:
        services.request_move(
            booking, by=staff, reason="Exams", dates=[school_factories.weekday_after(30)]
        )
    assert error.value.code == "not_movable"


def test_moving_tells_everyone_and_the_invitation_keeps_its_uid_with_a_higher_sequence(
    scheduled, staff, coordinator, two_presenters, on_commit
):
    services.request_move(
        scheduled, by=staff, reason="Exams", dates=[school_factories.weekday_after(30)]
    )
    before = Delivery.objects.get(booking=scheduled)
    new_start = at(school_factories.weekday_after(30), 13, 30)
    mail.outbox.clear()
    with on_commit():
        delivery = services.move_delivery(
            scheduled,
            by=coordinator,
            presenters=[two_presenters[1]],
            start=new_start,
            reason="As the school asked",
        )
    assert delivery.start == new_start
    assert delivery.sequence == before.sequence + 1
    assert list(delivery.presenters.all()) == [two_presenters[1]]
    assert not DeliveryAssignment.objects.filter(presenter=two_presenters[0]).exists()
    assert MoveRequest.objects.get().resolved_at is not None
    entry = logged(scheduled, "schools.booking.moved").get()
    assert entry.data["former_presenters"] == [two_presenters[0].pk]
    assert entry.data["reason"] == "As the school asked"

    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipient) == {
        (staff.email,),
        (two_presenters[1].email,),
        (two_presenters[0].email,),
    }
    for person in (staff, two_presenters[1]):
        message = by_recipient[(person.email,)]
        assert message.subject == f"Visit changed: {scheduled.reference}"
        event = invitation(message)
        assert event.uid == f"visit-{scheduled.reference}@testserver"
        assert event.sequence == 1
        assert event.status == "CONFIRMED"
        assert event.start == new_start
    removed = by_recipient[(two_presenters[0].email,)]
    assert "no longer needed" in removed.body
    event = invitation(removed)
    assert event.uid == f"visit-{scheduled.reference}@testserver"
    assert event.status == "CANCELLED"
    assert event.sequence == 1


def test_a_visit_scheduled_moved_and_cancelled_keeps_one_uid_with_a_rising_sequence(
    scheduled, coordinator, two_presenters, staff, on_commit
):
    """What a calendar sees over a visit's life: REQUEST 0, REQUEST 1 at the new time,
    CANCEL 2, all one UID, so the entry is updated and then removed, never doubled."""
    first = Delivery.objects.get(booking=scheduled)
    mail.outbox.clear()
    new_start = at(school_factories.weekday_after(31), 13, 30)
    with on_commit():
        services.move_delivery(
            scheduled, by=coordinator, presenters=two_presenters, start=new_start, reason="Exams"
        )
    moved = {tuple(m.to): invitation(m) for m in mail.outbox}
    mail.outbox.clear()
    with on_commit():
        services.cancel_booking(scheduled, by=coordinator, reason="School closed")
    cancelled = {tuple(m.to): (m, invitation(m)) for m in mail.outbox}
    uid = f"visit-{scheduled.reference}@testserver"
    assert {e.uid for e in moved.values()} == {uid}
    assert {(e.sequence, e.status) for e in moved.values()} == {(first.sequence + 1, "CONFIRMED")}
    assert {e.start for e in moved.values()} == {new_start}
    assert set(cancelled) == {(staff.email,), tuple(sorted(p.email for p in two_presenters))}
    for message, event in cancelled.values():
        assert (event.uid, event.sequence, event.status) == (uid, first.sequence + 2, "CANCELLED")
        assert message.subject == f"Visit cancelled: {scheduled.reference}"
    assert Delivery.objects.get(booking=scheduled).sequence == first.sequence + 2


def test_a_move_onto_a_busy_presenter_is_refused_and_nothing_moves(
    scheduled, coordinator, two_presenters
):
    day = school_factories.weekday_after(30)
    school_factories.delivery(presenters=[two_presenters[1]], start=at(day, 10))
    before = Delivery.objects.get(booking=scheduled)
    with pytest.raises(services.SchedulingError) as error:
        services.move_delivery(
            scheduled, by=coordinator, presenters=two_presenters, start=at(day, 10), reason="x"
        )
    assert error.value.code == "presenter_busy"
    assert two_presenters[1].get_full_name() in error.value.message
    assert two_presenters[0].get_full_name() not in error.value.message
    after = Delivery.objects.get(booking=scheduled)
    assert (after.start, after.sequence) == (before.start, before.sequence)
    assert DeliveryAssignment.objects.filter(delivery=after, presenter=two_presenters[0]).exists()


def test_a_visit_moved_by_an_hour_does_not_clash_with_its_own_old_time(
    scheduled, coordinator, two_presenters
):
    old = Delivery.objects.get(booking=scheduled).start
    delivery = services.move_delivery(
        scheduled,
        by=coordinator,
        presenters=[two_presenters[0]],
        start=old + timedelta(minutes=30),
        reason="Assembly runs late",
    )
    assert delivery.start == old + timedelta(minutes=30)


# Cover for a presenter's time off -------------------------------------------------


def test_replacing_a_presenter_on_leave_clears_the_clash_and_tells_everyone(
    scheduled, coordinator, two_presenters, staff, on_commit
):
    away, cover = two_presenters
    start = Delivery.objects.get(booking=scheduled).start
    day = timezone.localtime(start).date()
    services.record_unavailability(
        presenter=away,
        start=at(day, 0),
        end=at(day, 23, 59),
        confirm=True,
    )
    assignment = DeliveryAssignment.objects.get(presenter=away)
    assert assignment.needs_cover
    mail.outbox.clear()
    with on_commit():
        services.replace_presenter(assignment, by=coordinator, presenter=cover)
    delivery = Delivery.objects.get(booking=scheduled)
    assert list(delivery.presenters.all()) == [cover]
    assert not DeliveryAssignment.objects.filter(needs_cover=True).exists()
    assert delivery.sequence == 1
    entry = logged(scheduled, "schools.booking.presenter_replaced").get()
    assert entry.data == {"from": away.pk, "to": cover.pk, "needed_cover": True}
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipient) == {(staff.email,), (cover.email,), (away.email,)}
    assert (
        f"{cover.get_full_name()} will deliver it in place of" in by_recipient[(staff.email,)].body
    )
    assert invitation(by_recipient[(cover.email,)]).sequence == 1
    assert invitation(by_recipient[(away.email,)]).status == "CANCELLED"


def test_cover_must_be_free_and_qualified(scheduled, coordinator, two_presenters):
    assignment = DeliveryAssignment.objects.get(presenter=two_presenters[0])
    unqualified = school_factories.presenter_profile().user
    with pytest.raises(services.SchedulingError) as error:
        services.replace_presenter(assignment, by=coordinator, presenter=unqualified)
    assert error.value.code == "not_qualified"
    school_factories.delivery(presenters=[two_presenters[1]], start=assignment.start)
    with pytest.raises(services.SchedulingError) as error:
        services.replace_presenter(assignment, by=coordinator, presenter=two_presenters[1])
    assert error.value.code == "presenter_busy"
    assert DeliveryAssignment.objects.get(pk=assignment.pk).presenter == two_presenters[0]
