"""Planning a term: hostile input to the coordinator's plan pages (a new plan, a plan
and its changes, planning again, sending the offers), to a school's answer to an
offer, and to a presenter's working pattern. The plans are built with the stand-in
solver, never the real one."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schools.models import Booking, DateProposal, PlannedVisit, PresenterProfile, TermPlan
from schools.services import plans
from schools.services.plans import AimChoice
from schools.services.plans.runs import run_plan
from tests.factories import plans as plan_factories
from tests.factories import schools as school_factories

from . import strategies as s
from .checks import Change, Outcomes, assert_sound, attempt_as, logged, querydict, segment
from .routes import fuzzes

pytestmark = pytest.mark.django_db

OfferState = PlannedVisit.OfferState


def _plan(county):
    """A plan ready to check, its three visits placed by the stand-in solver."""
    plan = plans.start_plan(
        by=county.coordinator,
        first_day=county.first_day,
        last_day=county.last_day,
        aims=[
            AimChoice(
                session_id=county.session.pk, year_group=9, district_ids=(county.district.pk,)
            )
        ],
    )
    run_plan(plan.pk, solve=plan_factories.fake_solve)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def county(db):
    return plan_factories.tiny_county()


@pytest.fixture
def ready(county):
    """A plan ready to check, and another still waiting for its first run."""
    waiting = plans.start_plan(
        by=county.coordinator,
        first_day=county.first_day,
        last_day=county.last_day,
        aims=[AimChoice(session_id=county.session.pk, year_group=8)],
    )
    return _plan(county), waiting


def _who(county, people):
    return s.mostly(
        st.just(county.coordinator),
        st.sampled_from([people.presenter, people.staff_a, county.dsls[county.schools[0].pk]]),
    )


@fuzzes("schools:plan_new")
def test_starting_a_term_plan(people, county):
    outcomes = Outcomes()
    first, last = county.first_day.isoformat(), county.last_day.isoformat()
    other_aim = {
        f"aim_{n}_{part}": s.mostly(st.sampled_from(values), s.hostile(extra=[county.session.pk]))
        for n in (2, 3)
        for part, values in (("session", [""]), ("weight", ["1", "2", "3"]))
    }

    @s.FUZZ
    @given(
        who=_who(county, people),
        data=s.form(
            {
                "first_day": s.date(st.sampled_from([first, "2020-01-06"])),
                "last_day": s.date(st.sampled_from([last, first])),
                "aim_1_session": st.just(str(county.session.pk)),
                "aim_1_year": s.integer(st.sampled_from(["8", "9", "10", "5"])),
                "aim_1_districts": st.sampled_from([str(county.district.pk), ""]),
                "aim_1_phase": st.sampled_from(["", "secondary", "primary"]),
                "aim_1_not_reached": st.sampled_from(["", "1", "50"]),
                "aim_1_weight": st.sampled_from(["1", "2", "3"]),
                **other_aim,
            },
            extra=[county.session.pk, county.other_district.pk, 0],
        ),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post("/plans/new/", data)
            if response.status_code == 302:
                attempt.accepted({"schools.TermPlan": Change(added=1), **logged()})
                plan = TermPlan.objects.order_by("pk").last()
                assert response.url == f"/plans/{plan.pk}/"
                assert plan.status == TermPlan.Status.SOLVING
                assert plan.created_by == county.coordinator
                assert plan.first_day == s.posted_date(data, "first_day")
                assert plan.last_day == s.posted_date(data, "last_day")
                posted = querydict(data)
                assert plan.aims[0]["session_id"] == int(posted["aim_1_session"])
                assert plan.aims[0]["year_group"] == int(posted["aim_1_year"])
            else:
                attempt.refused()

    baseline = {
        **dict(s.date_pairs("first_day", first)),
        **dict(s.date_pairs("last_day", last)),
        "aim_1_session": str(county.session.pk),
        "aim_1_year": "9",
        "aim_1_weight": "1",
        "aim_2_weight": "1",
        "aim_3_weight": "1",
    }
    cases = s.sharp(
        baseline,
        date=["first_day", "last_day"],
        integer=["aim_1_session", "aim_1_year", "aim_1_districts", "aim_1_weight"],
    )
    run = s.with_cases(run, [{"who": county.coordinator, "data": c} for c in cases])
    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:plan_detail")
def test_reading_a_plan(people, county, ready):
    plan, waiting = ready

    @s.FUZZ
    @given(
        who=_who(county, people),
        pk=s.mostly(st.sampled_from([plan.pk, waiting.pk]), s.ids()),
        data=s.form({"page": s.hostile_text(), "change": s.hostile_text()}),
    )
    def run(who, pk, data):
        with attempt_as(who) as attempt:
            path = f"/plans/{segment(pk)}/"
            for response in (attempt.get(path, data), attempt.post(path, data)):
                assert_sound(response)
                if who != county.coordinator:
                    assert response.status_code in (403, 404)
            assert attempt.changes() == {}

    run()


@fuzzes("schools:plan_again")
def test_planning_a_term_again(people, county, ready):
    outcomes = Outcomes()
    plan, waiting = ready

    @s.FUZZ
    @given(
        who=_who(county, people),
        pk=s.mostly(st.just(plan.pk), s.ids(waiting)),
        method=st.sampled_from(["post", "post", "get"]),
    )
    def run(who, pk, method):
        with outcomes.attempt(who) as attempt:
            path = f"/plans/{segment(pk)}/again/"
            attempt.post(path, []) if method == "post" else attempt.get(path)
            if TermPlan.objects.get(pk=plan.pk).status == TermPlan.Status.SOLVING:
                attempt.accepted({"schools.TermPlan": Change(changed=1), **logged()})
                assert (who, pk, method) == (county.coordinator, plan.pk, "post")
                assert PlannedVisit.objects.filter(plan=plan).count() == 3
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


CHANGES = {"lock": ("locked", True), "unlock": ("locked", False)}
CHANGES |= {"remove": ("removed", True), "restore": ("removed", False)}


@fuzzes("schools:plan_visit_change")
def test_locking_and_removing_a_planned_visit(people, county, ready):
    outcomes = Outcomes()
    plan, waiting = ready
    first, *_ = plan.visits.order_by("pk")
    elsewhere = PlannedVisit.objects.create(
        plan=waiting,
        aim=first.aim,
        school=first.school,
        session=first.session,
        year_group=first.year_group,
        presenter=first.presenter,
        day=first.day,
        start=first.start,
        end=first.end,
        pupils=first.pupils,
    )

    @s.FUZZ
    @given(
        who=_who(county, people),
        pk=s.mostly(st.just(plan.pk), s.ids(waiting)),
        visit=s.mostly(st.just(first.pk), s.ids(elsewhere)),
        change=s.path_segment(st.sampled_from(sorted(CHANGES))),
    )
    def run(who, pk, visit, change):
        with outcomes.attempt(who) as attempt:
            path = f"/plans/{segment(pk)}/visits/{segment(visit)}/{segment(change)}/"
            response = attempt.post(path, [])
            if "wagtailcore.ModelLogEntry" in attempt.changes():
                assert response.status_code == 302
                assert (who, pk, visit) == (county.coordinator, plan.pk, first.pk)
                attempt.accepted({"schools.PlannedVisit": Change(changed=1), **logged()}, logged())
                field, value = CHANGES[change]
                assert getattr(PlannedVisit.objects.get(pk=first.pk), field) is value
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:plan_send")
def test_sending_a_plans_offers(people, county, ready):
    outcomes = Outcomes()
    plan, waiting = ready

    @s.FUZZ
    @given(
        who=_who(county, people),
        pk=s.mostly(st.just(plan.pk), s.ids(waiting)),
        method=st.sampled_from(["post", "post", "get"]),
    )
    def run(who, pk, method):
        with outcomes.attempt(who) as attempt:
            path = f"/plans/{segment(pk)}/send/"
            attempt.post(path, []) if method == "post" else attempt.get(path)
            if TermPlan.objects.get(pk=plan.pk).status == TermPlan.Status.SENT:
                assert (who, pk, method) == (county.coordinator, plan.pk, "post")
                attempt.accepted(SENT)
                for visit in PlannedVisit.objects.filter(plan=plan).select_related("booking"):
                    assert visit.offer_state == OfferState.SENT
                    assert visit.booking.status == Booking.Status.REQUESTED
                    assert visit.booking.proposals.get().status == DateProposal.Status.PENDING
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


SENT = {
    "schools.Booking": Change(added=3),
    "schools.ReferenceCounter": Change(added=1),
    "schools.DateProposal": Change(added=3),
    "schools.DateProposal_presenters": Change(added=3),
    "schools.PlannedVisit": Change(changed=3),
    "schools.TermPlan": Change(changed=1),
    **logged(7),
}


@pytest.fixture
def offer(county):
    """A plan's offers sent: the first school's offer waits for its DSL's answer."""
    plan = _plan(county)
    plans.send_offers(plan, by=county.coordinator)
    visit = plan.visits.select_related("booking", "school").order_by("pk").first()
    return visit


ANSWERS = {
    OfferState.ACCEPTED: {
        "schools.Booking": Change(changed=1),
        "schools.DateProposal": Change(changed=1),
        "schools.Delivery": Change(added=1),
        "schools.DeliveryAssignment": Change(added=1),
        "schools.PlannedVisit": Change(changed=1),
        **logged(3),
    },
    OfferState.ANOTHER_DATE: {
        "schools.DateProposal": Change(changed=1),
        "schools.PlannedVisit": Change(changed=1),
        **logged(2),
    },
    OfferState.DECLINED: {
        "schools.Booking": Change(changed=1),
        "schools.DateProposal": Change(changed=1),
        "schools.PlannedVisit": Change(changed=1),
        **logged(2),
    },
}


@fuzzes("schools:offer")
def test_answering_an_offer(people, county, offer):
    outcomes = Outcomes()
    dsl = county.dsls[offer.school_id]
    stranger = county.dsls[county.schools[1].pk]

    @s.FUZZ
    @given(
        who=s.mostly(st.just(dsl), st.sampled_from([stranger, county.coordinator, people.staff_a])),
        data=s.form(
            {
                "answer": st.sampled_from(["accept", "another_date", "decline"]),
                "reason": s.mostly(st.sampled_from(["Mock exams", ""]), s.hostile_text()),
            }
        ),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            reference = offer.booking.reference
            response = attempt.post(f"/bookings/{segment(reference)}/offer/", data)
            state = PlannedVisit.objects.get(pk=offer.pk).offer_state
            if state != OfferState.SENT:
                assert response.status_code == 302
                assert who == dsl
                attempt.accepted(ANSWERS[state])
                answer = querydict(data)["answer"]
                assert (
                    state
                    == {
                        "accept": OfferState.ACCEPTED,
                        "another_date": OfferState.ANOTHER_DATE,
                        "decline": OfferState.DECLINED,
                    }[answer]
                )
                if state == OfferState.DECLINED:
                    assert Booking.objects.get(pk=offer.booking_id).status == (
                        Booking.Status.CANCELLED
                    )
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:working_pattern")
def test_setting_a_working_pattern(people, county):
    outcomes = Outcomes()
    school_factories.presenter_profile(people.presenter)  # the other has none yet

    @s.FUZZ
    @given(
        who=s.mostly(
            st.sampled_from([people.presenter, people.other_presenter]),
            st.sampled_from([people.staff_a, people.dsl_a]),
        ),
        data=s.form(
            {
                "working_weekdays": st.sampled_from(["0", "1", "4"]),
                "daily_max_visits": s.integer(st.sampled_from(["1", "3", "6"])),
                "base_district": st.sampled_from([str(county.district.pk), ""]),
            },
            extra=["5", "7", county.other_district.pk],
        ),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post("/availability/pattern/", data)
            if response.status_code == 302:
                attempt.accepted(
                    {"schools.PresenterProfile": Change(changed=1), **logged()},
                    {"schools.PresenterProfile": Change(added=1), **logged()},
                )
                profile = PresenterProfile.objects.get(user=who)
                posted = querydict(data)
                assert profile.working_weekdays == sorted(
                    {int(d) for d in posted.getlist("working_weekdays")}
                )
                assert profile.daily_max_visits == int(posted["daily_max_visits"])
                assert str(profile.base_district_id or "") == posted.get("base_district", "")
            else:
                attempt.refused()

    baseline = {"working_weekdays": "0", "daily_max_visits": "3", "base_district": ""}
    cases = s.sharp(baseline, integer=["working_weekdays", "daily_max_visits", "base_district"])
    run = s.with_cases(run, [{"who": people.presenter, "data": c} for c in cases])
    run()
    outcomes.require("accepted", "refused")
