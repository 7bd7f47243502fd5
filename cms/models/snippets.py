"""Reusable content: topics and the partner organisations who deliver sessions."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Topic(index.Indexed, models.Model):
    """A safeguarding theme such as online safety or knife crime."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnerOrganisation(models.Model):
    """An organisation in the partnership whose people deliver sessions."""

    class Kind(models.TextChoices):
        POLICE = "police", "Police"
        NHS = "nhs", "NHS"
        COUNCIL = "council", "Council"
        EDUCATION = "education", "Education"
        CHARITY = "charity", "Charity"

    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    website = models.URLField(blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("website"), FieldPanel("logo")]

    class Meta:
        ordering = ["name"]
        permissions = [
            (
                "edit_any_organisation_page",
                "Can edit sessions and resources of any organisation",
            )
        ]

    def __str__(self):
        return self.name
