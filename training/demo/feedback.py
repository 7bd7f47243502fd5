"""A year of demo feedback built on whatever deliveries, registers and events exist.

The figures tell a believable story: some sessions clearly work better than
others, teachers mostly agree with pupils, and a few answers need a
safeguarding check. With no deliveries it creates nothing.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from cms.models import SessionPage
from schools.models import Booking, Delivery, SchoolMembership
from training.models import (
    FeedbackRequest,
    PupilResponse,
    Registration,
    TeacherFeedback,
    TrainingEvent,
    YouSaidWeDid,
)
from training.services.feedback import feedback_code_for, rebuild_feedback_totals

PUPILS = SessionPage.Audience.PUPILS

PUPIL_TEXT = [
    "",
    "",
    "",
    "Check my privacy settings",
    "Tell a teacher if something worries me",
    "Block people I don't know",
    "Think before I share photos",
    "Talk to my mum or dad",
    "Not go off with people I don't know",
    "Walk away if someone has a knife and tell an adult",
    "Save the Childline number in my phone",
]
Knows = PupilResponse.KnowsWhoToTalkTo
FLAGGED_TEXT = "Someone in my year is being bullied online and it keeps happening to me too"

YOU_SAID_WE_DID = [
    (
        "Pupils in Year 7 said the online safety assembly was too long to stay focused.",
        "We split it into two 30-minute parts with a quiz in between.",
        date(2025, 11, 20),
    ),
    (
        "Teachers asked for something to follow up the knife crime session in class.",
        "Every knife crime booking now comes with a lesson plan and a short video.",
        date(2026, 1, 14),
    ),
    (
        "Fewer pupils than we hoped knew who to talk to if they were worried.",
        "Sessions now end with the school's own safeguarding lead introducing themselves.",
        date(2026, 3, 3),
    ),
    (
        "Schools in rural districts found it hard to get a date.",
        "Two more presenters now cover the rural districts on Tuesdays and Thursdays.",
        date(2026, 5, 12),
    ),
]


def seed_feedback():
    """Idempotent: does nothing when there are no deliveries or feedback already exists."""
    if not Delivery.objects.exists() or PupilResponse.objects.exists():
        return ""
    past = list(
        Delivery.objects.filter(
            end__lte=timezone.now(),
            booking__status__in=[Booking.Status.SCHEDULED, Booking.Status.DELIVERED],
        )
        .select_related("booking__session", "booking__school", "register")
        .order_by("start")
    )
    rng = random.Random(2026)  # noqa: S311 - demo data, not security

    # Each session has its own typical effect: a clear range from weak to strong.
    sessions = sorted({d.booking.session_id for d in past})
    effect = {pk: [0.3, 1.5, 0.9, 1.2, 0.6][i % 5] for i, pk in enumerate(sessions)}

    for delivery in Delivery.objects.filter(booking__session__audience=PUPILS).select_related(
        "booking__session"
    ):
        feedback_code_for(delivery)

    responses, teacher_rows, requests = [], [], []
    flagged_done = False
    for delivery in past:
        reached = getattr(getattr(delivery, "register", None), "pupils_reached", 0) or 30
        lift = effect[delivery.booking.session_id]
        # Only pupils answer the pupil survey; staff and parents' sessions have none.
        answers = (
            rng.randint(8, min(reached, 45)) if delivery.booking.session.audience == PUPILS else 0
        )
        for i in range(answers):
            before = _clamp(rng.gauss(2.6, 0.9))
            after = _clamp(rng.gauss(2.6 + lift, 0.8))
            paired = rng.random() < 0.55
            text = rng.choice(PUPIL_TEXT)
            flag = False
            if not flagged_done and i == 3 and lift < 1:
                text, flag, flagged_done = FLAGGED_TEXT, True, True
            responses.append(
                PupilResponse(
                    delivery=delivery,
                    before_confidence=before,
                    before_is_retrospective=not paired,
                    after_confidence=after,
                    knows_who_to_talk_to=rng.choices(
                        [Knows.YES, Knows.NOT_SURE, Knows.NO], weights=[55 + lift * 20, 20, 10]
                    )[0],
                    do_differently=text,
                    flagged=flag,
                    # Pupils answer at the end, a few a minute (set after the insert:
                    # the field is auto_now_add).
                    created_at=delivery.end + timedelta(seconds=20 * i),
                )
            )
        staff = SchoolMembership.objects.filter(
            school=delivery.booking.school_id, status=SchoolMembership.Status.APPROVED
        ).select_related("user")
        for membership in staff[:2]:
            if rng.random() < 0.75:
                quality = _clamp(rng.gauss(3.2 + lift, 0.6))
                teacher_rows.append(
                    TeacherFeedback(
                        delivery=delivery,
                        user=membership.user,
                        school=delivery.booking.school,
                        relevance=_clamp(rng.gauss(3.6 + lift / 2, 0.6)),
                        quality=quality,
                        engagement=_clamp(rng.gauss(3.0 + lift, 0.7)),
                        would_recommend=quality >= 3,
                        comments="",
                    )
                )
        requests.append(FeedbackRequest(delivery=delivery, recipients=min(len(staff), 1)))

    for event in TrainingEvent.objects.filter(end__lte=timezone.now()):
        attended = Registration.objects.filter(
            event=event, attendance=Registration.Attendance.ATTENDED
        )
        for registration in attended:
            if rng.random() < 0.7:
                quality = _clamp(rng.gauss(4.1, 0.7))
                teacher_rows.append(
                    TeacherFeedback(
                        event=event,
                        user=registration.user,
                        school=registration.school,
                        relevance=_clamp(rng.gauss(4.0, 0.7)),
                        quality=quality,
                        would_recommend=quality >= 3,
                    )
                )
        requests.append(FeedbackRequest(event=event, recipients=attended.count()))

    answered_at = [r.created_at for r in responses]
    PupilResponse.objects.bulk_create(responses)
    for response, when in zip(responses, answered_at, strict=True):
        response.created_at = when
    PupilResponse.objects.bulk_update(responses, ["created_at"], batch_size=500)
    TeacherFeedback.objects.bulk_create(teacher_rows)
    rebuild_feedback_totals(d.pk for d in past)
    FeedbackRequest.objects.bulk_create(requests)
    if not YouSaidWeDid.objects.exists():
        YouSaidWeDid.objects.bulk_create(
            YouSaidWeDid(you_said=s, we_did=d, date=when) for s, d, when in YOU_SAID_WE_DID
        )
    return f"{len(responses)} pupil answers, {len(teacher_rows)} teacher answers"


def _clamp(value):
    return max(1, min(5, round(value)))
