"""Pupils' free text, pairing hashes and certificate ZIPs go after their period;
ratings, flagged answers awaiting follow-up and certificates stay."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.clock import purge_at
from tests.factories import certificates as certificate_factories
from tests.factories import feedback as feedback_factories
from tests.factories import training as training_factories
from tests.factories.certificates import media_in_tmp  # noqa: F401
from training.models import CertificateBatch, PupilResponse
from training.services.feedback import CODE_LIFETIME, pairing_hash

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def _scores():
    """What the reports count: every answer's scores, none of its words."""
    return sorted(
        PupilResponse.objects.values_list(
            "before_confidence", "after_confidence", "knows_who_to_talk_to"
        ),
        key=repr,
    )


@pytest.fixture
def delivery():
    return feedback_factories.delivered(start=timezone.now() - DAY)


def _text(response):
    response.refresh_from_db()
    return response.do_differently


def test_free_text_goes_after_a_year_and_the_ratings_still_count(delivery):
    said = feedback_factories.pupil_response(
        delivery, before=2, after=5, text="More about online games"
    )
    feedback_factories.pupil_response(delivery, before=3, after=3, knows="not_sure")
    figures = _scores()
    now = timezone.now()

    assert purge_at(now + 364 * DAY)["purge_pupil_free_text"] == 0
    assert _text(said) == "More about online games"

    assert purge_at(now + 366 * DAY)["purge_pupil_free_text"] == 1
    said.refresh_from_db()
    assert said.do_differently == ""
    assert (said.before_confidence, said.after_confidence, said.knows_who_to_talk_to) == (
        2,
        5,
        "yes",
    )
    assert PupilResponse.objects.count() == 2
    assert _scores() == figures


def test_a_flagged_answer_stays_until_someone_has_followed_it_up(delivery, coordinator):
    waiting = feedback_factories.pupil_response(delivery, text="someone hurts me", flagged=True)
    done = feedback_factories.pupil_response(
        delivery,
        text="someone scares me",
        flagged=True,
        followed_up_at=timezone.now(),
        followed_up_by=coordinator,
    )
    counts = purge_at(timezone.now() + 1000 * DAY)
    assert counts["purge_pupil_free_text"] == 1
    assert _text(waiting) == "someone hurts me"
    assert _text(done) == ""
    done.refresh_from_db()
    assert done.flagged
    assert done.followed_up_by == coordinator


def test_the_period_follows_the_setting(delivery, settings):
    settings.PORTAL_RETENTION_DAYS = {"pupil_free_text": 30}
    said = feedback_factories.pupil_response(delivery, text="Shorter please")
    purge_at(timezone.now() + 29 * DAY)
    assert _text(said) == "Shorter please"
    purge_at(timezone.now() + 31 * DAY)
    assert _text(said) == ""


def test_an_unpaired_before_answer_loses_its_hash_when_the_code_stops_working(delivery):
    waiting = PupilResponse.objects.create(
        delivery=delivery, pairing_hash=pairing_hash("browser-token"), before_confidence=2
    )
    expires = delivery.end + CODE_LIFETIME

    assert purge_at(expires - DAY)["purge_pupil_pairing_hashes"] == 0
    waiting.refresh_from_db()
    assert waiting.pairing_hash == pairing_hash("browser-token")

    assert purge_at(expires + DAY)["purge_pupil_pairing_hashes"] == 1
    waiting.refresh_from_db()
    assert waiting.pairing_hash == ""
    assert waiting.before_confidence == 2


def _finished_batch():
    registration = certificate_factories.attendee()
    batch = CertificateBatch.objects.create(
        event=registration.event,
        status=CertificateBatch.Status.FINISHED,
        total=2,
        done=1,
        errors=[{"name": "Imogen Thistlewood", "message": "No name on the account."}],
        finished_at=timezone.now(),
    )
    batch.zip_file.save("certificates.zip", ContentFile(b"PK zip bytes"))
    return batch


def test_a_certificate_zip_and_its_problem_list_go_after_thirty_days():
    batch = _finished_batch()
    name = batch.zip_file.name
    now = timezone.now()

    assert purge_at(now + 29 * DAY)["purge_certificate_zips"] == 0
    assert default_storage.exists(name)

    assert purge_at(now + 31 * DAY)["purge_certificate_zips"] == 1
    batch.refresh_from_db()
    assert not batch.zip_file
    assert batch.errors == []
    assert (batch.total, batch.done) == (2, 1)
    assert not default_storage.exists(name)


def test_issued_certificates_and_their_pdfs_stay():
    certificate = certificate_factories.training_certificate()
    purge_at(timezone.now() + 3000 * DAY)
    certificate.refresh_from_db()
    assert certificate.holder_name
    assert default_storage.exists(certificate.pdf.name)


def test_a_run_with_nothing_expired_changes_nothing(delivery, coordinator):
    """Everything fresh: every purge counts 0 and every row is as it was. Then,
    long after, a second run finds nothing left to do."""
    from allauth.account.models import EmailAddress

    from schools.models import SchoolMembership
    from tests import factories

    feedback_factories.pupil_response(delivery, text="Good session")
    feedback_factories.pupil_response(delivery, text="Help", flagged=True)
    PupilResponse.objects.create(delivery=delivery, pairing_hash="a" * 64, before_confidence=3)
    factories.MembershipFactory(status=SchoolMembership.Status.REJECTED)
    unconfirmed = factories.UserFactory(verified=False)
    EmailAddress.objects.create(user=unconfirmed, email=unconfirmed.email, verified=False)
    _finished_batch()
    training_factories.registration()

    def snapshot():
        from django.contrib.auth import get_user_model

        return (
            list(PupilResponse.objects.order_by("pk").values()),
            list(SchoolMembership.objects.order_by("pk").values()),
            list(get_user_model().objects.order_by("pk").values_list("pk", "email")),
            list(CertificateBatch.objects.order_by("pk").values()),
        )

    before = snapshot()
    counts = purge_at(timezone.now() + DAY)
    assert set(counts.values()) == {0}
    assert snapshot() == before

    later = timezone.now() + 5000 * DAY
    assert set(purge_at(later).values()) != {0}
    assert set(purge_at(later).values()) == {0}


def test_staff_comments_go_after_two_years_and_their_ratings_still_count(delivery):
    from training.models import DeliveryFeedbackTotals, TeacherFeedback

    def totals():
        return list(DeliveryFeedbackTotals.objects.values())

    said = feedback_factories.teacher_feedback(
        delivery=delivery, relevance=5, quality=2, comments="Mr Hale's class needed more time"
    )
    ratings = list(
        TeacherFeedback.objects.values_list("relevance", "quality", "engagement", "would_recommend")
    )
    before = totals()
    now = timezone.now()

    assert purge_at(now + 729 * DAY)["purge_staff_comments"] == 0
    said.refresh_from_db()
    assert said.comments == "Mr Hale's class needed more time"

    assert purge_at(now + 731 * DAY)["purge_staff_comments"] == 1
    said.refresh_from_db()
    assert said.comments == ""
    assert (
        list(
            TeacherFeedback.objects.values_list(
                "relevance", "quality", "engagement", "would_recommend"
            )
        )
        == ratings
    )
    assert totals() == before
    assert purge_at(now + 800 * DAY)["purge_staff_comments"] == 0
