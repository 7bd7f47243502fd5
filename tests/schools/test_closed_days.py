"""Closed days: weekends, bank holidays from the holidays library, the local authority's
school holidays and INSET days, a school's own INSET days, and notice in school days."""

from datetime import date, datetime, time

import pytest
from django.test import override_settings

from schools import services
from schools.models import Booking, BookingOption, ClosedDays
from tests import factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db

AM = BookingOption.PartOfDay.MORNING
TODAY = date(2026, 12, 2)  # a Wednesday


def request(staff, school, session, day):
    return services.request_booking(
        user=staff,
        school=school,
        session=session,
        today=TODAY,
        details=services.RequestDetails(year_groups=[7], expected_pupils=30, options=[(day, AM)]),
    )


def test_christmas_day_is_refused_with_its_name_and_the_next_open_day(staff, school, session_page):
    with pytest.raises(services.BookingError) as error:
        request(staff, school, session_page, date(2026, 12, 25))
    assert error.value.code == "bad_date"
    assert str(error.value) == (
        "Schools are closed on Friday 25 December 2026 (Christmas Day, a bank holiday). "
        "The next open day is Tuesday 29 December 2026."
    )
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("nation", "day", "closed"),
    [
        ("ENG", date(2027, 1, 4), False),
        ("SCT", date(2027, 1, 4), True),  # 2 January holiday, observed
        ("NIR", date(2027, 3, 17), True),  # St Patrick's Day
        ("ENG", date(2027, 3, 17), False),
        ("SCT", date(2027, 8, 2), True),  # Scotland's summer bank holiday
        ("WLS", date(2027, 8, 30), True),  # England and Wales's
        ("SCT", date(2027, 8, 30), False),
    ],
)
def test_bank_holidays_follow_the_nation_configured(nation, day, closed):
    with override_settings(SCHOOLS_BANK_HOLIDAYS=nation):
        assert (services.bank_holiday(day) is not None) is closed


def test_an_unknown_nation_is_a_clear_configuration_error():
    with override_settings(SCHOOLS_BANK_HOLIDAYS="XX"), pytest.raises(ValueError, match="ENG"):
        services.bank_holiday(date(2027, 1, 1))


def test_the_local_authoritys_holidays_close_every_school(staff, school, session_page):
    ClosedDays.objects.create(
        name="February half term", first_day=date(2027, 2, 15), last_day=date(2027, 2, 19)
    )
    with pytest.raises(services.BookingError, match=r"\(February half term\)") as error:
        request(staff, school, session_page, date(2027, 2, 17))
    assert "The next open day is Monday 22 February 2027." in str(error.value)
    assert request(staff, school, session_page, date(2027, 2, 22)).pk


def test_a_schools_own_inset_day_closes_only_that_school(staff, school, session_page):
    ClosedDays.objects.create(
        name="INSET day",
        kind=ClosedDays.Kind.INSET,
        first_day=date(2027, 1, 20),
        last_day=date(2027, 1, 20),
        school=school,
    )
    other = factories.SchoolFactory()
    assert services.closure(date(2027, 1, 20), school) == "INSET day"
    assert services.closure(date(2027, 1, 20), other) is None
    assert services.closure(date(2027, 1, 20)) is None
    with pytest.raises(services.BookingError, match="INSET day"):
        request(staff, school, session_page, date(2027, 1, 20))


def test_notice_is_counted_in_school_days(staff, school, session_page):
    """Ten school days from Wednesday 2 December: the Christmas holiday does not count."""
    ClosedDays.objects.create(
        name="Christmas holidays", first_day=date(2026, 12, 21), last_day=date(2027, 1, 1)
    )
    # 3, 4, 7 to 11 and 14 to 16 December.
    assert services.add_school_days(TODAY, 10, school) == date(2026, 12, 16)
    assert services.earliest_date(session_page, today=TODAY, school=school) == date(2026, 12, 16)
    session_page.minimum_notice_days = 15
    # The eleventh and twelfth are 17 and 18 December; the rest 4 to 6 January.
    assert services.earliest_date(session_page, today=TODAY, school=school) == date(2027, 1, 6)
    with pytest.raises(services.BookingError) as error:
        request(staff, school, session_page, date(2027, 1, 5))
    assert str(error.value) == (
        "This session needs 15 school days' notice. Choose Wednesday 6 January 2027 or later."
    )
    assert request(staff, school, session_page, date(2027, 1, 6)).pk


def test_the_earliest_date_offered_is_never_a_closed_day(session_page):
    """Ten school days from Friday 11 December 2026 skip Christmas Day, the weekend and
    the observed Boxing Day; with no notice, the earliest is the next open day."""
    assert services.earliest_date(session_page, today=date(2026, 12, 11)) == date(2026, 12, 29)
    session_page.minimum_notice_days = 0
    assert services.earliest_date(session_page, today=date(2026, 12, 25)) == date(2026, 12, 29)


def inset_day(school, day):
    return ClosedDays.objects.create(
        name="INSET day", kind=ClosedDays.Kind.INSET, first_day=day, last_day=day, school=school
    )


def test_notice_skips_the_schools_own_inset_day_and_no_other_schools(staff, school, session_page):
    """Ten school days from Wednesday 2 December reach 16 December; an INSET day of the
    school's on 9 December pushes its earliest date to the 17th, and no other school's."""
    inset_day(school, date(2026, 12, 9))
    other = factories.SchoolFactory()
    assert services.add_school_days(TODAY, 10, school) == date(2026, 12, 17)
    assert services.add_school_days(TODAY, 10, other) == date(2026, 12, 16)
    assert services.earliest_date(session_page, today=TODAY, school=school) == date(2026, 12, 17)
    with pytest.raises(services.BookingError) as error:
        request(staff, school, session_page, date(2026, 12, 16))
    assert "needs 10 school days' notice. Choose Thursday 17 December 2026 or later." in str(
        error.value
    )


def test_a_request_on_the_schools_inset_day_offers_the_next_open_day(staff, school, session_page):
    inset_day(school, date(2027, 1, 22))  # a Friday
    with pytest.raises(services.BookingError) as error:
        request(staff, school, session_page, date(2027, 1, 22))
    assert str(error.value) == (
        "Schools are closed on Friday 22 January 2027 (INSET day). "
        "The next open day is Monday 25 January 2027."
    )
    assert not Booking.objects.exists()


def test_a_visit_cannot_be_scheduled_on_the_schools_inset_day(school, coordinator):
    booking = school_factories.booking(school=school)
    inset_day(school, date(2027, 1, 20))
    presenter = school_factories.presenter_profile(sessions=[booking.session]).user
    start = datetime.combine(date(2027, 1, 20), time(9, 30), tzinfo=services.LONDON)
    with pytest.raises(services.SchedulingError) as error:
        services.schedule_delivery(booking, by=coordinator, presenters=[presenter], start=start)
    assert error.value.code == "closed_day"
    assert "is closed on Wednesday 20 January 2027 (INSET day)" in str(error.value)
    assert "The next open day is Thursday 21 January 2027." in str(error.value)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED


def test_school_days_before_skip_half_term_and_the_schools_inset_day(school):
    """Reminders count back in school days: two before Monday 22 February 2027 after a
    February half term are Thursday and Friday 11 and 12 February."""
    ClosedDays.objects.create(
        name="February half term", first_day=date(2027, 2, 15), last_day=date(2027, 2, 19)
    )
    monday = date(2027, 2, 22)
    assert services.school_days_before(monday, 2) == date(2027, 2, 11)
    inset_day(school, date(2027, 2, 12))
    assert services.school_days_before(monday, 2, school) == date(2027, 2, 10)
    assert services.school_days_before(monday, 2, factories.SchoolFactory()) == date(2027, 2, 11)
