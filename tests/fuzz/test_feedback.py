"""Pupil voice (codes, the survey), teacher feedback, flagged answers and the
presenter's code screen."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import feedback as feedback_factories
from tests.factories import training as training_factories
from training.models import FeedbackCode, PupilResponse, Registration, TeacherFeedback
from training.services import feedback as services

from . import strategies as s
from .checks import (
    Change,
    Outcomes,
    assert_sound,
    attempt_as,
    client_for,
    logged,
    querydict,
    segment,
    without_totals,
)
from .routes import fuzzes

pytestmark = pytest.mark.django_db

CONFIDENCE = s.integer(st.sampled_from(["1", "2", "3", "4", "5"]))
RATING = s.integer(st.sampled_from(["1", "2", "3", "4", "5"]))


@pytest.fixture
def code(past_delivery):
    """The feedback code of a visit that has just ended (pupils answer "after")."""
    return services.feedback_code_for(past_delivery).code


@fuzzes("training:feedback")
def test_typing_a_feedback_code(code):
    outcomes = Outcomes()
    typed = st.sampled_from([code, code.lower(), f"{code[:3]} {code[3:]}", f" {code}-"])

    @s.FUZZ
    @given(data=s.form({"code": typed}), as_json=st.booleans())
    def run(data, as_json):
        with outcomes.attempt() as attempt:
            response = attempt.post("/feedback/", data, as_json=as_json)
            if response.status_code == 302:
                assert response.url == f"/feedback/{code}/"
                attempt.accepted({})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:pupil_survey")
def test_answering_the_pupil_survey(people, code, past_delivery):
    outcomes = Outcomes()

    @s.FUZZ
    @given(
        stage=st.sampled_from([None, "after", "before"]),
        token=st.one_of(st.none(), s.hostile_text()),
        data=s.form(
            {
                "retrospective_before": CONFIDENCE,
                "after_confidence": CONFIDENCE,
                "knows_who_to_talk_to": st.sampled_from(["yes", "not_sure", "no"]),
                "do_differently": s.mostly(
                    st.sampled_from(["", "Tell a teacher", "I am scared at home"]),
                    s.hostile_text(),
                ),
            }
        ),
    )
    def run(stage, token, data):
        with outcomes.attempt() as attempt:
            if token:
                # As a WSGI server hands on any bytes: one character per byte.
                raw = token.encode("utf-8", "surrogatepass").decode("latin-1")
                attempt.client.cookies["pupil_pair"] = raw
            pairs = data if stage is None else [("stage", stage), *data]
            response = attempt.post(f"/feedback/{code}/", pairs)
            if attempt.changes():
                assert response.status_code in (200, 302)
                assert b"govuk-error" not in response.content
                answer = PupilResponse.objects.get(delivery=past_delivery)
                flagged = answer.flagged
                attempt.accepted(
                    {"training.PupilResponse": Change(added=1), **(logged() if flagged else {})},
                    adjust=without_totals,
                )
                if stage != "before":
                    text = querydict(data).get("do_differently", "").strip()
                    assert answer.do_differently == text
                if flagged:  # the safeguarding lead reads the pupil's words as typed
                    page = client_for(people.dsl_a).get(f"/feedback/flagged/{answer.pk}/")
                    assert page.status_code == 200
                    assert_sound(page)
            else:
                attempt.refused()

    scared = f"I am scared at home {s.MARKUP}<script>alert(1)</script>"
    baseline = {"retrospective_before": "2", "after_confidence": "4", "knows_who_to_talk_to": "no"}
    run = s.with_cases(
        run,
        [
            {"stage": "after", "token": None, "data": [*baseline.items(), ("do_differently", t)]}
            for t in (scared, "\x00", "x" * 501)
        ],
    )
    run()
    outcomes.require("accepted", "refused")


@fuzzes(
    "training:pupil_thanks",
    "training:show_feedback_code",
    "training:feedback_code_qr",
    "training:feedback_code_poster",
)
def test_code_pages_answer_only_real_codes_and_deliveries(people, code, past_delivery):
    codes = s.path_segment(st.sampled_from([code, code.lower(), "AAAAAA"]))

    @s.FUZZ
    @given(value=codes, pk=s.mostly(st.just(past_delivery.pk), s.ids()))
    def run(value, pk):
        with attempt_as(people.presenter) as attempt:
            thanks = attempt.client.get(f"/feedback/{segment(value)}/thanks/")
            assert_sound(thanks)
            assert thanks.status_code in (200, 404)
            assert (thanks.status_code == 200) == (value.upper() == code)
            for path in (
                f"/feedback/show/{pk}/",
                f"/feedback/show/{pk}/qr.svg",
                f"/feedback/show/{pk}/poster.pdf",
            ):
                response = attempt.client.get(path)
                assert_sound(response)
                assert response.status_code == (200 if pk == past_delivery.pk else 404)
            assert attempt.changes() == {}

    run()


def _teacher_form(*, engagement=True):
    fields = {
        "relevance": RATING,
        "quality": RATING,
        "engagement": RATING,
        "would_recommend": st.sampled_from(["yes", "no"]),
        "comments": s.mostly(st.sampled_from(["", "Very useful."]), s.hostile_text()),
    }
    if not engagement:
        del fields["engagement"]
    return s.form(fields)


def _check_teacher_feedback(attempt, data):
    response = attempt.response
    if response.status_code == 302 and response.url == "/dashboard/":
        feedback = TeacherFeedback.objects.get()
        assert feedback.comments == querydict(data).get("comments", "").strip()
        assert 1 <= feedback.relevance <= 5 and 1 <= feedback.quality <= 5
        attempt.accepted(
            {"training.TeacherFeedback": Change(added=1), **logged()}, adjust=without_totals
        )
    else:
        attempt.refused()


@fuzzes("training:delivery_feedback")
def test_teacher_feedback_on_a_visit(people, past_delivery):
    outcomes = Outcomes()
    elsewhere = training_factories.event()

    @s.FUZZ
    @given(pk=s.mostly(st.just(past_delivery.pk), s.ids(elsewhere)), data=_teacher_form())
    def run(pk, data):
        with outcomes.attempt(people.staff_a) as attempt:
            attempt.post(f"/feedback/teacher/delivery/{pk}/", data)
            _check_teacher_feedback(attempt, data)

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:event_feedback")
def test_teacher_feedback_on_an_event(people):
    outcomes = Outcomes()
    start = timezone.now() - timedelta(days=2)
    event = training_factories.event(start=start, end=start + timedelta(hours=3))
    training_factories.registration(
        event_=event, user=people.staff_a, attendance=Registration.Attendance.ATTENDED
    )
    not_attended = training_factories.event(start=start, end=start + timedelta(hours=3))

    @s.FUZZ
    @given(
        pk=s.mostly(st.just(event.pk), s.ids(not_attended)),
        data=_teacher_form(engagement=False),
    )
    def run(pk, data):
        with outcomes.attempt(people.staff_a) as attempt:
            attempt.post(f"/feedback/teacher/event/{pk}/", data)
            _check_teacher_feedback(attempt, data)

    run()
    outcomes.require("accepted", "refused")


@fuzzes("training:flagged_followed_up", "training:flagged_response")
def test_following_up_a_flagged_answer(people, past_delivery):
    outcomes = Outcomes()
    flagged = feedback_factories.pupil_response(past_delivery, text="worried", flagged=True)
    done = feedback_factories.pupil_response(
        past_delivery, flagged=True, followed_up_at=timezone.now()
    )
    plain = feedback_factories.pupil_response(past_delivery)

    @s.FUZZ
    @given(
        who=s.mostly(st.sampled_from([people.coordinator, people.dsl_a]), st.just(people.staff_a)),
        pk=s.mostly(st.sampled_from([flagged.pk, done.pk]), s.ids(plain)),
        data=s.form({"note": st.just("Spoke to the pupil")}),
    )
    def run(who, pk, data):
        with outcomes.attempt(who) as attempt:
            page = attempt.client.get(f"/feedback/flagged/{pk}/")
            assert_sound(page)
            attempt.snapshot()
            attempt.post(f"/feedback/flagged/{pk}/followed-up/", data)
            flagged.refresh_from_db()
            if flagged.followed_up_at is not None:
                assert flagged.followed_up_by == who
                attempt.accepted({"training.PupilResponse": Change(changed=1), **logged()})
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")


def test_codes_are_made_once_for_a_delivery(people, past_delivery):
    """The code screen writes (it makes the code the first time): once, and only then."""
    with attempt_as(people.presenter) as attempt:
        assert attempt.client.get(f"/feedback/show/{past_delivery.pk}/").status_code == 200
        assert attempt.changes() == {"training.FeedbackCode": Change(added=1)}
        assert attempt.client.get(f"/feedback/show/{past_delivery.pk}/qr.svg").status_code == 200
        assert FeedbackCode.objects.count() == 1


@fuzzes("training:set_aside_answers")
def test_setting_a_visits_answers_aside(people, past_delivery):
    outcomes = Outcomes()
    feedback_factories.pupil_response(past_delivery)

    @s.FUZZ
    @given(
        who=s.mostly(st.just(people.coordinator), st.just(people.staff_a)),
        data=s.form({"reason": st.just("All from one browser")}),
    )
    def run(who, data):
        with outcomes.attempt(who) as attempt:
            attempt.post(f"/reports/visits/{past_delivery.pk}/set-aside/", data)
            assert attempt.response.status_code in (302, 403)
            counted = PupilResponse.objects.counted().filter(delivery=past_delivery)
            if not counted.exists():
                attempt.accepted(
                    {"training.PupilResponse": Change(changed=1), **logged()},
                    adjust=without_totals,
                )
                PupilResponse.objects.update(set_aside_at=None, set_aside_by=None)
                services.refresh_feedback_totals(past_delivery.pk)
            else:
                attempt.refused()

    run()
    outcomes.require("accepted", "refused")
