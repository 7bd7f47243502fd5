"""Feedback rows built directly (no rules applied): use training.services.feedback
when a test is about the rules themselves. Each factory recounts the delivery's
feedback totals afterwards, as the services do, so the reports see the rows."""

from schools.models import Booking
from training.models import PupilResponse, TeacherFeedback, YouSaidWeDid
from training.services.feedback import refresh_feedback_totals

from . import schools as school_factories
from . import training as training_factories
from .core import school_staff


def delivered(*, school=None, session=None, start=None, pupils=30, presenters=None):
    """A delivery that took place, with its register."""
    fields = {"status": Booking.Status.DELIVERED}
    if school is not None:
        fields["school"] = school
    if session is not None:
        fields["session"] = session
    booking = school_factories.booking(**fields)
    d = school_factories.delivery(booking_=booking, start=start, presenters=presenters)
    training_factories.register(d, counts={booking.year_groups[0]: pupils})
    return d


def pupil_response(delivery, *, before=3, after=4, knows="yes", text="", **fields):
    response = PupilResponse.objects.create(
        delivery=delivery,
        before_confidence=before,
        after_confidence=after,
        knows_who_to_talk_to=knows,
        do_differently=text,
        **fields,
    )
    refresh_feedback_totals(delivery.pk)
    return response


def pupil_responses(delivery, pairs, knows="yes"):
    """Many responses at once: pairs is a list of (before, after)."""
    responses = PupilResponse.objects.bulk_create(
        PupilResponse(
            delivery=delivery, before_confidence=b, after_confidence=a, knows_who_to_talk_to=knows
        )
        for b, a in pairs
    )
    refresh_feedback_totals(delivery.pk)
    return responses


def teacher_feedback(
    *, delivery=None, event=None, user=None, relevance=4, quality=4, engagement=4, **fields
):
    school = delivery.booking.school if delivery else None
    user = user or school_staff(school=school)
    feedback = TeacherFeedback.objects.create(
        delivery=delivery,
        event=event,
        user=user,
        school=school,
        relevance=relevance,
        quality=quality,
        engagement=engagement if delivery else None,
        would_recommend=fields.pop("would_recommend", True),
        **fields,
    )
    if delivery is not None:
        refresh_feedback_totals(delivery.pk)
    return feedback


def you_said_we_did(**fields):
    fields.setdefault("you_said", "Sessions were too long for Year 7.")
    fields.setdefault("we_did", "We cut the assembly to 40 minutes.")
    fields.setdefault("date", "2026-01-15")
    return YouSaidWeDid.objects.create(**fields)
