"""The demo feedback: nothing without deliveries; a believable year with them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories
from tests.factories import cms as cms_factories
from tests.factories import feedback as fb
from tests.factories import schools as school_factories
from tests.factories import training as training_factories
from training.demo import seed
from training.demo.feedback import seed_feedback
from training.models import (
    DeliveryFeedbackTotals,
    FeedbackCode,
    PupilResponse,
    TeacherFeedback,
    YouSaidWeDid,
)
from training.models.feedback import BURST_PER_MINUTE
from training.services import reports

pytestmark = pytest.mark.django_db


def test_seed_creates_nothing_without_deliveries():
    assert seed_feedback() == ""
    assert "answers" not in seed()  # the whole training demo adds no feedback either
    assert PupilResponse.objects.count() == 0
    assert YouSaidWeDid.objects.count() == 0


def test_seed_builds_a_story_on_existing_deliveries_and_is_idempotent():
    now = timezone.now()
    sessions = [cms_factories.session_page() for _ in range(3)]
    deliveries = []
    for i in range(12):
        school = factories.SchoolFactory()
        factories.school_staff(school=school)
        deliveries.append(
            fb.delivered(
                school=school,
                session=sessions[i % 3],
                start=now - timedelta(days=5 + i * 7),
                pupils=40,
            )
        )
    upcoming = school_factories.delivery()  # scheduled, in the future
    event = training_factories.event(start=now - timedelta(days=3))
    for _ in range(6):
        training_factories.registration(event_=event, attendance="attended")

    summary = seed_feedback()
    assert "pupil answers" in summary
    assert FeedbackCode.objects.filter(delivery=upcoming).exists()
    assert FeedbackCode.objects.count() == len(deliveries) + 1
    assert not PupilResponse.objects.filter(delivery=upcoming).exists()
    assert PupilResponse.objects.filter(delivery__in=deliveries).count() > 100
    assert PupilResponse.objects.filter(flagged=True).count() == 1
    assert TeacherFeedback.objects.filter(event=event).exists()
    assert YouSaidWeDid.objects.count() == 4

    # Sessions differ clearly in how much confidence grows.
    changes = []
    for session in sessions:
        rows = PupilResponse.objects.filter(delivery__booking__session=session)
        changes.append(sum(r.after_confidence - r.before_confidence for r in rows) / rows.count())
    assert max(changes) - min(changes) > 0.5
    # The report reads each delivery's totals: the demo leaves them counted.
    totals = DeliveryFeedbackTotals.objects.filter(delivery__in=deliveries)
    assert sum(t.after_n for t in totals) == PupilResponse.objects.count()
    assert (
        sum(t.teacher_n for t in totals) == TeacherFeedback.objects.exclude(delivery=None).count()
    )

    # A true story: answers arrive a few a minute after each visit, never more
    # than its pupils, so no visit is marked for a coordinator to check.
    assert all(t.busiest_minute <= BURST_PER_MINUTE for t in totals)
    assert all(t.answers <= 40 for t in totals)
    assert reports.build_report(reports.Filters.current()).to_check == []
    first = PupilResponse.objects.filter(delivery=deliveries[0]).order_by("created_at").first()
    assert first.created_at == deliveries[0].end

    before = PupilResponse.objects.count()
    assert seed_feedback() == ""
    assert PupilResponse.objects.count() == before
