"""Site-wide settings that partnership staff edit in the admin (Settings > Partnership)."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class PartnershipSettings(BaseSiteSetting):
    partnership_name = models.CharField(
        max_length=150, default="Westshire Safeguarding Children Partnership"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    childline_phone = models.CharField(max_length=30, default="0800 1111")
    nspcc_phone = models.CharField("NSPCC helpline", max_length=30, default="0808 800 5000")
    ceop_url = models.URLField(
        "CEOP report address", default="https://www.ceop.police.uk/ceop-reporting/"
    )
    contact_email = models.EmailField(blank=True)
    signatory_name = models.CharField("certificate signatory", max_length=150, blank=True)
    signatory_role = models.CharField("signatory's role", max_length=150, blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A PNG of the signature on a transparent or white background.",
    )

    panels = [
        FieldPanel("partnership_name"),
        FieldPanel("logo"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [FieldPanel("childline_phone"), FieldPanel("nspcc_phone"), FieldPanel("ceop_url")],
            heading="Helplines",
        ),
        MultiFieldPanel(
            [FieldPanel("signatory_name"), FieldPanel("signatory_role"), FieldPanel("signature")],
            heading="Certificates",
        ),
    ]

    class Meta:
        verbose_name = "partnership"
