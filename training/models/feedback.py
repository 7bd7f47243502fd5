"""Teacher feedback, anonymous pupil voice, and what the partnership changed in response.

Nothing here identifies a pupil: no names, no IP addresses, no account. A pupil's
"before" and "after" answers are paired through a random token kept in their
browser; only its hash is stored, and only until the pair is complete.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q, Sum
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from portal.codes import PUPIL_CODE
from schools.models import Booking

from .constraints import exactly_one_of

RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
# A delivery takes feedback (its code works, its school is asked) while its booking
# is scheduled or delivered; never once cancelled or declined.
LIVE_BOOKING_STATUSES = (Booking.Status.SCHEDULED, Booking.Status.DELIVERED)
# More pupil answers than this in one clock minute is faster than a class types:
# the report marks the visit for a coordinator to look at. Answers are not refused
# for it; the limit of one answer a pupil reached is the guard.
BURST_PER_MINUTE = 30


class FeedbackCode(models.Model):
    """The short code pupils type (or scan) to answer the survey for one delivery."""

    delivery = models.OneToOneField(
        "schools.Delivery", on_delete=models.CASCADE, related_name="feedback_code"
    )
    code = models.CharField(max_length=PUPIL_CODE.length, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.code


class PupilResponseQuerySet(models.QuerySet):
    def counted(self):
        """The answers the figures count: every one not set aside."""
        return self.filter(set_aside_at__isnull=True)


class PupilResponse(models.Model):
    """One pupil's anonymous answers for one delivery."""

    class Confidence(models.IntegerChoices):
        NOT_AT_ALL = 1, "Not confident at all"
        A_LITTLE = 2, "A little confident"
        QUITE = 3, "Quite confident"
        CONFIDENT = 4, "Confident"
        VERY = 5, "Very confident"

    class KnowsWhoToTalkTo(models.TextChoices):
        YES = "yes", "Yes"
        NOT_SURE = "not_sure", "Not sure"
        NO = "no", "No"

    delivery = models.ForeignKey(
        "schools.Delivery", on_delete=models.CASCADE, related_name="pupil_responses"
    )
    pairing_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="Hash of the browser's random token; emptied once before and after are paired.",
    )
    before_confidence = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=Confidence.choices, validators=RATING_VALIDATORS
    )
    before_is_retrospective = models.BooleanField(
        default=False, help_text="Asked at the end: how confident they felt before."
    )
    after_confidence = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=Confidence.choices, validators=RATING_VALIDATORS
    )
    knows_who_to_talk_to = models.CharField(
        max_length=10, blank=True, choices=KnowsWhoToTalkTo.choices
    )
    do_differently = models.TextField(max_length=500, blank=True)
    flagged = models.BooleanField(
        default=False, help_text="The free text matched a disclosure signal."
    )
    followed_up_at = models.DateTimeField(null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_aside_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Kept, but left out of every figure (answers a coordinator doubted).",
    )
    set_aside_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PupilResponseQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["delivery"]), models.Index(fields=["flagged"])]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "pairing_hash"],
                condition=~models.Q(pairing_hash=""),
                name="one_open_pair_per_browser",
            ),
            models.CheckConstraint(
                condition=models.Q(before_confidence__isnull=False)
                | models.Q(after_confidence__isnull=False),
                name="pupil_response_has_an_answer",
            ),
        ]

    def __str__(self):
        return f"Pupil response {self.pk} for delivery {self.delivery_id}"


class TeacherFeedback(models.Model):
    """A member of staff's view of a school delivery or a training event."""

    delivery = models.ForeignKey(
        "schools.Delivery",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="teacher_feedback",
    )
    event = models.ForeignKey(
        "training.TrainingEvent",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="teacher_feedback",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    relevance = models.PositiveSmallIntegerField(validators=RATING_VALIDATORS)
    quality = models.PositiveSmallIntegerField(validators=RATING_VALIDATORS)
    engagement = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=RATING_VALIDATORS, help_text="School deliveries only."
    )
    would_recommend = models.BooleanField()
    comments = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "teacher feedback"
        constraints = [
            exactly_one_of("teacher_feedback_on_one_thing", {"delivery": {}, "event": {}}),
            models.UniqueConstraint(
                fields=["delivery", "user"], name="one_teacher_feedback_per_delivery"
            ),
            models.UniqueConstraint(
                fields=["event", "user"], name="one_teacher_feedback_per_event"
            ),
        ]

    def __str__(self):
        return f"Feedback from {self.user} on {self.delivery or self.event}"


class FeedbackRequest(models.Model):
    """Feedback requests were emailed for this delivery or event (so never twice)."""

    delivery = models.OneToOneField(
        "schools.Delivery",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback_request",
    )
    event = models.OneToOneField(
        "training.TrainingEvent",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback_request",
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            exactly_one_of("feedback_request_for_one_thing", {"delivery": {}, "event": {}})
        ]

    def __str__(self):
        return f"Feedback request for {self.delivery or self.event}"


class YouSaidWeDid(index.Indexed, models.Model):
    """What the partnership changed in response to a feedback theme (shown publicly)."""

    you_said = models.TextField(
        max_length=600, help_text="The theme from feedback, in plain words. Never quote a pupil."
    )
    we_did = models.TextField(max_length=1000, help_text="What changed as a result.")
    date = models.DateField(help_text="When the change was made.")
    published = models.BooleanField(default=True, help_text="Show on the public page.")

    panels = [
        FieldPanel("you_said"),
        FieldPanel("we_did"),
        FieldPanel("date"),
        FieldPanel("published"),
    ]
    search_fields = [index.SearchField("you_said"), index.SearchField("we_did")]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "you said, we did"
        verbose_name_plural = "you said, we did"

    def __str__(self):
        return self.you_said[:60]


# Each delivery's feedback as counts and sums, so that reports never read every answer.

# Counts and sums of one delivery's pupil answers. Means, variances and shares
# (with their intervals) all follow from these, and they add up across deliveries.
PUPIL_TOTALS = (
    "before_n",
    "before_sum",
    "before_squares",
    "after_n",
    "after_sum",
    "after_squares",
    "change_n",
    "change_sum",
    "change_squares",
    "knows_yes",
    "knows_n",
)
# The same for teachers' ratings of the delivery.
TEACHER_TOTALS = (
    "teacher_n",
    "relevance_sum",
    "relevance_squares",
    "quality_sum",
    "quality_squares",
    "engagement_n",
    "engagement_sum",
    "engagement_squares",
    "recommend_yes",
)


def pupil_sums():
    """Aggregate expressions over pupil answers, named as PUPIL_TOTALS."""
    before, after = F("before_confidence"), F("after_confidence")
    paired = Q(before_confidence__isnull=False, after_confidence__isnull=False)
    answered = ~Q(knows_who_to_talk_to="") & Q(knows_who_to_talk_to__isnull=False)
    return {
        "before_n": Count("before_confidence"),
        "before_sum": Sum(before),
        "before_squares": Sum(before * before),
        "after_n": Count("after_confidence"),
        "after_sum": Sum(after),
        "after_squares": Sum(after * after),
        "change_n": Count("id", filter=paired),
        "change_sum": Sum(after - before, filter=paired),
        "change_squares": Sum((after - before) * (after - before), filter=paired),
        "knows_yes": Count("id", filter=Q(knows_who_to_talk_to=PupilResponse.KnowsWhoToTalkTo.YES)),
        "knows_n": Count("id", filter=answered),
    }


def teacher_sums():
    """Aggregate expressions over teacher feedback, named as TEACHER_TOTALS."""
    return {
        "teacher_n": Count("id"),
        "relevance_sum": Sum("relevance"),
        "relevance_squares": Sum(F("relevance") * F("relevance")),
        "quality_sum": Sum("quality"),
        "quality_squares": Sum(F("quality") * F("quality")),
        "engagement_n": Count("engagement"),
        "engagement_sum": Sum("engagement"),
        "engagement_squares": Sum(F("engagement") * F("engagement")),
        "recommend_yes": Count("id", filter=Q(would_recommend=True)),
    }


class DeliveryFeedbackTotals(models.Model):
    """Counts and sums of one delivery's pupil answers and teacher ratings.

    Kept by the feedback services in the same transaction as each answer
    (training/services/feedback/totals.py), so a national report adds up one
    row per delivery instead of millions of answers. Counts and sums only:
    nothing here is a person's answer that is not already in the answers table,
    and the reports still suppress any figure from too few answers.
    """

    delivery = models.OneToOneField(
        "schools.Delivery",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="feedback_totals",
    )
    before_n = models.PositiveIntegerField(default=0)
    before_sum = models.PositiveIntegerField(default=0)
    before_squares = models.PositiveIntegerField(default=0)
    after_n = models.PositiveIntegerField(default=0)
    after_sum = models.PositiveIntegerField(default=0)
    after_squares = models.PositiveIntegerField(default=0)
    change_n = models.PositiveIntegerField(default=0, help_text="Answers with before and after.")
    change_sum = models.IntegerField(default=0)
    change_squares = models.PositiveIntegerField(default=0)
    knows_yes = models.PositiveIntegerField(default=0)
    knows_n = models.PositiveIntegerField(default=0)
    teacher_n = models.PositiveIntegerField(default=0)
    relevance_sum = models.PositiveIntegerField(default=0)
    relevance_squares = models.PositiveIntegerField(default=0)
    quality_sum = models.PositiveIntegerField(default=0)
    quality_squares = models.PositiveIntegerField(default=0)
    engagement_n = models.PositiveIntegerField(default=0)
    engagement_sum = models.PositiveIntegerField(default=0)
    engagement_squares = models.PositiveIntegerField(default=0)
    recommend_yes = models.PositiveIntegerField(default=0)
    answers = models.PositiveIntegerField(default=0, help_text="Pupil answers counted.")
    busiest_minute = models.PositiveIntegerField(
        default=0, help_text="Most pupil answers counted in one clock minute."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "delivery feedback totals"
        verbose_name_plural = "delivery feedback totals"

    def __str__(self):
        return f"Feedback totals for delivery {self.delivery_id}"
