"""Each delivery's feedback totals stay equal to its answers, however the answers arrive."""

import importlib
import io
import threading
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from tests import factories
from tests.factories import feedback as fb
from tests.factories import training as training_factories
from training.models import DeliveryFeedbackTotals, PupilResponse, Registration
from training.services import feedback as services
from training.services import reports
from training.services.feedback import pupils, rebuild_feedback_totals
from training.services.feedback import totals as feedback_totals


@pytest.fixture
def delivery():
    """A delivery that finished an hour ago, so pupils and staff may answer."""
    return fb.delivered(start=timezone.now() - timedelta(hours=2))


def totals_of(delivery):
    row = DeliveryFeedbackTotals.objects.filter(delivery=delivery).values().first()
    return {k: v for k, v in row.items() if k not in ("delivery_id", "updated_at")}


def after_answer(delivery, token="", *, after=4, knows="yes", before=None):
    return services.submit_pupil_feedback(
        delivery,
        token=token,
        after_confidence=after,
        knows_who_to_talk_to=knows,
        retrospective_before=before,
    )


def this_year():
    return reports.Filters.current()


@pytest.mark.django_db
def test_pupil_answers_through_the_services_are_counted_as_they_arrive(delivery):
    services.submit_pupil_before(delivery, token="browser-a", confidence=2)
    first = totals_of(delivery)
    assert (first["before_n"], first["before_sum"], first["after_n"]) == (1, 2, 0)

    after_answer(delivery, "browser-a", after=4, knows="yes")  # pairs with its "before"
    after_answer(delivery, before=3, after=3, knows="not_sure")  # retrospective "before"
    totals = totals_of(delivery)
    assert PupilResponse.objects.filter(delivery=delivery).count() == 2
    assert (totals["before_n"], totals["before_sum"], totals["before_squares"]) == (2, 5, 13)
    assert (totals["after_n"], totals["after_sum"], totals["after_squares"]) == (2, 7, 25)
    assert (totals["change_n"], totals["change_sum"], totals["change_squares"]) == (2, 2, 4)
    assert (totals["knows_yes"], totals["knows_n"]) == (1, 2)
    assert totals["teacher_n"] == 0


@pytest.mark.django_db
def test_teacher_feedback_on_a_delivery_is_counted_and_on_an_event_is_not(delivery):
    staff = factories.school_staff(school=delivery.booking.school)
    services.submit_teacher_feedback(
        staff, delivery=delivery, relevance=5, quality=3, engagement=None, would_recommend=False
    )
    totals = totals_of(delivery)
    assert (totals["teacher_n"], totals["relevance_sum"], totals["quality_squares"]) == (1, 5, 9)
    assert (totals["engagement_n"], totals["recommend_yes"]) == (0, 0)

    event = training_factories.event(start=timezone.now() - timedelta(days=1))
    registration = training_factories.registration(
        event_=event, attendance=Registration.Attendance.ATTENDED
    )
    services.submit_teacher_feedback(
        registration.user, event=event, relevance=4, quality=4, would_recommend=True
    )
    assert DeliveryFeedbackTotals.objects.count() == 1


@pytest.mark.django_db
def test_suppression_follows_answers_given_through_the_survey(delivery):
    for _ in range(9):
        after_answer(delivery, before=2, after=4)
    nine = reports.build_report(this_year())
    assert str(nine.pupils.after) == "fewer than 10 responses"
    assert nine.pupils.after.interval == ""
    table = {t.slug: t for t in reports.tables(nine)}["pupil-confidence"]
    assert "4.00" not in str(table.rows)

    after_answer(delivery, before=2, after=4)
    ten = reports.build_report(this_year())
    assert str(ten.pupils.after) == "4.00"
    assert str(ten.pupils.change) == "+2.00"
    assert ten.sessions[0]["pupils"].after.n == 10


@pytest.mark.django_db
def test_rebuilding_recounts_from_the_answers(delivery):
    for after in (1, 2, 3):
        after_answer(delivery, before=3, after=after)
    expected = totals_of(delivery)
    DeliveryFeedbackTotals.objects.update(after_n=99, after_sum=0, knows_yes=7)
    quiet = fb.delivered(start=timezone.now() - timedelta(days=3))
    DeliveryFeedbackTotals.objects.create(delivery=quiet, after_n=5)  # no answers at all

    assert rebuild_feedback_totals() == 1
    assert totals_of(delivery) == expected
    assert not DeliveryFeedbackTotals.objects.filter(delivery=quiet).exists()

    PupilResponse.objects.filter(delivery=delivery, after_confidence=1).delete()
    out = io.StringIO()
    call_command("rebuild_feedback_totals", stdout=out)
    assert "recounted for 1 deliveries" in out.getvalue()
    assert totals_of(delivery)["after_n"] == 2
    assert totals_of(delivery)["after_sum"] == 5


@pytest.mark.django_db
def test_the_migration_counts_answers_given_before_it(delivery):
    fb.pupil_responses(delivery, [(1, 5), (2, 4)])
    fb.teacher_feedback(delivery=delivery, quality=2)
    expected = totals_of(delivery)
    DeliveryFeedbackTotals.objects.all().delete()
    migration = importlib.import_module("training.migrations.0004_feedback_totals")
    migration.count_existing_feedback(apps, None)
    pace = importlib.import_module("training.migrations.0006_pupil_answers_set_aside_and_pace")
    pace.count_pace(apps, None)
    assert totals_of(delivery) == expected
    assert (expected["answers"], expected["busiest_minute"]) == (2, 2)
    assert expected["after_sum"] == 9 and expected["quality_sum"] == 2


# Many pupils at once (PostgreSQL, real threads) -------------------------------------


def race(n, work):
    barrier = threading.Barrier(n)
    errors = []

    def run(i):
        try:
            barrier.wait()
            work(i)
        except Exception as error:  # noqa: BLE001 - any error fails the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_class_answering_at_once_is_counted_in_full(delivery):
    errors = race(20, lambda i: after_answer(delivery, before=1 + i % 5, after=5))
    assert errors == []
    totals = totals_of(delivery)
    assert totals["after_n"] == PupilResponse.objects.filter(delivery=delivery).count() == 20
    assert totals["before_sum"] == sum(1 + i % 5 for i in range(20))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_answers_given_at_once_are_lost(delivery, monkeypatch):
    """Proves the race above is real: recounting without the totals row's lock, each
    racer counts before the others commit, and the last one to write wins."""
    counted = threading.Barrier(10)

    def unlocked_refresh(delivery_id):
        DeliveryFeedbackTotals.objects.get_or_create(delivery_id=delivery_id)
        sums = PupilResponse.objects.filter(delivery_id=delivery_id).aggregate(
            **feedback_totals.pupil_sums()
        )
        counted.wait()  # everyone has counted before anyone writes
        DeliveryFeedbackTotals.objects.filter(delivery_id=delivery_id).update(
            after_n=sums["after_n"]
        )

    DeliveryFeedbackTotals.objects.create(delivery=delivery)
    monkeypatch.setattr(pupils, "refresh_feedback_totals", unlocked_refresh)
    # The visit's own lock (the cap on answers) now also makes answers count one after
    # the other; without it too, the racers reach the totals together, as before it.
    monkeypatch.setattr(pupils, "_make_room", lambda delivery: None)
    errors = race(10, lambda i: after_answer(delivery, before=3, after=4))
    assert errors == []
    assert PupilResponse.objects.filter(delivery=delivery).count() == 10
    assert totals_of(delivery)["after_n"] < 10
