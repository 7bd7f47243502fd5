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

    # The privacy notice and the accessibility statement (/privacy/, /accessibility/).
    controller_name = models.CharField(
        "data controller",
        max_length=200,
        blank=True,
        help_text="The organisation responsible for the personal data the portal holds, "
        "usually the council that hosts the partnership. The partnership's name if empty.",
    )
    controller_address = models.TextField("data controller's postal address", blank=True)
    data_protection_email = models.EmailField(
        "data protection officer's email",
        blank=True,
        help_text="Where people send requests about their data. The contact email if empty.",
    )
    ico_registration = models.CharField(
        "ICO registration number",
        max_length=20,
        blank=True,
        help_text="The data controller's entry in the Information Commissioner's register.",
    )
    accessibility_checked_on = models.DateField(
        "accessibility last checked on",
        null=True,
        blank=True,
        help_text="The date of the last accessibility check, shown on the accessibility statement.",
    )

    panels = [
        FieldPanel("partnership_name"),
        FieldPanel("logo"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldPanel("controller_name"),
                FieldPanel("controller_address"),
                FieldPanel("data_protection_email"),
                FieldPanel("ico_registration"),
                FieldPanel("accessibility_checked_on"),
            ],
            heading="Privacy notice and accessibility statement",
        ),
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

    @property
    def controller(self):
        return self.controller_name or self.partnership_name

    @property
    def data_protection_contact(self):
        return self.data_protection_email or self.contact_email
