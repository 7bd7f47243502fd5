"""The library at /resources/: things pupils, parents and staff can read, watch and use."""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .. import filters
from ..blocks import ResourceBodyBlock
from ..choices import AUDIENCE_CHOICES, PUPIL_AUDIENCES
from ..forms import OrganisationPageForm
from ..listing import CardListingMixin
from .mixins import ContributedIndexMixin, MultipleChoiceJSONField, ReviewMixin


class ResourceIndexPage(ContributedIndexMixin, CardListingMixin, Page):
    """The library. Pupils use it, so it carries the exit-this-page control."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ResourcePage"]
    max_count = 1
    template = "cms/pages/resource_index_page.html"
    public_cache = True  # stored for anonymous visitors: cms.page_cache
    # What it reads from the address (ResourceFilterForm and the page number);
    # the page cache ignores every other parameter.
    cache_query_params = ("age", "topic", "page")
    for_pupils = True

    filter_form_class = filters.ResourceFilterForm
    card_template = "cms/components/resource_card.html"
    card_name = "resource"


class ResourcePage(ReviewMixin, Page):
    """A video, lesson plan, worksheet, leaflet or quiz, for one or more audiences."""

    class Type(models.TextChoices):
        VIDEO = "video", "Video"
        LESSON_PLAN = "lesson_plan", "Lesson plan"
        WORKSHEET = "worksheet", "Worksheet"
        LEAFLET = "leaflet", "Leaflet"
        QUIZ = "quiz", "Quiz"

    summary = models.TextField(
        max_length=400, help_text="One or two plain sentences. Pupils read this first."
    )
    audiences = MultipleChoiceJSONField(
        "who it is for",
        options=AUDIENCE_CHOICES,
        help_text="Write pupil resources in plain words for the youngest age band you choose.",
    )
    resource_type = models.CharField("type", max_length=20, choices=Type.choices)
    topics = ParentalManyToManyField("cms.Topic", related_name="resources", blank=True)
    partner = models.ForeignKey(
        "cms.PartnerOrganisation",
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    body = StreamField(ResourceBodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audiences"),
                FieldPanel("resource_type"),
                FieldPanel("topics"),
                FieldPanel("partner"),
            ],
            heading="Who it is for",
        ),
        FieldPanel("body"),
        FieldPanel("next_review_due"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    base_form_class = OrganisationPageForm
    parent_page_types = ["cms.ResourceIndexPage"]
    subpage_types = []
    template = "cms/pages/resource_page.html"
    public_cache = True  # stored for anonymous visitors: cms.page_cache

    @property
    def for_pupils(self):
        """Pages pupils read carry the exit-this-page control and the help panel."""
        return bool(PUPIL_AUDIENCES.intersection(self.audiences or []))

    @property
    def audience_labels(self):
        return self._meta.get_field("audiences").labels(self.audiences)

    @property
    def organisation(self):
        return self.partner
