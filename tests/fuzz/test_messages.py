"""Messages to many: the coordinator's forms for an event's people and for DSLs, and
the send button; only a good submission by a coordinator keeps a message."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.models import Message
from tests.factories import training as training_factories
from training.services.events import draft_event_message

from . import strategies as s
from .checks import Change, Outcomes, logged, querydict
from .routes import fuzzes

pytestmark = pytest.mark.django_db

TEXT = {
    "subject": s.mostly(st.sampled_from(["Room change", "New offer"]), s.hostile_text()),
    "body": s.mostly(st.sampled_from(["We have moved to Room 4."]), s.hostile_text()),
}


def _who(people):
    return s.mostly(st.just(people.coordinator), st.sampled_from([people.presenter, people.dsl_a]))


@fuzzes("training:event_message")
def test_writing_to_an_events_people(people):
    outcomes = Outcomes()
    event = training_factories.event()
    training_factories.registration(event_=event, user=people.staff_a)
    path = f"/training/events/{event.pk}/message/"

    @s.FUZZ
    @given(who=_who(people), data=s.form(TEXT))
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(path, data)
            if response.status_code == 302:
                message = Message.objects.get()
                assert message.recipient_ids == [people.staff_a.pk]
                assert message.subject == querydict(data)["subject"].strip()
                attempt.accepted({"portal.Message": Change(added=1)})
            else:
                attempt.refused()

    baseline = {"subject": "Room change", "body": "Room 4."}
    cases = s.sharp(baseline, text=["subject", "body"])
    run = s.with_cases(run, [{"who": people.coordinator, "data": c} for c in cases])
    run()
    outcomes.require("accepted", "refused")


@fuzzes("schools:dsl_message")
def test_writing_to_dsls(people):
    outcomes = Outcomes()
    district = people.school_a.district

    @s.FUZZ
    @given(
        who=_who(people),
        data=s.form(
            {
                "districts": s.ids(district),
                "phases": s.mostly(st.just(people.school_a.phase), s.hostile_text()),
                **TEXT,
            }
        ),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post("/messages/dsls/", data)
            if response.status_code == 302:
                assert Message.objects.get().recipient_ids == [people.dsl_a.pk]
                attempt.accepted({"portal.Message": Change(added=1)})
            else:
                attempt.refused()

    baseline = {"districts": str(district.pk), "subject": "New offer", "body": "Spring term."}
    cases = [list(baseline.items())]
    cases += s.sharp(baseline, text=["subject", "body"], integer=["districts"])
    run = s.with_cases(run, [{"who": people.coordinator, "data": c} for c in cases])
    run()
    outcomes.require("accepted", "refused")


@fuzzes("message_detail")
def test_sending_a_checked_message(people):
    outcomes = Outcomes()
    event = training_factories.event()
    training_factories.registration(event_=event, user=people.staff_a)
    message = draft_event_message(
        event, subject="Room change", body="Room 4.", by=people.coordinator
    )
    path = f"/messages/{message.pk}/"

    @s.FUZZ
    @given(
        who=_who(people), data=st.lists(st.tuples(s.hostile_text(), s.hostile_text()), max_size=3)
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            response = attempt.post(path, data)
            if response.status_code == 302:
                assert Message.objects.get().status == Message.Status.SENT
                attempt.accepted({"portal.Message": Change(changed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")
