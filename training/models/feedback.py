"""Teacher feedback, anonymous pupil voice, and what the partnership changed in response.

Nothing here identifies a pupil: no names, no IP addresses, no account. A pupil's
"before" and "after" answers are paired through a random token kept in their
browser; only its hash is stored, and only until the pair is complete.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]

# Six characters a child can read off a screen without confusing them:
# no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


class FeedbackCode(models.Model):
    """The short code pupils type (or scan) to answer the survey for one delivery."""

    delivery = models.OneToOneField(
        "schools.Delivery", on_delete=models.CASCADE, related_name="feedback_code"
    )
    code = models.CharField(max_length=CODE_LENGTH, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.code


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
    created_at = models.DateTimeField(auto_now_add=True)

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
            models.CheckConstraint(
                condition=models.Q(delivery__isnull=False, event__isnull=True)
                | models.Q(delivery__isnull=True, event__isnull=False),
                name="teacher_feedback_on_one_thing",
            ),
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
            models.CheckConstraint(
                condition=models.Q(delivery__isnull=False, event__isnull=True)
                | models.Q(delivery__isnull=True, event__isnull=False),
                name="feedback_request_for_one_thing",
            )
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
