"""Closed days: weekends, bank holidays from the holidays library, the local authority's
school holidays and INSET days, a school's own INSET days, and notice in school days."""

from datetime import date

import pytest
from django.test import override_settings

from schools import services
from schools.models import Booking, BookingOption, ClosedDays
from tests import factories

pytestmark = pytest.mark.django_db

AM = BookingOption.PartOfDay.MORNING
TODAY = date(2026, 12, 2)  # a Wednesday


def request(staff, school, session, day):
    return services.request_booking(
        user=staff,
        school=school,
        session=session,
        year_groups=[7],
        expected_pupils=30,
        options=[(day, AM)],
        today=TODAY,
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
