"""The term plan's services: the problem read from the database keeps every booking
rule (open days, a school's own closures, leave, qualifications, working pattern,
visits already booked), the aims name the right schools, a run saves its plan, the
coordinator adjusts it, and the offers go to schools through the booking services."""

from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from schools import services
from schools.models import (
    Booking,
    ClosedDays,
    DateProposal,
    PlannedVisit,
    TermPlan,
    Unavailability,
)
from schools.planner.problem import Plan
from schools.services import plans
from schools.services.plans import AimChoice
from schools.services.plans.problem import planned_as_proposed
from schools.services.plans.runs import run_plan
from tests.factories import feedback as delivered_factories
from tests.factories import plans as plan_factories
from tests.factories import schools as school_factories

pytestmark = pytest.mark.django_db

LONDON = services.LONDON


@pytest.fixture
def county():
    return plan_factories.tiny_county()


def _aim(county, **fields):
    fields.setdefault("district_ids", (county.district.pk,))
    return AimChoice(session_id=county.session.pk, year_group=9, **fields)


def _problem(county, **fields):
    return plans.build_problem(county.first_day, county.last_day, [_aim(county, **fields)])


# The problem -----------------------------------------------------------------------


def test_the_term_has_only_open_days(county):
    holiday = county.first_day + timedelta(days=2)
    ClosedDays.objects.create(name="Half term", first_day=holiday, last_day=holiday)
    problem = _problem(county)
    assert holiday not in problem.days
    assert all(day.weekday() < 5 for day in problem.days)
    assert county.first_day in problem.days
    assert len(problem.days) == 9  # two school weeks, less the holiday


def test_a_schools_own_closed_day_is_on_that_school_only(county):
    inset = county.first_day + timedelta(days=1)
    own = county.schools[0]
    ClosedDays.objects.create(
        name="INSET", kind=ClosedDays.Kind.INSET, first_day=inset, last_day=inset, school=own
    )
    problem = _problem(county)
    by_id = {s.id: s for s in problem.schools}
    assert by_id[own.pk].closed_days == frozenset({inset})
    assert by_id[county.schools[1].pk].closed_days == frozenset()
    assert inset in problem.days


def test_presenters_bring_their_qualifications_leave_and_working_pattern(county):
    away = county.first_day + timedelta(days=3)
    Unavailability.objects.create(
        presenter=county.presenter,
        start=datetime.combine(away, time(13), tzinfo=LONDON),
        end=datetime.combine(away, time(15), tzinfo=LONDON),
        reason="Court",
    )
    profile = county.presenter.presenter_profile
    profile.working_weekdays = [0, 1, 2]
    profile.daily_max_visits = 3
    profile.save()
    problem = _problem(county)
    by_id = {pr.id: pr for pr in problem.presenters}
    mine = by_id[county.presenter.pk]
    assert mine.unavailable == frozenset({away})  # an afternoon in court is a day away
    assert mine.qualified_sessions == frozenset({county.session.pk})
    assert mine.working_weekdays == frozenset({0, 1, 2})
    assert mine.daily_max == 3
    assert mine.place == (412_000.0, 349_000.0)  # the base district's point
    assert by_id[county.unqualified.pk].qualified_sessions == frozenset()


def test_visits_already_booked_in_the_term_are_given(county):
    start = datetime.combine(county.first_day, time(10), tzinfo=LONDON)
    school_factories.delivery(
        booking_=school_factories.booking(
            school=county.far_school, session=county.session, status=Booking.Status.SCHEDULED
        ),
        presenters=[county.presenter],
        start=start,
    )
    problem = _problem(county)
    [visit] = problem.booked
    assert visit.presenter_ids == frozenset({county.presenter.pk})
    assert (visit.day, visit.start, visit.end) == (county.first_day, 600, 660)


def test_an_aim_names_open_schools_of_its_districts_that_teach_the_year(county):
    problem = _problem(county)
    [aim] = problem.aims
    assert aim.school_ids == frozenset(s.pk for s in county.schools)  # no primary, no coast
    assert aim.name == "Knife crime: the real story, Year 9"
    everywhere = plans.build_problem(
        county.first_day, county.last_day, [_aim(county, district_ids=())]
    )
    assert county.far_school.pk in everywhere.aims[0].school_ids
    by_id = {s.id: s for s in problem.schools}
    assert by_id[county.schools[0].pk].pupils_per_year == 700 // 7
    assert by_id[county.schools[0].pk].place == (412_000.0, 349_000.0)


def test_an_aim_leaves_out_schools_reached_lately_or_already_asking(county):
    reached, asking = county.schools[0], county.schools[1]
    delivered_factories.delivered(
        school=reached, session=county.session, start=timezone.now() - timedelta(days=100)
    )
    school_factories.booking(school=asking, session=county.session)
    [aim] = _problem(county, not_reached_years=1).aims
    assert aim.school_ids == frozenset({county.schools[2].pk})
    [aim] = _problem(county).aims  # reached or not: only the one asking is left out
    assert aim.school_ids == frozenset({reached.pk, county.schools[2].pk})


# A run and its adjustments -----------------------------------------------------------


def _planned(county, on_commit, **aim):
    with on_commit():
        plan = plans.start_plan(
            by=county.coordinator,
            first_day=county.first_day,
            last_day=county.last_day,
            aims=[_aim(county, **aim)],
        )
    run_plan(plan.pk, solve=plan_factories.fake_solve)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def no_solver(settings):
    """The task runs the stand-in solver (tasks run at once in tests)."""
    settings.SCHOOLS_PLANNER_SOLVER = "tests.factories.plans.fake_solve"


def test_a_run_saves_its_visits_figures_and_what_it_left_out(county, on_commit, no_solver):
    plan = _planned(county, on_commit)
    assert plan.status == TermPlan.Status.READY
    assert plan.progress == 100
    assert plan.solver == "fake"
    visits = list(plan.visits.order_by("day"))
    assert [v.school_id for v in visits] == [s.pk for s in county.schools]
    assert all(v.presenter_id == county.presenter.pk for v in visits)
    assert visits[0].start == time(9, 30) and visits[0].end == time(10, 30)
    assert plan.pupils_reached == 300
    assert plan.aims[0]["school_ids"] == sorted(s.pk for s in county.schools)
    assert ModelLogEntry.objects.filter(action="schools.term_plan.planned").count() == 1


def test_a_plan_says_what_it_could_not_place(county, on_commit, no_solver):
    profile = county.presenter.presenter_profile
    profile.working_weekdays = [0]
    profile.save()
    Unavailability.objects.create(
        presenter=county.presenter,
        start=datetime.combine(county.first_day, time(), tzinfo=LONDON),
        end=datetime.combine(county.last_day, time(23), tzinfo=LONDON),
    )
    plan = _planned(county, on_commit)
    assert plan.visits.count() == 0
    assert {u["school"] for u in plan.unplaced} == {s.name for s in county.schools}
    assert {u["reason"] for u in plan.unplaced} == {"no qualified presenter is free"}


def test_planning_again_keeps_locked_visits_and_leaves_removed_ones_out(
    county, on_commit, no_solver
):
    plan = _planned(county, on_commit)
    first, second, third = plan.visits.order_by("day")
    plans.change_visit(third, "lock", by=county.coordinator)
    plans.change_visit(first, "remove", by=county.coordinator)
    seen = {}

    def solve(problem, **kwargs):
        seen["problem"] = problem
        return plan_factories.fake_solve(problem, **kwargs)

    plans.plan_again(plan, by=county.coordinator)
    run_plan(plan.pk, solve=solve)
    assert [v.school_id for v in seen["problem"].locked] == [third.school_id]
    assert seen["problem"].excluded == {(first.aim, first.school_id)}
    plan.refresh_from_db()
    active = plan.visits.filter(removed=False)
    assert sorted(v.school_id for v in active) == sorted([second.school_id, third.school_id])
    kept = PlannedVisit.objects.get(pk=third.pk)
    assert kept.locked and kept.day == third.day
    assert PlannedVisit.objects.get(pk=first.pk).removed
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"schools.term_plan.visit_locked", "schools.term_plan.visit_removed"} <= actions


def test_only_coordinators_plan_and_only_a_ready_plan_changes(county, on_commit, no_solver):
    with pytest.raises(services.SchoolsError) as refused:
        plans.start_plan(
            by=county.presenter,
            first_day=county.first_day,
            last_day=county.last_day,
            aims=[_aim(county)],
        )
    assert refused.value.code == "forbidden"
    plan = _planned(county, on_commit)
    visit = plan.visits.first()
    with pytest.raises(services.SchoolsError):
        plans.change_visit(visit, "lock", by=county.dsls[visit.school_id])
    plans.plan_again(plan, by=county.coordinator)
    with pytest.raises(services.SchoolsError) as refused:
        plans.change_visit(visit, "remove", by=county.coordinator)
    assert refused.value.code == "not_changeable"
    assert not PlannedVisit.objects.get(pk=visit.pk).removed


def test_bad_terms_and_aims_are_refused_at_their_field(county):
    today = timezone.localdate()
    with pytest.raises(services.SchoolsError) as refused:
        plans.start_plan(
            by=county.coordinator, first_day=today, last_day=today, aims=[_aim(county)]
        )
    assert refused.value.field == "first_day"
    with pytest.raises(services.SchoolsError) as refused:
        plans.start_plan(
            by=county.coordinator,
            first_day=county.last_day,
            last_day=county.first_day,
            aims=[_aim(county)],
        )
    assert refused.value.field == "last_day"
    with pytest.raises(services.SchoolsError) as refused:
        plans.start_plan(
            by=county.coordinator,
            first_day=county.first_day,
            last_day=county.last_day,
            aims=[AimChoice(session_id=county.session.pk, year_group=5)],
        )
    assert refused.value.code == "bad_year_group"
    assert TermPlan.objects.count() == 0


def test_a_solver_that_fails_leaves_a_plain_message(county):
    plan = plans.start_plan(
        by=county.coordinator,
        first_day=county.first_day,
        last_day=county.last_day,
        aims=[_aim(county)],
    )

    def broken(problem, **kwargs):
        raise RuntimeError("boom")

    run_plan(plan.pk, solve=broken)
    plan.refresh_from_db()
    assert plan.status == TermPlan.Status.DRAFT
    assert "stopped with an error" in plan.error


# Offers -----------------------------------------------------------------------------


@pytest.fixture
def sent(county, on_commit, no_solver):
    plan = _planned(county, on_commit)
    mail.outbox.clear()
    with on_commit():
        count, refused = plans.send_offers(plan, by=county.coordinator)
    assert (count, refused) == (3, [])
    plan.refresh_from_db()
    return plan


def test_sending_offers_makes_bookings_with_a_proposed_date_and_emails_each_dsl(county, sent):
    assert sent.status == TermPlan.Status.SENT
    for visit in sent.visits.select_related("booking"):
        assert visit.offer_state == PlannedVisit.OfferState.SENT
        booking = visit.booking
        assert booking.status == Booking.Status.REQUESTED
        assert booking.year_groups == [9]
        proposal = booking.proposals.get(status=DateProposal.Status.PENDING)
        assert list(proposal.presenters.all()) == [county.presenter]
        start = timezone.localtime(proposal.start, LONDON)
        assert (start.date(), start.time()) == (visit.day, time(9, 30))
        assert ModelLogEntry.objects.filter(
            object_id=str(booking.pk), action="schools.booking.offered"
        ).exists()
    by_subject = {m.to[0]: m for m in mail.outbox}
    for school in county.schools:
        message = by_subject[county.dsls[school.pk].email]
        assert message.subject.startswith("A visit offered to your school")
        assert "/offer/" in message.body
        assert "Dana Reid" in message.body


def test_a_school_without_a_dsl_is_not_sent_and_the_coordinator_is_told(on_commit, no_solver):
    county = plan_factories.tiny_county(with_dsls=False)
    plan = _planned(county, on_commit)
    with pytest.raises(services.SchoolsError) as refused:
        plans.send_offers(plan, by=county.coordinator)
    assert refused.value.code == "nothing_sent"
    assert "no approved designated safeguarding lead" in refused.value.message
    assert Booking.objects.count() == 0
    plan.refresh_from_db()
    assert plan.status == TermPlan.Status.READY


def test_accepting_an_offer_schedules_the_visit_with_its_invitation(county, sent, on_commit):
    visit = sent.visits.select_related("booking").first()
    dsl = county.dsls[visit.school_id]
    mail.outbox.clear()
    with on_commit():
        delivery = plans.accept_offer(visit.booking, by=dsl)
    visit.refresh_from_db()
    assert visit.offer_state == PlannedVisit.OfferState.ACCEPTED
    assert visit.booking.status == Booking.Status.SCHEDULED
    assert list(delivery.presenters.all()) == [county.presenter]
    presenter_mail = [m for m in mail.outbox if county.presenter.email in m.to]
    assert presenter_mail
    assert presenter_mail[0].attachments[0][2] == "text/calendar; method=REQUEST"
    [*_, total] = plans.plan_coverage(sent)
    assert (total.schools, total.planned_schools, total.accepted_schools) == (3, 3, 1)
    assert total.accepted_pupils == visit.pupils
    assert ModelLogEntry.objects.filter(action="schools.term_plan.offer_accepted").exists()


def test_an_offer_whose_presenter_was_booked_meanwhile_is_refused_and_the_coordinator_told(
    county, sent, on_commit
):
    visit = sent.visits.select_related("booking").first()
    other = school_factories.booking(school=county.far_school, session=county.session)
    services.schedule_delivery(
        other,
        by=county.coordinator,
        presenters=[county.presenter],
        start=datetime.combine(visit.day, time(10), tzinfo=LONDON),
    )
    mail.outbox.clear()
    with on_commit(), pytest.raises(services.SchoolsError) as refused:
        plans.accept_offer(visit.booking, by=county.dsls[visit.school_id])
    assert refused.value.code == "offer_clash"
    assert "booked elsewhere" in refused.value.message
    visit.refresh_from_db()
    assert visit.offer_state == PlannedVisit.OfferState.CLASH
    assert visit.booking.status == Booking.Status.REQUESTED
    assert not hasattr(visit.booking, "delivery")
    assert not visit.booking.proposals.filter(status=DateProposal.Status.PENDING).exists()
    [notice] = mail.outbox
    assert county.coordinator.email in notice.to
    assert "no longer free" in notice.subject


def test_asking_for_another_date_keeps_the_request_for_the_coordinators(county, sent, on_commit):
    visit = sent.visits.select_related("booking").first()
    mail.outbox.clear()
    with on_commit():
        plans.ask_another_date(
            visit.booking, by=county.dsls[visit.school_id], reason="Mock exams that week"
        )
    visit.refresh_from_db()
    assert visit.offer_state == PlannedVisit.OfferState.ANOTHER_DATE
    assert visit.booking.status == Booking.Status.REQUESTED
    assert visit.booking.proposals.get().status == DateProposal.Status.DECLINED
    assert any(county.coordinator.email in m.to for m in mail.outbox)


def test_declining_an_offer_withdraws_it_and_needs_a_reason(county, sent, on_commit):
    visit = sent.visits.select_related("booking").first()
    dsl = county.dsls[visit.school_id]
    with pytest.raises(services.SchoolsError) as refused:
        plans.decline_offer(visit.booking, by=dsl, reason=" ")
    assert refused.value.field == "reason"
    with on_commit():
        plans.decline_offer(visit.booking, by=dsl, reason="We covered it in PSHE")
    visit.refresh_from_db()
    assert visit.offer_state == PlannedVisit.OfferState.DECLINED
    assert visit.booking.status == Booking.Status.CANCELLED
    assert visit.booking.proposals.get().status == DateProposal.Status.DECLINED


def test_only_the_schools_staff_answer_an_offer(county, sent):
    visit = sent.visits.select_related("booking").first()
    outsider = county.dsls[county.far_school.pk]
    with pytest.raises(services.SchoolsError):
        plans.accept_offer(visit.booking, by=outsider)
    visit.refresh_from_db()
    assert visit.offer_state == PlannedVisit.OfferState.SENT


# The real solver, once it is there ----------------------------------------------------------


def test_the_real_solver_plans_the_tiny_county_within_every_rule(county):
    pytest.importorskip("schools.planner.solve")
    check = pytest.importorskip("schools.planner.check")
    plan = plans.start_plan(
        by=county.coordinator,
        first_day=county.first_day,
        last_day=county.last_day,
        aims=[_aim(county)],
    )
    problem = plans.problem_for_plan(plan)
    run_plan(plan.pk)
    plan.refresh_from_db()
    assert plan.status == TermPlan.Status.READY, plan.error
    assert plan.visits.count() == 3
    # The saved plan, read back, keeps every rule and adds up to the figures saved.
    saved = tuple(replace(planned_as_proposed(v), locked=False) for v in plan.visits.all())
    result = Plan(
        visits=saved,
        unplaced=(),
        pupils_reached=plan.pupils_reached,
        weighted_pupils=plan.weighted_pupils,
        miles=plan.miles,
        solver=plan.solver,
    )
    assert check.violations(problem, result) == []
