"""The booking rules: every transition and every refusal, with its audit entry and emails."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from schools import services
from schools.models import Booking, BookingOption, DeliveryAssignment, Unavailability
from tests import factories
from tests.calendars import invitation_in
from tests.factories import cms as cms_factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db

AM = BookingOption.PartOfDay.MORNING
PM = BookingOption.PartOfDay.AFTERNOON


def logged(instance, action):
    return ModelLogEntry.objects.filter(object_id=str(instance.pk), action=action)


def request(staff, school, session, **overrides):
    details = {
        "year_groups": [7, 8],
        "expected_pupils": 60,
        "options": [(school_factories.weekday_after(14), AM)],
    }
    details.update(overrides)
    return services.request_booking(
        user=staff, school=school, session=session, details=services.RequestDetails(**details)
    )


# Requests -------------------------------------------------------------------------


def test_request_gives_a_reference_options_audit_entry_and_email(
    staff, school, session_page, on_commit
):
    first = school_factories.weekday_after(14)
    second = school_factories.weekday_after(20)
    with on_commit():
        booking = request(staff, school, session_page, options=[(first, AM), (second, PM)])
    year = timezone.localdate().year
    assert booking.reference == f"BK-{year}-00001"
    assert booking.status == Booking.Status.REQUESTED
    assert booking.requested_by == staff
    assert [(o.position, o.date, o.part_of_day) for o in booking.options.all()] == [
        (1, first, AM),
        (2, second, PM),
    ]
    assert logged(booking, "schools.booking.requested").get().user == staff
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff.email]
    assert booking.reference in mail.outbox[0].subject


def test_coordinators_are_told_of_a_new_request(staff, school, session_page, on_commit):
    coordinators = [factories.coordinator(), factories.coordinator()]
    factories.coordinator(is_active=False)
    factories.presenter()
    first = school_factories.weekday_after(14)
    with on_commit():
        booking = request(staff, school, session_page, options=[(first, AM)])
    to_team = [m for m in mail.outbox if m.to != [staff.email]]
    assert len(mail.outbox) == 2  # the school's receipt, and one to the team
    assert len(to_team) == 1
    message = to_team[0]
    assert message.to == sorted(c.email for c in coordinators)
    assert message.subject == (
        f"New request {booking.reference}: {session_page.title} for {school.name}"
    )
    assert f"1. {first:%A} {first.day} {first:%B %Y}, morning" in message.body
    assert f"/bookings/{booking.reference}/schedule/" in message.body


def test_references_count_up_within_a_year(staff, school):
    a = request(staff, school, _session())
    b = request(staff, school, _session())
    assert int(b.reference[-5:]) == int(a.reference[-5:]) + 1


def _session(**fields):
    from tests.factories import cms

    fields.setdefault("min_year", 7)
    fields.setdefault("max_year", 9)
    fields.setdefault("max_audience", 90)
    return cms.session_page(**fields)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-1, "in the future"),
        (3, "10 school days' notice"),
    ],
)
def test_dates_in_the_past_or_inside_the_notice_are_refused(
    staff, school, session_page, days, message
):
    day = timezone.localdate() + timedelta(days=days)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    with pytest.raises(services.BookingError, match=message) as error:
        request(staff, school, session_page, options=[(day, AM)])
    assert error.value.code == "bad_date"
    assert not Booking.objects.exists()


def test_dates_beyond_two_years_are_refused(staff, school, session_page):
    """A date such as 9999-12-31 would overflow every date sum made for the visit."""
    today = timezone.localdate()
    for day in (today + timedelta(days=2 * 365 + 1), date(9999, 12, 31)):
        with pytest.raises(services.BookingError, match="within the next two years"):
            request(staff, school, session_page, options=[(day, AM)])
    assert not Booking.objects.exists()
    # Easter's four closed days are the longest run of bank holidays and weekend.
    last = services.next_open_day(today + timedelta(days=2 * 365 - 5))
    request(staff, school, session_page, options=[(last, AM)])


def test_weekends_are_refused(staff, school, session_page):
    day = school_factories.weekday_after(14)
    saturday = day + timedelta(days=(5 - day.weekday()) % 7)
    with pytest.raises(services.BookingError, match=r"closed on Saturday .* \(the weekend\)"):
        request(staff, school, session_page, options=[(saturday, AM)])
    assert not Booking.objects.exists()


def test_a_second_open_request_for_the_same_session_is_refused(staff, school, session_page):
    request(staff, school, session_page)
    with pytest.raises(services.BookingError) as error:
        request(staff, school, session_page)
    assert error.value.code == "already_requested"
    assert Booking.objects.count() == 1


def test_a_declined_request_can_be_made_again(staff, school, session_page, coordinator):
    services.decline_booking(request(staff, school, session_page), by=coordinator, reason="Full")
    assert request(staff, school, session_page).status == Booking.Status.REQUESTED


def test_another_school_may_request_the_same_session(staff, school, session_page):
    other = factories.SchoolFactory()
    other_staff = factories.school_staff(school=other)
    request(staff, school, session_page)
    request(other_staff, other, session_page)
    assert Booking.objects.count() == 2


def test_year_groups_outside_the_session_are_refused(staff, school, session_page):
    with pytest.raises(services.BookingError) as error:
        request(staff, school, session_page, year_groups=[7, 11])
    assert error.value.code == "bad_year_groups"


def test_more_pupils_than_the_maximum_audience_are_refused(staff, school, session_page):
    with pytest.raises(services.BookingError) as error:
        request(staff, school, session_page, expected_pupils=91)
    assert error.value.code == "too_many_pupils"


def test_staff_cannot_book_for_a_school_they_do_not_belong_to(staff, session_page):
    with pytest.raises(services.BookingError) as error:
        request(staff, factories.SchoolFactory(), session_page)
    assert error.value.code == "not_member"


def test_pending_members_cannot_book(school, session_page):
    pending = factories.school_staff(school=school, status="pending")
    with pytest.raises(services.BookingError) as error:
        request(pending, school, session_page)
    assert error.value.code == "not_member"


def test_sessions_not_open_for_booking_are_refused(staff, school):
    with pytest.raises(services.BookingError) as error:
        request(staff, school, _session(bookable=False))
    assert error.value.code == "not_bookable"


def test_at_most_three_options(staff, school, session_page):
    options = [(school_factories.weekday_after(14 + i), AM) for i in range(4)]
    with pytest.raises(services.BookingError) as error:
        request(staff, school, session_page, options=options)
    assert error.value.code == "too_many_options"


# Scheduling ------------------------------------------------------------------------


def slot(days=21, hour=10):
    day = school_factories.weekday_after(days)
    return datetime.combine(day, time(hour), tzinfo=services.LONDON)


def test_scheduling_creates_the_delivery_and_tells_school_and_presenter_with_an_invitation(
    staff, school, session_page, coordinator, on_commit
):
    booking = request(staff, school, session_page)
    person = school_factories.qualified_presenter(session_page)
    start = slot()
    mail.outbox.clear()
    with on_commit():
        delivery = services.schedule_delivery(
            booking, by=coordinator, presenters=[person], start=start, place="Main hall"
        )
    booking.refresh_from_db()
    assert booking.status == Booking.Status.SCHEDULED
    assert booking.status_changed_by == coordinator
    assert delivery.end == start + timedelta(minutes=session_page.duration_minutes)
    assignment = DeliveryAssignment.objects.get(delivery=delivery)
    assert assignment.presenter == person
    assert assignment.busy_until == delivery.end + timedelta(minutes=30)
    assert logged(booking, "schools.booking.scheduled").get().user == coordinator
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([staff.email, person.email])
    for message in mail.outbox:
        (name, content, mimetype) = message.attachments[0]
        assert mimetype == "text/calendar; method=REQUEST"
        invitation = invitation_in(message)  # both parsers, Europe/London times
        assert invitation.event.start == start
        assert invitation.event.attendees == tuple(f"mailto:{to}" for to in message.to)


def test_a_presenter_cannot_be_scheduled_into_an_overlapping_visit(
    school, staff, session_page, coordinator
):
    person = school_factories.qualified_presenter(session_page)
    first = request(staff, school, session_page)
    services.schedule_delivery(first, by=coordinator, presenters=[person], start=slot(hour=10))
    second = request(staff, school, _session())
    second.session.qualified_presenters.add(person.presenter_profile)
    with pytest.raises(services.SchedulingError) as error:
        services.schedule_delivery(
            second, by=coordinator, presenters=[person], start=slot(hour=10) + timedelta(minutes=30)
        )
    assert error.value.code == "presenter_busy"
    when = slot(hour=10) + timedelta(minutes=30)
    assert error.value.message == (
        f"{person.get_full_name()} is no longer free on {when:%A %-d %B} at 10:30am "
        f"(booked for {first.reference}). Choose another presenter or time."
    )
    second.refresh_from_db()
    assert second.status == Booking.Status.REQUESTED


def test_the_travel_buffer_keeps_visits_apart(school, staff, session_page, coordinator):
    person = school_factories.qualified_presenter(session_page)
    first = request(staff, school, session_page)
    services.schedule_delivery(first, by=coordinator, presenters=[person], start=slot(hour=10))
    other = _session()
    person.presenter_profile.qualified_sessions.add(other)
    second = request(staff, school, other)
    # The first visit ends at 11:00; 11:20 is inside the 30 minutes' travel.
    with pytest.raises(services.SchedulingError):
        services.schedule_delivery(
            second, by=coordinator, presenters=[person], start=slot(hour=11) + timedelta(minutes=20)
        )
    delivery = services.schedule_delivery(
        second, by=coordinator, presenters=[person], start=slot(hour=11) + timedelta(minutes=30)
    )
    assert delivery.assignments.get().presenter == person


def test_a_presenter_cannot_be_scheduled_when_unavailable(school, staff, session_page, coordinator):
    person = school_factories.qualified_presenter(session_page)
    start = slot()
    Unavailability.objects.create(
        presenter=person, start=start - timedelta(hours=2), end=start + timedelta(hours=6)
    )
    booking = request(staff, school, session_page)
    with pytest.raises(services.SchedulingError) as error:
        services.schedule_delivery(booking, by=coordinator, presenters=[person], start=start)
    assert error.value.code == "presenter_busy"
    assert "(time off recorded). Choose another presenter or time." in error.value.message


def test_only_qualified_presenters_can_be_scheduled(school, staff, session_page, coordinator):
    person = school_factories.presenter_profile().user
    booking = request(staff, school, session_page)
    with pytest.raises(services.SchedulingError) as error:
        services.schedule_delivery(booking, by=coordinator, presenters=[person], start=slot())
    assert error.value.code == "not_qualified"


def test_suggestions_are_qualified_and_free(school, staff, session_page, coordinator):
    free = school_factories.qualified_presenter(session_page, job_title="PC")
    busy = school_factories.qualified_presenter(session_page)
    away = school_factories.qualified_presenter(session_page)
    school_factories.presenter_profile()  # not qualified
    start = slot()
    end = start + timedelta(hours=1)
    school_factories.delivery(presenters=[busy], start=start - timedelta(minutes=45))
    Unavailability.objects.create(presenter=away, start=start, end=end)
    assert services.available_presenters(session_page, start, end) == [free]


def test_a_scheduled_booking_cannot_be_scheduled_again(school, staff, session_page, coordinator):
    person = school_factories.qualified_presenter(session_page)
    booking = request(staff, school, session_page)
    services.schedule_delivery(booking, by=coordinator, presenters=[person], start=slot())
    with pytest.raises(services.SchedulingError) as error:
        services.schedule_delivery(booking, by=coordinator, presenters=[person], start=slot(28))
    assert error.value.code == "not_schedulable"


# Declining, cancelling, delivering ----------------------------------------------------


def test_declining_needs_a_reason_and_tells_the_school(
    school, staff, session_page, coordinator, on_commit
):
    booking = request(staff, school, session_page)
    with pytest.raises(services.BookingError):
        services.decline_booking(booking, by=coordinator, reason=" ")
    mail.outbox.clear()
    with on_commit():
        services.decline_booking(booking, by=coordinator, reason="No officer free that week")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.DECLINED
    assert booking.status_reason == "No officer free that week"
    entry = logged(booking, "schools.booking.declined").get()
    assert entry.data == {"reason": "No officer free that week"}
    assert mail.outbox[0].to == [staff.email]
    assert "No officer free that week" in mail.outbox[0].body


def test_cancelling_records_who_and_why_frees_the_presenter_and_tells_everyone(
    school, staff, session_page, coordinator, on_commit
):
    person = school_factories.qualified_presenter(session_page)
    booking = request(staff, school, session_page)
    start = slot()
    services.schedule_delivery(booking, by=coordinator, presenters=[person], start=start)
    mail.outbox.clear()
    with on_commit():
        services.cancel_booking(booking, by=staff, reason="Trip clash")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.status_changed_by == staff
    assert booking.status_reason == "Trip clash"
    assert not DeliveryAssignment.objects.filter(presenter=person).exists()
    assert logged(booking, "schools.booking.cancelled").get().user == staff
    visit_emails = [m for m in mail.outbox if coordinator.email not in m.to]
    recipients = sorted(a for m in visit_emails for a in m.to)
    assert recipients == sorted([staff.email, person.email])
    # A school cancelled it: the coordinators are told too.
    (notice,) = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert "cancelled" in notice.subject
    # The presenter is free again for that time.
    assert person in services.available_presenters(session_page, start, start + timedelta(hours=1))


def test_a_visit_that_has_started_cannot_be_cancelled(school, staff, session_page):
    delivery = school_factories.delivery(
        booking_=school_factories.booking(school=school, session=session_page, status="scheduled"),
        start=timezone.now() - timedelta(minutes=5),
    )
    with pytest.raises(services.BookingError) as error:
        services.cancel_booking(delivery.booking, by=staff, reason="Too late")
    assert error.value.code == "not_cancellable"


def test_declined_bookings_cannot_be_cancelled(school, staff, session_page, coordinator):
    booking = request(staff, school, session_page)
    services.decline_booking(booking, by=coordinator, reason="Full")
    with pytest.raises(services.BookingError):
        services.cancel_booking(booking, by=staff, reason="Never mind")


def test_mark_delivered_after_the_visit_starts(school, session_page, presenter, on_commit):
    staff_member = factories.school_staff(school=school)
    booking = school_factories.booking(
        school=school, session=session_page, status="scheduled", requested_by=staff_member
    )
    school_factories.delivery(booking_=booking, start=timezone.now() - timedelta(hours=1))
    with on_commit():
        services.mark_delivered(booking, by=presenter)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.DELIVERED
    assert logged(booking, "schools.booking.delivered").get().user == presenter
    assert mail.outbox[0].to == [staff_member.email]
    with pytest.raises(services.BookingError) as error:
        services.mark_delivered(booking, by=presenter)
    assert error.value.code == "not_scheduled"


def test_mark_delivered_refuses_a_visit_still_to_come(school, session_page, presenter):
    booking = school_factories.booking(school=school, session=session_page, status="scheduled")
    school_factories.delivery(booking_=booking, start=timezone.now() + timedelta(days=1))
    with pytest.raises(services.BookingError) as error:
        services.mark_delivered(booking, by=presenter)
    assert error.value.code == "not_started"


# Memberships --------------------------------------------------------------------------


def test_joining_tells_the_dsl_and_approval_tells_the_person(school, on_commit):
    lead = school_factories.dsl(school)
    person = factories.UserFactory()
    with on_commit():
        membership = services.request_membership(user=person, school=school, role="teacher")
    assert membership.status == "pending"
    assert mail.outbox[-1].to == [lead.email]
    with on_commit():
        services.approve_membership(membership, by=lead)
    membership.refresh_from_db()
    assert membership.status == "approved"
    assert membership.decided_by == lead
    assert mail.outbox[-1].to == [person.email]
    assert logged(membership, "schools.membership.approved").get().user == lead


def test_without_a_dsl_the_coordinators_are_told(school, coordinator, on_commit):
    with on_commit():
        services.request_membership(user=factories.UserFactory(), school=school, role="dsl")
    assert mail.outbox[-1].to == [coordinator.email]


def test_rejection_is_recorded_and_emailed(school, coordinator, on_commit):
    person = factories.UserFactory()
    membership = services.request_membership(user=person, school=school, role="office")
    with on_commit():
        services.reject_membership(membership, by=coordinator)
    membership.refresh_from_db()
    assert membership.status == "rejected"
    assert mail.outbox[-1].to == [person.email]
    assert logged(membership, "schools.membership.rejected").exists()


def test_asking_twice_is_refused_and_one_person_may_join_several_schools(school):
    person = factories.UserFactory()
    services.request_membership(user=person, school=school, role="teacher")
    with pytest.raises(services.MembershipError) as error:
        services.request_membership(user=person, school=school, role="teacher")
    assert error.value.code == "already_requested"
    services.request_membership(user=person, school=factories.SchoolFactory(), role="dsl")
    assert person.school_memberships.count() == 2


def test_nobody_decides_their_own_request(school):
    person = factories.UserFactory()
    membership = services.request_membership(user=person, school=school, role="dsl")
    with pytest.raises(services.MembershipError):
        services.approve_membership(membership, by=person)


def test_school_days_before_skip_the_weekend():
    from datetime import date

    monday = date(2026, 11, 30)
    assert services.school_days_before(monday, 2) == date(2026, 11, 26)  # Thursday


def test_scheduling_gives_the_delivery_a_pupil_feedback_code(django_capture_on_commit_callbacks):
    from schools import services
    from tests.factories import cms as cms_factories
    from tests.factories import schools as school_factories
    from training.models import FeedbackCode

    session = cms_factories.session_page()
    booking = school_factories.booking(session=session)
    person = school_factories.presenter_profile(sessions=[session]).user
    option = booking.options.first()
    start, end = services.slot_times(option, session)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.schedule_delivery(
            booking, by=factories.coordinator(), presenters=[person], start=start, end=end
        )
    code = FeedbackCode.objects.get(delivery=delivery)
    assert len(code.code) == 6


@pytest.mark.parametrize(
    ("phase", "year_groups", "allowed"),
    [
        ("secondary", [7, 8], True),
        ("primary", [7, 8], False),  # a Year 7-9 session at a primary
        ("primary", [6], True),
        ("secondary", [0, 1], False),  # a Reception to Year 2 assembly at a secondary
        ("all_through", [0, 12], True),
        ("not_applicable", [0, 13], True),  # special schools: the phase does not say
    ],
)
def test_a_school_books_only_for_year_groups_its_phase_teaches(
    staff, school, phase, year_groups, allowed
):
    school.phase = phase
    school.save()
    session = cms_factories.session_page(min_year=0, max_year=13, max_audience=90)
    if allowed:
        assert request(staff, school, session, year_groups=year_groups).year_groups == year_groups
        return
    with pytest.raises(services.BookingError) as error:
        request(staff, school, session, year_groups=year_groups)
    assert error.value.code == "wrong_phase" and error.value.field == "year_groups"
    assert f"{school.name} is a {phase} school" in error.value.message
    assert not Booking.objects.exists()
