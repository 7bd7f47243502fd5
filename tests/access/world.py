"""The world the access matrix runs in: one of everything, belonging to school A.

Each object is made the way the portal makes it (services where a rule is
involved, factories otherwise), so a row of the matrix exercises the same
records a real person would reach. School B has staff and nothing else: anything
of school A that staff of school B can open is a leak.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from schools import services as school_services
from schools.models import (
    Booking,
    ClosedDays,
    DateProposal,
    PlannedVisit,
    School,
    SchoolMembership,
    TermPlan,
    Unavailability,
)
from tests import factories
from tests.factories import certificates as certificate_factories
from tests.factories import cms as cms_factories
from tests.factories import schools as school_factories
from tests.factories import training as training_factories
from tests.factories.schools import weekday_after
from training.models import Certificate, PupilResponse, Registration
from training.services import feedback as feedback_services
from training.services.certificates import batches, issuing
from training.services.events import registrations as registration_services

ROLES = [
    "anonymous",
    "pupil",  # no account; has typed school A's pupil feedback code and answered once
    "pending_a",
    "staff_a",
    "dsl_a",  # school A's approved designated safeguarding lead
    "staff_b",
    "presenter",  # delivers school A's visits and runs the training events
    "other_presenter",
    "coordinator",
    "superuser",
]

# Free text that the disclosure check flags: a coordinator and school A's DSL must read it.
DISCLOSURE = "my uncle hits me when I get home"


@dataclass
class World:
    """One of everything, seen from school A."""

    school_a: object
    school_b: object
    users: dict = field(default_factory=dict)
    session: object = None  # the session page school A booked
    requested: object = None  # a new request, not yet scheduled, with another date offered
    visit: object = None  # a scheduled visit in a fortnight, delivered by "presenter"
    delivered: object = None  # last week's visit by "presenter": register, code, answers
    code: str = ""  # the pupil feedback code of `delivered`
    flagged: object = None  # a pupil answer flagged as a possible disclosure
    event: object = None  # upcoming training run by "presenter"; staff_a has a place
    registration: object = None  # staff_a's place at `event`
    past_event: object = None  # training run by "presenter" two days ago; staff_a attended
    attended: object = None  # staff_a's registration at `past_event`
    certificate: object = None  # staff_a's training certificate
    school_certificate: object = None  # school A's participation certificate for `delivered`
    batch: object = None  # the finished certificate run for `past_event`
    unavailability: object = None  # "presenter"'s time off
    membership: object = None  # pending_a's request to join school A
    extra: dict = field(default_factory=dict)

    def survey_url(self):
        return reverse("training:pupil_survey", args=[self.code])


def _people(school_a, school_b, sessions):
    presenter = school_factories.presenter_profile(sessions=sessions).user
    pending_a = factories.UserFactory(first_name="Penny", last_name="Pending")
    school_services.request_membership(
        user=pending_a, school=school_a, role=SchoolMembership.Role.TEACHER
    )
    return {
        "anonymous": None,
        "pupil": None,
        "pending_a": pending_a,
        "staff_a": factories.school_staff(school_a, first_name="Alice", last_name="Alder"),
        "dsl_a": school_factories.dsl(school_a, first_name="Dora", last_name="Dunmore"),
        "staff_b": factories.school_staff(school_b, first_name="Bob", last_name="Birch"),
        "presenter": presenter,
        "other_presenter": school_factories.presenter_profile(sessions=sessions).user,
        "coordinator": factories.coordinator(),
        "superuser": factories.enable_mfa(factories.UserFactory(is_superuser=True, is_staff=True)),
    }


def build_world(on_commit):
    """School A with a booking request, a visit to come, a visit delivered (register,
    pupil code, a flagged answer), two training events, certificates, time off."""
    now = timezone.now()
    school_a = factories.SchoolFactory(name="Alpha Academy")
    school_b = factories.SchoolFactory(name="Beta High")
    session = cms_factories.session_page(title="Staying safe online")
    # A school has one open booking per session, so the new request is for another.
    other_session = cms_factories.session_page(title="Healthy relationships")
    users = _people(school_a, school_b, [session, other_session])
    presenter, staff_a = users["presenter"], users["staff_a"]
    coordinator = users["coordinator"]

    requested = school_factories.booking(
        school=school_a, session=other_session, requested_by=staff_a
    )
    # The coordinator has offered school A another date for it.
    proposed = datetime.combine(weekday_after(30), time(10), tzinfo=school_services.LONDON)
    DateProposal.objects.create(
        booking=requested,
        start=proposed,
        end=proposed + timedelta(hours=1),
        proposed_by=coordinator,
    ).presenters.set([presenter])
    visit = school_factories.booking(
        school=school_a, session=session, status=Booking.Status.SCHEDULED, requested_by=staff_a
    )
    school_factories.delivery(booking_=visit, presenters=[presenter])
    past = school_factories.booking(
        school=school_a, session=session, status=Booking.Status.DELIVERED, requested_by=staff_a
    )
    delivered = school_factories.delivery(
        booking_=past, presenters=[presenter], start=now - timedelta(days=7)
    )
    training_factories.register(delivered, counts={past.year_groups[0]: 437})
    code = feedback_services.feedback_code_for(delivered).code
    with on_commit():
        flagged = feedback_services.submit_pupil_feedback(
            delivered,
            token="",
            after_confidence=4,
            knows_who_to_talk_to="no",
            do_differently=DISCLOSURE,
            retrospective_before=2,
        ).response

    course = cms_factories.course_page(title="Designated safeguarding lead refresher")
    event = training_factories.event(course=course, trainers=[presenter])
    with on_commit():
        registration = registration_services.register_for_event(event, staff_a, school_a)
    past_event = training_factories.event(
        course=course,
        trainers=[presenter],
        start=now - timedelta(days=2),
        booking_closes=now - timedelta(days=4),
    )
    attended = certificate_factories.attendee(event_=past_event, user=staff_a)
    with on_commit():
        batch = batches.start_event_certificates(past_event, by=coordinator, email_holders=False)
    batch.refresh_from_db()
    attended.refresh_from_db()
    school_certificate = issuing.record_participation_certificate(delivered, by=coordinator)

    start = now + timedelta(days=60)
    unavailability = school_services.record_unavailability(
        presenter=presenter, start=start, end=start + timedelta(days=1), reason="Leave"
    )
    inset_day = school_services.next_open_day(timezone.localdate() + timedelta(days=120), school_a)
    closed_day = ClosedDays.objects.create(
        name="INSET day", kind="inset", first_day=inset_day, last_day=inset_day, school=school_a
    )
    plan, offer = _term_plan(school_a, presenter, coordinator, proposed)
    return World(
        extra={"closed_day": closed_day, "plan": plan, "offer": offer},
        school_a=school_a,
        school_b=school_b,
        users=users,
        session=session,
        requested=requested,
        visit=visit,
        delivered=delivered,
        code=code,
        flagged=flagged,
        event=event,
        registration=registration,
        past_event=past_event,
        attended=attended,
        certificate=attended.certificate,
        school_certificate=school_certificate,
        batch=batch,
        unavailability=unavailability,
        membership=users["pending_a"].school_memberships.get(),
    )


def _term_plan(school, presenter, coordinator, start):
    """A term plan ready to check with one visit to school A, and an offer from an
    earlier plan already sent to school A (a booking with its date proposed)."""
    planned_session = cms_factories.session_page(title="Knife crime: the real story")
    plan = TermPlan.objects.create(
        first_day=start.date(),
        last_day=start.date() + timedelta(days=10),
        status=TermPlan.Status.READY,
        solved_at=timezone.now(),
        created_by=coordinator,
    )
    fields = {
        "aim": "Knife crime, Year 9",
        "school": school,
        "session": planned_session,
        "year_group": 9,
        "presenter": presenter,
        "day": start.date(),
        "start": time(10),
        "end": time(11),
        "pupils": 30,
    }
    PlannedVisit.objects.create(plan=plan, **fields)
    sent = TermPlan.objects.create(
        first_day=plan.first_day,
        last_day=plan.last_day,
        status=TermPlan.Status.SENT,
        created_by=coordinator,
    )
    booking = school_factories.booking(
        school=school, session=planned_session, requested_by=coordinator, year_groups=[9]
    )
    DateProposal.objects.create(
        booking=booking, start=start, end=start + timedelta(hours=1), proposed_by=coordinator
    ).presenters.set([presenter])
    PlannedVisit.objects.create(
        plan=sent, booking=booking, offer_state=PlannedVisit.OfferState.SENT, **fields
    )
    return plan, booking


def become(client, world, role):
    """Make `client` the browser of someone in `role`.

    A pupil never signs in: the browser has typed the code on /feedback/ and
    answered the "before" question, so it holds the pairing cookie the survey
    uses to match its later answer. Everyone else is signed in as their user.
    """
    if role == "pupil":
        entered = client.post(reverse("training:feedback"), {"code": world.code.lower()})
        assert entered.status_code == 302 and entered.url == world.survey_url()
        answered = client.post(world.survey_url(), {"stage": "before", "before_confidence": "3"})
        assert answered.status_code == 302, "the pupil's first answer was refused"
        return client
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def assert_fresh(world):
    """The database holds the world as built: nothing a previous test's POST changed
    survived (each test's savepoint was rolled back)."""
    fresh = {
        "membership": type(world.membership).objects.get(pk=world.membership.pk).status,
        "requested": Booking.objects.get(pk=world.requested.pk).status,
        "visit": Booking.objects.get(pk=world.visit.pk).status,
        "place": Registration.objects.get(pk=world.registration.pk).status,
        "revoked": Certificate.objects.get(pk=world.certificate.pk).revoked_at,
        "followed_up": PupilResponse.objects.get(pk=world.flagged.pk).followed_up_at,
        "answers": PupilResponse.objects.count(),
        "time_off": Unavailability.objects.filter(pk=world.unavailability.pk).exists(),
        "feed": School.objects.get(pk=world.school_a.pk).calendar_token,
    }
    assert fresh == {
        "membership": SchoolMembership.Status.PENDING,
        "requested": Booking.Status.REQUESTED,
        "visit": Booking.Status.SCHEDULED,
        "place": "confirmed",
        "revoked": None,
        "followed_up": None,
        "answers": 1,
        "time_off": True,
        "feed": world.school_a.calendar_token,
    }
