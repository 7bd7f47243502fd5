"""The public pages of the portal."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import filters
from ..choices import (
    AUDIENCE_NOUNS,
    FORMAT_AUDIENCE,
    RSHE_THEMES,
    YEAR_GROUP_CHOICES,
    SessionAudience,
    SessionFormat,
    key_stage_label,
    year_group_label,
)
from ..forms import OrganisationPageForm
from ..listing import CardListingMixin
from .mixins import ContributedIndexMixin, MultipleChoiceJSONField, ReviewMixin


class HomePage(Page):
    """The front door: what the partnership offers and where to get help."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "cms/pages/home_page.html"
    public_cache = True  # stored for anonymous visitors: cms.page_cache


class HelpPage(Page):
    """Get help now, at /help/: who a child can call or tell, from the partnership's settings."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    body = RichTextField(
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text="Shown after the helplines, which come from the partnership settings.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1
    template = "cms/pages/help_page.html"
    public_cache = True  # stored for anonymous visitors: cms.page_cache
    for_pupils = True


class StandardPage(Page):
    """About, privacy notice, accessibility statement, terms."""

    body = RichTextField(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    template = "cms/pages/standard_page.html"
    public_cache = True  # stored for anonymous visitors: cms.page_cache


class SessionIndexPage(ContributedIndexMixin, CardListingMixin, Page):
    """The bookable catalogue at /sessions/."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.SessionPage"]
    max_count = 1
    template = "cms/pages/session_index_page.html"
    public_cache = True  # stored for anonymous visitors: cms.page_cache
    # What it reads from the address (SessionFilterForm and the page number);
    # the page cache ignores every other parameter.
    cache_query_params = ("topic", "key_stage", "format", "page")

    filter_form_class = filters.SessionFilterForm
    card_template = "cms/components/session_card.html"
    card_name = "session"

    def load_cards(self, pages):
        return pages.select_related("partner").prefetch_related("topics")


class SessionPage(ReviewMixin, Page):
    """A session a school can book: an assembly, a workshop, staff training or a parent session."""

    Format = SessionFormat
    Audience = SessionAudience

    summary = models.TextField(max_length=400, help_text="One or two plain sentences.")
    topics = ParentalManyToManyField("cms.Topic", related_name="sessions", blank=True)
    format = models.CharField(max_length=20, choices=Format.choices)
    audience = models.CharField(
        "who it is for",
        max_length=10,
        choices=Audience.choices,
        default=Audience.PUPILS,
        help_text="Only sessions for pupils have a pupil feedback code and count pupils "
        "reached; the others count the staff or parents and carers there.",
    )
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
    learning_outcomes = RichTextField(
        blank=True,
        features=["ul", "ol", "bold", "link"],
        help_text="What pupils will know or be able to do afterwards, as a list.",
    )
    preparation = RichTextField(
        "what the school must prepare",
        blank=True,
        features=["ul", "ol", "bold", "link"],
        help_text="Room, equipment, staff present, letters to parents.",
    )
    content_warnings = models.TextField(
        blank=True,
        help_text="Themes some pupils may find upsetting, so the school can prepare them "
        "and tell parents.",
    )
    rshe_themes = MultipleChoiceJSONField(
        "RSHE themes covered",
        options=RSHE_THEMES,
        blank=True,
        help_text="The statutory relationships, sex and health education themes this "
        "session supports.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("audience"),
                FieldPanel("topics"),
                FieldRowPanel([FieldPanel("min_year"), FieldPanel("max_year")]),
                FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("max_audience")]),
                FieldPanel("partner"),
            ],
            heading="Audience and format",
        ),
        MultiFieldPanel(
            [
                FieldPanel("learning_outcomes"),
                FieldPanel("rshe_themes"),
                FieldPanel("preparation"),
                FieldPanel("content_warnings"),
            ],
            heading="What the school needs to know",
        ),
        InlinePanel("related_resources", label="Follow-up resource", heading="Follow-up resources"),
        MultiFieldPanel(
            [FieldPanel("bookable"), FieldPanel("minimum_notice_days")], heading="Booking"
        ),
        FieldPanel("next_review_due"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("format"),
        index.FilterField("audience"),
    ]
    base_form_class = OrganisationPageForm
    parent_page_types = ["cms.SessionIndexPage"]
    subpage_types = []
    template = "cms/pages/session_page.html"
    public_cache = True  # stored for anonymous visitors: cms.page_cache

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
        needed = FORMAT_AUDIENCE.get(self.format)
        if needed and self.audience != needed:
            raise ValidationError(
                {
                    "audience": f"{self.get_format_display()} is for "
                    f"{needed.label.lower()}: choose {needed.label.lower()}, or another format."
                }
            )

    @property
    def has_pupil_audience(self) -> bool:
        return self.audience == self.Audience.PUPILS

    @property
    def audience_noun(self) -> str:
        """Who is counted at it, in words: pupils, staff, or parents and carers."""
        return AUDIENCE_NOUNS[self.Audience(self.audience)]

    @property
    def year_groups(self):
        """The year groups this session is for, as (number, label) pairs."""
        return [(y, year_group_label(y)) for y in range(self.min_year, self.max_year + 1)]

    @property
    def year_range_label(self):
        if self.min_year == self.max_year:
            return year_group_label(self.min_year)
        return f"{year_group_label(self.min_year)} to {year_group_label(self.max_year)}"

    @property
    def key_stages_label(self):
        return key_stage_label(self.min_year, self.max_year)

    @property
    def rshe_theme_labels(self):
        return self._meta.get_field("rshe_themes").labels(self.rshe_themes)

    @property
    def organisation(self):
        """The partner organisation whose presenters may edit this page."""
        return self.partner

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resources"] = [
            link.resource
            for link in self.related_resources.filter(resource__live=True).select_related(
                "resource"
            )
        ]
        context["topic_list"] = list(self.topics.all())
        return context


class SessionPageResource(Orderable):
    """A library resource a school can use to follow up a session."""

    page = ParentalKey(SessionPage, on_delete=models.CASCADE, related_name="related_resources")
    resource = models.ForeignKey("cms.ResourcePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("resource")]


class TrainingIndexPage(ContributedIndexMixin, Page):
    """Staff training courses at /training/."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.TrainingCoursePage"]
    max_count = 1
    template = "cms/pages/training_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = (
            TrainingCoursePage.objects.child_of(self).live().order_by("title")
        ).prefetch_related("topics")
        return context


class TrainingCoursePage(ReviewMixin, Page):
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
    topics = ParentalManyToManyField("cms.Topic", related_name="courses", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("topics"),
        FieldPanel("cpd_hours"),
        FieldPanel("outcomes"),
        FieldPanel("next_review_due"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("outcomes"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["cms.TrainingIndexPage"]
    subpage_types = []
    template = "cms/pages/training_course_page.html"
