"""The portal's home page and the settings editors fill in for each site (Decree 42/2022)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms.cache import CachedPageMixin
from cms.language import bilingual, in_english
from cms.models.pages import ColumnHolderMixin


class HomePage(ColumnHolderMixin, CachedPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.AseanColumnPage", "agencies.AgencyPage"]

    class Meta:
        verbose_name = _("home page")


class RelatedPortalBlock(blocks.StructBlock):
    name_vi = blocks.CharBlock(label=_("name (Vietnamese)"), max_length=200)
    name_en = blocks.CharBlock(label=_("name (English)"), max_length=200)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs the site: names are data, so a merger or a rename is an edit, not a release."""

    organisation_name_vi = models.CharField(_("organisation name (Vietnamese)"), max_length=200)
    organisation_name_en = models.CharField(_("organisation name (English)"), max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address_vi = models.CharField(_("address (Vietnamese)"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    responsible_person = models.CharField(_("person responsible for content"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=300, blank=True)
    related_portals = StreamField(
        [("portal", RelatedPortalBlock())], verbose_name=_("related state portals"), blank=True
    )
    emc_tracking_code = models.TextField(
        _("EMC tracking code"),
        blank=True,
        help_text=_("The snippet issued by the national monitoring centre (EMC); placed at the end of every page."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name_vi"), FieldPanel("organisation_name_en"), FieldPanel("logo")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address_vi"),
                FieldPanel("address_en"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("responsible_person"),
                FieldPanel("licence"),
            ],
            heading=_("Contacts"),
        ),
        FieldPanel("related_portals"),
        FieldPanel("emc_tracking_code"),
    ]

    class Meta:
        verbose_name = _("portal settings")

    @property
    def organisation_name(self) -> str:
        return bilingual(self.organisation_name_vi, self.organisation_name_en)

    @property
    def address(self) -> str:
        return bilingual(self.address_vi, self.address_en)

    def portal_links(self) -> list[dict]:
        english = in_english()
        return [
            {"name": block.value["name_en" if english else "name_vi"], "url": block.value["url"]}
            for block in self.related_portals
        ]
