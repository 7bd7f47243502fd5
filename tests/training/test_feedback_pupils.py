"""Pupil voice: codes, the survey, pairing, rate limits, anonymity and disclosures."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal import ratelimit
from portal.codes import PUPIL_CODE
from schools.models import SchoolMembership
from tests import factories
from tests.factories import feedback as fb
from training.models import FeedbackCode, PupilResponse
from training.services import feedback as services
from training.views.feedback import PAIR_COOKIE

pytestmark = pytest.mark.django_db

AFTER_ANSWERS = {"stage": "after", "after_confidence": "4", "knows_who_to_talk_to": "yes"}


@pytest.fixture
def live_delivery():
    """A delivery that finished an hour ago."""
    return fb.delivered(start=timezone.now() - timedelta(hours=2))


@pytest.fixture
def code(live_delivery):
    return services.feedback_code_for(live_delivery).code


def survey(code):
    return reverse("training:pupil_survey", args=[code])


def test_code_is_six_unambiguous_characters_and_made_once(live_delivery):
    first = services.feedback_code_for(live_delivery)
    assert len(first.code) == 6 and set(first.code) <= set(PUPIL_CODE.alphabet)
    assert not set(first.code) & set("0O1IL2Z5S8B")
    assert services.feedback_code_for(live_delivery) == first
    assert FeedbackCode.objects.count() == 1


def test_code_entry_accepts_lower_case_and_spaces(client, code):
    response = client.post(
        reverse("training:feedback"), {"code": f" {code[:3].lower()} {code[3:]}"}
    )
    assert response.status_code == 302 and response.url == survey(code)


def test_wrong_code_is_refused_with_a_message(client, code):
    response = client.post(reverse("training:feedback"), {"code": "AAAAAA"})
    assert response.status_code == 200
    assert "We could not find that code" in response.text
    assert client.get(survey("AAAAAA")).status_code == 404


def test_code_stops_working_14_days_after_the_delivery(client, live_delivery, code):
    live_delivery.end = timezone.now() - timedelta(days=14, minutes=1)
    live_delivery.start = live_delivery.end - timedelta(hours=1)
    live_delivery.save()
    response = client.get(survey(code))
    assert response.status_code == 410
    assert "This code has stopped working" in response.text
    response = client.post(survey(code), AFTER_ANSWERS | {"retrospective_before": "2"})
    assert response.status_code == 410
    assert PupilResponse.objects.count() == 0


def test_code_of_a_cancelled_booking_does_not_work(client, live_delivery, code):
    live_delivery.booking.status = "cancelled"
    live_delivery.booking.save()
    assert client.get(survey(code)).status_code == 404


def test_too_many_wrong_codes_from_one_place_are_slowed_down(client, code, settings):
    for _ in range(ratelimit.PUPIL_WRONG_CODES):
        client.post(reverse("training:feedback"), {"code": "AAAAAA"})
    response = client.post(reverse("training:feedback"), {"code": code})
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.text
    assert client.get(survey(code)).status_code == 429
    # Another address (another school) is not affected.
    other = client.post(reverse("training:feedback"), {"code": code}, REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302


def test_one_childs_wrong_codes_never_lock_out_a_class_whose_code_works(client, code):
    """The class shares one address: once their code has worked from it, the rest of
    the class carries on after one child has used up the wrong-code allowance."""
    classmates = [client.__class__() for _ in range(3)]
    first = classmates[0].post(reverse("training:feedback"), {"code": code})
    assert first.status_code == 302
    for _ in range(ratelimit.PUPIL_WRONG_CODES + 5):
        client.post(reverse("training:feedback"), {"code": "AAAAAA"})
    assert client.post(reverse("training:feedback"), {"code": "CCCCCC"}).status_code == 429
    for pupil in classmates[1:]:
        assert pupil.post(reverse("training:feedback"), {"code": code}).status_code == 302
        assert pupil.get(survey(code)).status_code == 200
        answered = pupil.post(survey(code), AFTER_ANSWERS | {"retrospective_before": "2"})
        assert answered.status_code == 200
    assert PupilResponse.objects.filter(delivery__feedback_code__code=code).count() == 2


def test_answers_are_limited_per_code_so_one_class_never_uses_up_anothers(client, settings):
    from django.test import RequestFactory

    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.20")
    for _ in range(ratelimit.PUPIL_ANSWERS):
        ratelimit.pupil_answer_given(request, "AAAAAA")
    assert not ratelimit.pupil_answer_allowed(request, "AAAAAA")
    assert ratelimit.pupil_answer_allowed(request, "CCCCCC")


def test_rate_limit_keys_never_contain_the_address(client, code):
    from django.core.cache import cache

    client.post(reverse("training:feedback"), {"code": "AAAAAA"}, REMOTE_ADDR="203.0.113.7")
    raw = cache._cache  # the backend's own store: local memory, or Redis in CI's second run
    if hasattr(raw, "get_client"):
        keys = [k.decode() for k in raw.get_client().keys("*")]
    else:
        keys = list(raw.keys())
    assert keys and not any("203.0.113.7" in k for k in keys)


def test_before_and_after_from_one_browser_are_paired(client, live_delivery, code):
    live_delivery.start = timezone.now() - timedelta(minutes=5)
    live_delivery.end = timezone.now() + timedelta(minutes=55)
    live_delivery.save()
    page = client.get(survey(code))
    assert "Before we start" in page.text
    response = client.post(survey(code), {"stage": "before", "before_confidence": "2"})
    assert response.status_code == 302
    token = client.cookies[PAIR_COOKIE].value
    row = PupilResponse.objects.get()
    assert row.before_confidence == 2 and row.after_confidence is None
    assert row.pairing_hash == services.pairing_hash(token) and token not in row.pairing_hash

    page = client.get(survey(code))
    assert "What did you think?" in page.text
    assert "Think back to before the session" not in page.text  # no retrospective question
    response = client.post(survey(code), AFTER_ANSWERS | {"after_confidence": "5"})
    assert response.status_code == 200
    row.refresh_from_db()
    assert (row.before_confidence, row.after_confidence) == (2, 5)
    assert not row.before_is_retrospective
    assert row.pairing_hash == ""  # no longer needed once paired
    assert PupilResponse.objects.count() == 1


def test_after_only_asks_how_they_felt_before(client, code):
    page = client.get(survey(code))
    assert "Think back to before the session" in page.text
    response = client.post(survey(code), AFTER_ANSWERS)
    assert response.status_code == 200
    assert "Select how confident you felt before the session" in response.text
    assert PupilResponse.objects.count() == 0
    client.post(survey(code), AFTER_ANSWERS | {"retrospective_before": "1"})
    row = PupilResponse.objects.get()
    assert (row.before_confidence, row.after_confidence, row.before_is_retrospective) == (
        1,
        4,
        True,
    )


def test_a_browser_that_answered_sees_thanks_not_the_survey_again(client, code):
    client.post(survey(code), AFTER_ANSWERS | {"retrospective_before": "3"})
    page = client.get(survey(code))
    assert "Your answers have been sent" in page.text


def test_invalid_answers_get_messages_and_save_nothing(client, code):
    response = client.post(survey(code), {"stage": "after", "after_confidence": "9"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    long = AFTER_ANSWERS | {"retrospective_before": "3", "do_differently": "x" * 501}
    assert "under 500 characters" in client.post(survey(code), long).text
    assert PupilResponse.objects.count() == 0


def test_saved_rows_hold_no_personal_data(client, code):
    client.post(
        survey(code),
        AFTER_ANSWERS | {"retrospective_before": "3", "do_differently": "Check privacy settings"},
        REMOTE_ADDR="198.51.100.23",
        HTTP_USER_AGENT="PupilPhone/1.0",
    )
    row = PupilResponse.objects.values().get()
    assert set(row) == {
        "id", "delivery_id", "pairing_hash", "before_confidence", "before_is_retrospective",
        "after_confidence", "knows_who_to_talk_to", "do_differently", "flagged",
        "followed_up_at", "followed_up_by_id", "set_aside_at", "set_aside_by_id", "created_at",
    }  # fmt: skip
    assert "198.51.100.23" not in str(row) and "PupilPhone" not in str(row)
    assert row["pairing_hash"] == ""


def test_possible_disclosure_is_flagged_and_safeguarding_people_are_told(
    client, live_delivery, code, django_capture_on_commit_callbacks
):
    coordinator = factories.coordinator()
    school = live_delivery.booking.school
    dsl = factories.MembershipFactory(school=school, role=SchoolMembership.Role.DSL).user
    teacher = factories.school_staff(school=school)
    other_dsl = factories.MembershipFactory(role=SchoolMembership.Role.DSL).user
    words = "My uncle hits me when I get home"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            survey(code), AFTER_ANSWERS | {"retrospective_before": "3", "do_differently": words}
        )
    assert "You do not have to deal with this on your own" in response.text
    assert "0800 1111" in response.text
    row = PupilResponse.objects.get()
    assert row.flagged
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {coordinator.email, dsl.email}
    assert teacher.email not in message.to and other_dsl.email not in message.to
    assert words not in message.body and "hits me" not in message.body
    assert reverse("training:flagged_response", args=[row.pk]) in message.body

    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(action="training.pupil_response.flagged").exists()


def test_ordinary_answer_is_not_flagged(client, code, django_capture_on_commit_callbacks):
    factories.coordinator()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            survey(code),
            AFTER_ANSWERS | {"retrospective_before": "3", "do_differently": "Tell my mum"},
        )
    assert not PupilResponse.objects.get().flagged
    assert mail.outbox == []


def test_flagged_answers_are_readable_by_coordinators_and_the_schools_dsl_with_mfa_only(
    client, live_delivery
):
    row = fb.pupil_response(live_delivery, text="someone touches me", flagged=True)
    url = reverse("training:flagged_response", args=[row.pk])
    dsl = factories.MembershipFactory(
        school=live_delivery.booking.school, role=SchoolMembership.Role.DSL
    ).user
    teacher = factories.school_staff(school=live_delivery.booking.school)
    other_dsl = factories.MembershipFactory(role=SchoolMembership.Role.DSL).user
    for user, status in [(teacher, 403), (other_dsl, 403), (factories.presenter(), 403)]:
        client.force_login(user)
        assert client.get(url).status_code == status
    client.force_login(dsl)
    # A password only: sent to set up an authenticator before any pupil's words show.
    page = client.get(url)
    assert page.status_code == 302
    assert (
        page["Location"]
        == f"{reverse('mfa_activate_totp')}?next=%2Ffeedback%2Fflagged%2F{row.pk}%2F"
    )
    assert "someone touches me" not in client.get(url, follow=True).text
    client.post(reverse("training:flagged_followed_up", args=[row.pk]))
    row.refresh_from_db()
    assert row.followed_up_at is None
    factories.enable_mfa(dsl)
    assert "someone touches me" in client.get(url).text
    client.post(reverse("training:flagged_followed_up", args=[row.pk]))
    row.refresh_from_db()
    assert row.followed_up_by == dsl and row.followed_up_at
    client.force_login(factories.coordinator())
    assert client.get(url).status_code == 200


def test_presenter_shows_the_code_and_its_qr_for_own_deliveries_only(client, live_delivery):
    presenter = live_delivery.presenters.first()
    client.force_login(presenter)
    page = client.get(reverse("training:show_feedback_code", args=[live_delivery.pk]))
    code = FeedbackCode.objects.get(delivery=live_delivery).code
    assert code in page.text
    qr = client.get(reverse("training:feedback_code_qr", args=[live_delivery.pk]))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    client.force_login(factories.presenter())
    assert (
        client.get(reverse("training:show_feedback_code", args=[live_delivery.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("training:feedback_code_qr", args=[live_delivery.pk])).status_code == 403
    )


def test_presenter_dashboard_lists_deliveries_with_show_code_links(client, live_delivery):
    client.force_login(live_delivery.presenters.first())
    page = client.get(reverse("dashboard"))
    assert reverse("training:show_feedback_code", args=[live_delivery.pk]) in page.text


def test_a_dsl_dashboard_counts_flagged_answers_and_links_to_them(client, live_delivery):
    fb.pupil_response(live_delivery, text="someone touches me", flagged=True)
    fb.pupil_response(live_delivery, text="they hurt me", flagged=True)
    fb.pupil_response(live_delivery, text="hit me", flagged=True, followed_up_at=timezone.now())
    dsl = factories.MembershipFactory(
        school=live_delivery.booking.school, role=SchoolMembership.Role.DSL
    ).user
    client.force_login(dsl)
    page = client.get(reverse("dashboard"))
    assert "2 pupil answers may need a safeguarding check" in page.text
    assert f'href="{reverse("training:flagged_responses")}"' in page.text
    assert "someone touches me" not in page.text
