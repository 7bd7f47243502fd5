"""The report's figures against hand-computed fixtures."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import feedback as fb
from tests.factories import training as training_factories
from training.models import Registration
from training.services import reports
from training.services.reports.cells import as_text

LONDON = ZoneInfo("Europe/London")
BEFORE = [1, 2, 2, 3, 3, 3, 4, 4, 5, 3]
AFTER = [3, 3, 4, 4, 4, 5, 5, 5, 4, 4]


def at(y, m, d, hour=10):
    return datetime(y, m, d, hour, tzinfo=LONDON)


def test_mean_and_95_percent_interval_match_the_hand_computed_values():
    # before: mean 3.0, sample variance 12/9, t(9) = 2.262
    figure = reports.mean_figure(10, sum(BEFORE), sum(x * x for x in BEFORE), 10)
    assert figure.value == pytest.approx(3.0)
    assert figure.low == pytest.approx(2.174, abs=0.001)
    assert figure.high == pytest.approx(3.826, abs=0.001)
    assert str(figure) == "3.00"
    assert figure.interval == "2.17 to 3.83"


def test_share_uses_the_wilson_interval():
    figure = reports.share_figure(7, 10, 10)
    assert figure.value == pytest.approx(0.7)
    assert figure.low == pytest.approx(0.3968, abs=0.0005)
    assert figure.high == pytest.approx(0.8922, abs=0.0005)
    assert str(figure) == "70%"


def test_t_critical_values_are_exact_never_a_neighbours_and_tend_to_the_normal():
    assert reports.t_critical(9) == 2.262
    # Exact values (R's qt(0.975, df)): a table lookup rounding df up to 40 gave
    # 2.021 for 35, and intervals slightly too narrow.
    assert reports.t_critical(35) == pytest.approx(2.0301, abs=0.0001)
    assert reports.t_critical(60) == pytest.approx(2.0003, abs=0.0001)
    assert reports.t_critical(120) == pytest.approx(1.9799, abs=0.0001)
    assert reports.t_critical(5000) == pytest.approx(1.9604, abs=0.0001)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2025, 8, 31), 2024),
        (date(2025, 9, 1), 2025),
        (date(2026, 1, 15), 2025),
        (date(2026, 8, 31), 2025),
    ],
)
def test_academic_year_runs_from_1_september_to_31_august(day, year):
    assert reports.academic_year_of(day) == year


@pytest.mark.django_db
def test_deliveries_on_31_august_and_1_september_fall_in_different_years():
    last_day = fb.delivered(start=at(2025, 8, 31, 23), pupils=20)
    first_day = fb.delivered(start=at(2025, 9, 1, 0), pupils=30)
    old = reports.build_report(reports.Filters(year=2024))
    new = reports.build_report(reports.Filters(year=2025))
    assert (old.deliveries, old.pupils_reached) == (1, 20)
    assert (new.deliveries, new.pupils_reached) == (1, 30)
    assert last_day.booking.school in old_reached(
        old
    ) and first_day.booking.school not in old_reached(old)


def old_reached(report):
    return set(reports.open_schools(report.filters)) - set(report.not_reached)


@pytest.mark.django_db
def test_pupil_confidence_before_after_and_paired_change():
    d = fb.delivered(start=at(2025, 11, 5))
    fb.pupil_responses(d, list(zip(BEFORE, AFTER, strict=True)))
    p = reports.build_report(reports.Filters(year=2025)).pupils
    assert (p.before.value, p.before.n) == (pytest.approx(3.0), 10)
    assert p.after.value == pytest.approx(4.1)
    assert p.after.low == pytest.approx(3.572, abs=0.001)
    assert p.after.high == pytest.approx(4.628, abs=0.001)
    # differences 2,1,2,1,1,2,1,1,-1,1: mean 1.1, variance 0.7667
    assert p.change.value == pytest.approx(1.1)
    assert p.change.low == pytest.approx(0.474, abs=0.001)
    assert p.change.high == pytest.approx(1.726, abs=0.001)
    assert str(p.change) == "+1.10"
    assert p.knows.value == 1.0


@pytest.mark.django_db
def test_change_counts_only_answers_with_both_before_and_after():
    d = fb.delivered(start=at(2025, 11, 5))
    fb.pupil_responses(d, [(2, 4)] * 10)
    fb.pupil_response(d, before=5, after=None, knows="")
    p = reports.build_report(reports.Filters(year=2025)).pupils
    assert p.before.n == 11 and p.after.n == 10 and p.change.n == 10
    assert p.change.value == pytest.approx(2.0)


@pytest.mark.django_db
def test_pupil_figures_from_9_responses_are_suppressed_and_from_10_shown():
    d = fb.delivered(start=at(2025, 11, 5))
    fb.pupil_responses(d, [(3, 4)] * 9)
    nine = reports.build_report(reports.Filters(year=2025))
    assert nine.pupils.after.suppressed
    assert str(nine.pupils.after) == "fewer than 10 responses"
    assert nine.pupils.after.interval == ""
    table = {t.slug: t for t in reports.tables(nine)}["pupil-confidence"]
    assert as_text(table.rows[1][1]) == "fewer than 10 responses"
    assert "4.00" not in [as_text(c) for row in table.rows for c in row]

    fb.pupil_responses(d, [(3, 4)])
    ten = reports.build_report(reports.Filters(year=2025))
    assert not ten.pupils.after.suppressed
    assert str(ten.pupils.after) == "4.00"


@pytest.mark.django_db
def test_teacher_figures_from_9_responses_are_suppressed_and_from_10_shown():
    d = fb.delivered(start=at(2025, 11, 5))
    for quality in (5, 4, 4, 3, 5, 4, 4, 3, 4):
        fb.teacher_feedback(delivery=d, quality=quality)
    nine = reports.build_report(reports.Filters(year=2025)).teachers
    assert str(nine.quality) == "fewer than 10 responses"
    fb.teacher_feedback(delivery=d, quality=4, would_recommend=False)
    ten = reports.build_report(reports.Filters(year=2025)).teachers
    assert ten.quality.value == pytest.approx(4.0)
    assert str(ten.recommend) == "90%"


@pytest.mark.django_db
def test_coverage_counts_open_schools_reached_by_district():
    north = factories.DistrictFactory(name="North")
    south = factories.DistrictFactory(name="South")
    north_schools = [factories.SchoolFactory(district=north) for _ in range(4)]
    factories.SchoolFactory.create_batch(2, district=south)
    closed = factories.SchoolFactory(district=north, is_open=False)
    fb.delivered(school=north_schools[0], start=at(2025, 10, 1))
    fb.delivered(school=north_schools[0], start=at(2025, 10, 8))
    fb.delivered(school=north_schools[1], start=at(2025, 10, 2))
    fb.delivered(school=closed, start=at(2025, 10, 3))

    report = reports.build_report(reports.Filters(year=2025))
    rows = {r["district__name"]: r for r in report.coverage}
    assert (rows["North"]["total"], rows["North"]["reached"]) == (4, 2)
    assert rows["North"]["share"] == 0.5
    assert (rows["South"]["total"], rows["South"]["reached"]) == (2, 0)
    assert report.open_schools == 6
    assert report.coverage_share == pytest.approx(2 / 6)
    assert report.deliveries == 4 and report.schools_reached == 3
    assert len(report.not_reached) == 4
    assert north_schools[0] not in report.not_reached


@pytest.mark.django_db
def test_not_reached_on_a_topic_lists_schools_without_that_topic():
    knives = cms_factories.topic("Knife crime")
    online = cms_factories.topic("Online safety")
    school = factories.SchoolFactory()
    other = factories.SchoolFactory(district=school.district)
    fb.delivered(
        school=school, session=cms_factories.session_page(topics=[online]), start=at(2025, 10, 1)
    )
    fb.delivered(
        school=other, session=cms_factories.session_page(topics=[knives]), start=at(2025, 10, 1)
    )
    report = reports.build_report(reports.Filters(year=2025, topic=knives.pk))
    assert report.not_reached == [school]
    assert report.deliveries == 1


@pytest.mark.django_db
def test_cancelled_and_future_deliveries_do_not_count():
    from schools.models import Booking
    from tests.factories import schools as school_factories

    cancelled = school_factories.booking(status=Booking.Status.CANCELLED)
    school_factories.delivery(booking_=cancelled, start=at(2025, 10, 1))
    school_factories.delivery(start=at(2025, 10, 2))  # scheduled, no register yet
    assert reports.build_report(reports.Filters(year=2025)).deliveries == 0


@pytest.mark.django_db
def test_training_attendance_no_show_and_waiting_list():
    event = training_factories.event(start=at(2025, 10, 10))
    for attendance in ["attended"] * 3 + ["absent"]:
        training_factories.registration(event_=event, attendance=attendance)
    training_factories.registration(event_=event, status=Registration.Status.WAITLISTED)
    training_factories.registration(event_=event, status=Registration.Status.WAITLISTED)
    t = reports.build_report(reports.Filters(year=2025)).training
    assert (t["attended"], t["absent"], t["waitlisted"]) == (3, 1, 2)
    assert t["attendance_rate"] == 0.75 and t["no_show_rate"] == 0.25
    assert t["events_with_waiting_list"] == 1


@pytest.mark.django_db
def test_month_by_month_has_twelve_months_from_september():
    fb.delivered(start=at(2025, 9, 3), pupils=10)
    fb.delivered(start=at(2025, 9, 20), pupils=15)
    fb.delivered(start=at(2026, 3, 1), pupils=5)
    months = reports.build_report(reports.Filters(year=2025)).months
    assert [m["month"] for m in months][:2] == [date(2025, 9, 1), date(2025, 10, 1)]
    assert months[-1]["month"] == date(2026, 8, 1)
    assert (months[0]["deliveries"], months[0]["pupils_reached"]) == (2, 25)
    assert (months[6]["deliveries"], months[6]["pupils_reached"]) == (1, 5)
    assert months[0]["percent"] == 100 and months[6]["percent"] == 50


@pytest.mark.django_db
def test_filters_by_presenter_format_and_district():
    from cms.models import SessionPage

    p1, p2 = factories.presenter(), factories.presenter()
    workshop = cms_factories.session_page(format=SessionPage.Format.WORKSHOP)
    a = fb.delivered(start=at(2025, 10, 1), presenters=[p1], session=workshop)
    fb.delivered(start=at(2025, 10, 1), presenters=[p2])
    assert reports.build_report(reports.Filters(year=2025, presenter=p1.pk)).deliveries == 1
    assert reports.build_report(reports.Filters(year=2025, format="workshop")).deliveries == 1
    district = a.booking.school.district_id
    assert reports.build_report(reports.Filters(year=2025, district=district)).deliveries == 1
