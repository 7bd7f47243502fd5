"""A school's own INSET days, on its own page: only its approved members add and remove
them; each change is audited; a day with a scheduled visit is refused."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.date_input import date_data
from schools import services
from schools.models import Booking, ClosedDays, SchoolMembership
from tests import factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db


def page(school):
    return reverse("schools:school_closures", args=[school.urn])


def a_school_day(days=30):
    return services.next_open_day(timezone.localdate() + timedelta(days=days))


def form_data(first, last=None, name=""):
    return {**date_data("first_day", first), **date_data("last_day", last), "name": name}


def test_a_member_adds_an_inset_day_that_closes_only_their_school(client, staff, school):
    day = a_school_day()
    client.force_login(staff)
    response = client.post(page(school), form_data(day), follow=True)
    assert "Added. No visit can be booked on INSET day" in response.text
    row = ClosedDays.objects.get()
    assert (row.school, row.kind, row.first_day, row.last_day) == (school, "inset", day, day)
    assert services.closure(day, school) == "INSET day"
    assert services.closure(day, factories.SchoolFactory()) is None
    entry = ModelLogEntry.objects.get(action="schools.closed_days.added")
    assert entry.user_id == staff.pk


def test_a_member_removes_their_schools_day(client, staff, school):
    row = ClosedDays.objects.create(
        name="INSET day",
        kind="inset",
        first_day=a_school_day(),
        last_day=a_school_day(),
        school=school,
    )
    client.force_login(staff)
    url = reverse("schools:school_closure_delete", args=[school.urn, row.pk])
    response = client.post(url, follow=True)
    assert "Removed INSET day" in response.text
    assert not ClosedDays.objects.exists()
    assert ModelLogEntry.objects.filter(action="schools.closed_days.removed").count() == 1


def test_the_local_authoritys_days_cannot_be_removed_from_a_schools_page(client, staff, school):
    row = ClosedDays.objects.create(
        name="Half term", first_day=a_school_day(), last_day=a_school_day()
    )
    client.force_login(staff)
    url = reverse("schools:school_closure_delete", args=[school.urn, row.pk])
    assert client.post(url).status_code == 404
    assert ClosedDays.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    "who", ["anonymous", "other_school", "pending", "presenter", "coordinator"]
)
def test_only_the_schools_approved_members_may_change_its_days(client, school, who):
    other = factories.SchoolFactory()
    row = ClosedDays.objects.create(
        name="INSET day",
        kind="inset",
        first_day=a_school_day(),
        last_day=a_school_day(),
        school=school,
    )
    person = {
        "anonymous": None,
        "other_school": factories.school_staff(school=other),
        "pending": factories.school_staff(school=school, status=SchoolMembership.Status.PENDING),
        "presenter": factories.presenter(),
        "coordinator": factories.coordinator(),
    }[who]
    if person:
        client.force_login(person)
    delete = reverse("schools:school_closure_delete", args=[school.urn, row.pk])
    expected = 302 if person is None else 403
    assert client.get(page(school)).status_code == expected
    assert client.post(page(school), form_data(a_school_day(40))).status_code == expected
    assert client.post(delete).status_code == expected
    assert list(ClosedDays.objects.all()) == [row]


def test_a_day_with_a_scheduled_visit_is_refused_at_the_field(client, staff, school):
    day = a_school_day()
    booking = school_factories.booking(school=school, status=Booking.Status.SCHEDULED)
    start = timezone.make_aware(datetime.combine(day, time(9, 30)))
    school_factories.delivery(booking_=booking, start=start)
    client.force_login(staff)
    response = client.post(page(school), form_data(day, day + timedelta(days=1)))
    assert response.status_code == 200
    assert f"has a visit on {day:%A %-d %B %Y} ({booking.reference})" in response.text
    assert response.context["form"].errors["first_day"][0].startswith(school.name)
    assert 'id="id_first_day_error"' in response.text
    assert not ClosedDays.objects.exists()


@pytest.mark.parametrize(
    ("first", "last", "field", "message"),
    [
        (date(2020, 1, 6), None, "first_day", "The first day must be today or later."),
        (None, "before", "last_day", "The last day must be the same as or after"),
        (None, "far", "last_day", "Enter days in the next two years."),
    ],
)
def test_bad_days_are_refused_at_the_field(client, staff, school, first, last, field, message):
    first = first or a_school_day()
    last = {"before": first - timedelta(days=1), "far": first + timedelta(days=800)}.get(last)
    client.force_login(staff)
    response = client.post(page(school), form_data(first, last))
    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(message)
    assert not ClosedDays.objects.exists()


def test_a_multi_line_name_is_refused_at_the_field(client, staff, school):
    client.force_login(staff)
    response = client.post(page(school), form_data(a_school_day(), name="INSET\r\nBcc: x@y.z"))
    assert "Enter this on one line" in response.text
    assert not ClosedDays.objects.exists()


def test_the_dashboard_links_each_school_to_its_page(client, staff, school):
    client.force_login(staff)
    assert page(school) in client.get(reverse("dashboard")).text


def test_an_inset_day_added_after_a_request_shows_on_the_schedule_page(
    client, staff, school, coordinator
):
    """The request's preferred date was open when asked; once the school adds an INSET
    day there, the coordinator sees the school closed instead of free presenters."""
    booking = school_factories.booking(school=school)
    option = booking.options.get()
    option.date = a_school_day(25)
    option.save(update_fields=["date"])
    school_factories.qualified_presenter(booking.session)
    client.force_login(staff)
    client.post(page(school), form_data(option.date, name="INSET day"))
    client.force_login(coordinator)
    schedule = client.get(reverse("schools:booking_schedule", args=[booking.reference])).text
    assert "the school is closed (INSET day)" in schedule
    assert "presenter free" not in schedule
