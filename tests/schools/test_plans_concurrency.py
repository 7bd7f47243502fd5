"""A planned offer accepted while a coordinator books the same presenter at the same
time through the normal scheduling: on PostgreSQL, with real threads, exactly one
wins, and the loser is told plainly."""

from datetime import timedelta

import pytest

from schools import services
from schools.models import Booking, DeliveryAssignment, PlannedVisit
from schools.services import plans
from tests.factories import plans as plan_factories
from tests.factories import schools as school_factories
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def offered(settings):
    settings.SCHOOLS_PLANNER_SOLVER = "tests.factories.plans.fake_solve"
    county = plan_factories.tiny_county(schools=1)
    plan = plans.start_plan(
        by=county.coordinator,
        first_day=county.first_day,
        last_day=county.last_day,
        aims=[
            plans.AimChoice(
                session_id=county.session.pk, year_group=9, district_ids=(county.district.pk,)
            )
        ],
    )
    plans.send_offers(plan, by=county.coordinator)
    visit = plan.visits.select_related("booking").get(school=county.schools[0])
    other = school_factories.booking(school=county.far_school, session=county.session)
    return county, visit, other


def test_accepting_a_planned_offer_and_a_coordinator_booking_its_presenter_one_wins(offered):
    county, visit, other = offered
    start = visit.booking.proposals.get().start + timedelta(minutes=30)

    def work(i):
        if i == 0:
            return plans.accept_offer(visit.booking, by=county.dsls[visit.school_id])
        return services.schedule_delivery(
            other, by=county.coordinator, presenters=[county.presenter], start=start
        )

    outcomes = race(2, work)
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1, outcomes
    assert isinstance(errors[0], services.SchedulingError)
    assert DeliveryAssignment.objects.filter(presenter=county.presenter).count() == 1
    assert Booking.objects.filter(status=Booking.Status.SCHEDULED).count() == 1
    visit.refresh_from_db()
    if errors[0] is outcomes[0]:  # the school lost: told, and the coordinators too
        assert errors[0].code == "offer_clash"
        assert visit.offer_state == PlannedVisit.OfferState.CLASH
    else:
        assert errors[0].code == "presenter_busy"
        assert visit.offer_state == PlannedVisit.OfferState.ACCEPTED
