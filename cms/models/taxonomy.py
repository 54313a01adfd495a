"""Pillars, topics and member countries: bilingual data editors manage as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from cms.language import bilingual


class BilingualNameMixin(models.Model):
    """A name in Vietnamese and English; ``name`` follows the active language."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self.name_vi, self.name_en)


class Pillar(BilingualNameMixin, index.Indexed):
    """One of the three ASEAN Community pillars."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name_vi"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description_vi"),
        FieldPanel("description_en"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name_vi"), index.SearchField("name_en")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")

    @property
    def description(self) -> str:
        return bilingual(self.description_vi, self.description_en)


class Topic(BilingualNameMixin, index.Indexed):
    """A topic of the provincial plan (investment and trade, digital economy, ...)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name_vi"), index.SearchField("name_en")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Country(BilingualNameMixin, index.Indexed):
    """An ASEAN member state, keyed by its ISO 3166-1 alpha-2 code in lower case."""

    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, e.g. vn"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("code"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name_vi"), index.SearchField("name_en")]

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("ASEAN member country")
        verbose_name_plural = _("ASEAN member countries")
