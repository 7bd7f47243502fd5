"""The public pages of the portal."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

# Year groups as numbers: 0 is Reception, 1-13 are Years 1 to 13.
YEAR_GROUP_CHOICES = [(0, "Reception")] + [(n, f"Year {n}") for n in range(1, 14)]

# Key stages as inclusive year ranges, used to filter and describe sessions.
KEY_STAGES = {
    "ks1": ("Key stage 1", 0, 2),
    "ks2": ("Key stage 2", 3, 6),
    "ks3": ("Key stage 3", 7, 9),
    "ks4": ("Key stage 4", 10, 11),
    "ks5": ("Key stage 5", 12, 13),
}


def year_group_label(year):
    return dict(YEAR_GROUP_CHOICES)[year]


class HomePage(Page):
    """The front door: what the partnership offers and where to get help."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "cms/pages/home_page.html"


class StandardPage(Page):
    """About, privacy notice, accessibility statement, terms."""

    body = RichTextField(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    template = "cms/pages/standard_page.html"


class SessionIndexPage(Page):
    """The bookable catalogue at /sessions/."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.SessionPage"]
    max_count = 1
    template = "cms/pages/session_index_page.html"


class SessionPage(Page):
    """A session a school can book: an assembly, a workshop, staff training or a parent session."""

    class Format(models.TextChoices):
        ASSEMBLY = "assembly", "Assembly"
        WORKSHOP = "workshop", "Classroom workshop"
        STAFF_TRAINING = "staff_training", "Staff training"
        PARENT_SESSION = "parent_session", "Parent session"

    summary = models.TextField(max_length=400, help_text="One or two plain sentences.")
    topics = ParentalManyToManyField("cms.Topic", related_name="sessions", blank=True)
    format = models.CharField(max_length=20, choices=Format.choices)
    min_year = models.PositiveSmallIntegerField(
        "youngest year group", choices=YEAR_GROUP_CHOICES, default=7
    )
    max_year = models.PositiveSmallIntegerField(
        "oldest year group", choices=YEAR_GROUP_CHOICES, default=11
    )
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(10), MaxValueValidator(480)]
    )
    max_audience = models.PositiveIntegerField(
        "maximum audience", default=30, validators=[MinValueValidator(1)]
    )
    partner = models.ForeignKey(
        "cms.PartnerOrganisation",
        verbose_name="delivering organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    minimum_notice_days = models.PositiveSmallIntegerField(
        default=10, help_text="How many days ahead a school must book."
    )
    bookable = models.BooleanField(default=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("topics"),
                FieldRowPanel([FieldPanel("min_year"), FieldPanel("max_year")]),
                FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("max_audience")]),
                FieldPanel("partner"),
            ],
            heading="Audience and format",
        ),
        MultiFieldPanel(
            [FieldPanel("bookable"), FieldPanel("minimum_notice_days")], heading="Booking"
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["cms.SessionIndexPage"]
    subpage_types = []
    template = "cms/pages/session_page.html"

    def clean(self):
        super().clean()
        if (
            self.min_year is not None
            and self.max_year is not None
            and self.min_year > self.max_year
        ):
            raise ValidationError(
                {"max_year": "The oldest year group must not be younger than the youngest."}
            )

    @property
    def year_groups(self):
        """The year groups this session is for, as (number, label) pairs."""
        return [(y, year_group_label(y)) for y in range(self.min_year, self.max_year + 1)]


class TrainingIndexPage(Page):
    """Staff training courses at /training/."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.TrainingCoursePage"]
    max_count = 1
    template = "cms/pages/training_index_page.html"


class TrainingCoursePage(Page):
    """A staff training course; its dated events live in training.TrainingEvent."""

    summary = models.TextField(max_length=400)
    cpd_hours = models.DecimalField(
        "CPD hours",
        max_digits=4,
        decimal_places=1,
        default=3,
        validators=[MinValueValidator(0)],
    )
    audience = models.CharField(
        max_length=200, blank=True, help_text="For example: designated safeguarding leads."
    )
    outcomes = RichTextField("learning outcomes", blank=True, features=["ul", "ol", "bold", "link"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("cpd_hours"),
        FieldPanel("outcomes"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["cms.TrainingIndexPage"]
    subpage_types = []
    template = "cms/pages/training_course_page.html"
