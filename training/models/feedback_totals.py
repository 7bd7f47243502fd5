"""Each delivery's feedback as counts and sums, so that reports never read every answer."""

from django.db import models
from django.db.models import Count, F, Q, Sum

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
        "knows_yes": Count("id", filter=Q(knows_who_to_talk_to="yes")),
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
    (training/services/feedback_totals.py), so a national report adds up one
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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "delivery feedback totals"
        verbose_name_plural = "delivery feedback totals"

    def __str__(self):
        return f"Feedback totals for delivery {self.delivery_id}"
