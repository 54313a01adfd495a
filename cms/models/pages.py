"""The column index page and its articles."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from cms.blocks import OWN_INTRO, ArticleBodyBlock
from cms.cache import CachedPageMixin
from cms.citation import citation_line
from cms.listing import ColumnFilters
from cms.models.taxonomy import Country, Pillar, Topic
from cms.text import search_document


class AseanColumnPage(CachedPageMixin, RoutablePageMixin, Page):
    """The ASEAN column of a site: lists its articles, filters them and publishes feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField(_("articles per page"), default=12, help_text=_("Between 5 and 100."))
    include_portal_articles = models.BooleanField(
        _("also list the portal column's articles"),
        default=False,
        help_text=_("Shown beside this column's own articles and marked as the portal's; nothing is copied."),
    )
    included_pillars = ParentalManyToManyField(
        "cms.Pillar",
        verbose_name=_("only these pillars of the portal column"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to list the portal's articles of every pillar."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
        MultiFieldPanel(
            [
                FieldPanel("include_portal_articles"),
                FieldPanel("included_pillars", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Articles of the portal column"),
        ),
    ]
    parent_page_types = ["home.HomePage", "agencies.AgencyPage"]
    subpage_types = ["cms.AseanArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("ASEAN column")
        verbose_name_plural = _("ASEAN columns")

    def clean(self):
        super().clean()
        if not 5 <= (self.per_page or 0) <= 100:
            raise ValidationError({"per_page": _("Choose between 5 and 100 articles per page.")})

    def portal_column(self) -> "AseanColumnPage | None":
        """The column of the portal (the default site) in this column's language; None for the portal's own."""
        translation_key = (
            Site.objects.filter(is_default_site=True).values_list("root_page__translation_key", flat=True).first()
        )
        if translation_key is None:
            return None
        home = Page.objects.filter(translation_key=translation_key, locale_id=self.locale_id).first()
        if home is None:
            return None
        column = AseanColumnPage.objects.child_of(home).only("path", "depth").first()
        if column is None or column.pk == self.pk:
            return None
        return column

    def articles(self):
        """Live articles of this column in its own language, newest first, ready for listing.

        With ``include_portal_articles``, the portal column's articles (of ``included_pillars`` when any
        are chosen) come in the same queryset, annotated ``from_portal=True`` so templates can mark them.
        """
        own = Q(path__startswith=self.path, depth=self.depth + 1)
        condition, from_portal = own, Value(False)
        portal = self.portal_column() if self.include_portal_articles else None
        if portal is not None:
            shared = Q(path__startswith=portal.path, depth=portal.depth + 1)
            pillar_ids = [pillar.pk for pillar in self.included_pillars.all()]
            if pillar_ids:
                shared &= Q(pillar_id__in=pillar_ids)
            condition |= shared
            from_portal = Case(When(own, then=Value(False)), default=Value(True), output_field=BooleanField())
        return (
            AseanArticlePage.objects.live()
            .public()
            .filter(condition)
            .annotate(from_portal=from_portal)
            .select_related("pillar", "featured_image", "locale")
            .prefetch_related("topics", "countries", "featured_image__renditions")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            column_url=self.url,
            pillars=Pillar.objects.all(),
            topics=Topic.objects.all(),
            countries=Country.objects.all(),
        )
        return context

    @path("")
    def index_view(self, request):
        filters = ColumnFilters.from_query(request.GET)
        paginator = Paginator(filters.apply(self.articles()), self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        context = self.get_context(request)
        context.update(filters=filters, page_obj=page_obj, articles=page_obj.object_list)
        return render(request, self.get_template(request), context)

    @path("rss/")
    def rss_view(self, request):
        from cms.feeds import ColumnRssFeed

        return ColumnRssFeed(self)(request)

    @path("atom/")
    def atom_view(self, request):
        from cms.feeds import ColumnAtomFeed

        return ColumnAtomFeed(self)(request)


class ColumnHolderMixin:
    """A page whose child is a column (the portal's home, an agency's section): shows its latest articles."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        column = AseanColumnPage.objects.live().child_of(self).first()
        context["column"] = column
        context["column_url"] = column.url if column else ""
        context["latest_articles"] = column.articles()[:6] if column else []
        return context


class AseanArticlePage(CachedPageMixin, RoutablePageMixin, Page):
    """An article of the column, written here or reused from another outlet with attribution."""

    date = models.DateTimeField(_("publish date"), default=timezone.now, db_index=True)
    lead = models.TextField(_("lead"), max_length=800, help_text=_("The sapo: one or two sentences shown in lists."))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pillar = models.ForeignKey(
        "cms.Pillar", verbose_name=_("pillar"), on_delete=models.PROTECT, related_name="articles"
    )
    topics = ParentalManyToManyField("cms.Topic", verbose_name=_("topics"), blank=True, related_name="articles")
    countries = ParentalManyToManyField(
        "cms.Country", verbose_name=_("countries mentioned"), blank=True, related_name="articles"
    )
    source_outlet = models.CharField(_("original outlet"), max_length=200, blank=True)
    source_url = models.URLField(_("original URL"), max_length=1000, blank=True)
    source_author = models.CharField(_("original author"), max_length=200, blank=True)
    source_published_at = models.DateTimeField(_("original publication date"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("featured_image"),
        FieldPanel("body"),
    ]
    classification_panels = [
        FieldPanel("date"),
        FieldPanel("pillar"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("source_outlet"),
                FieldPanel("source_url"),
                FieldRowPanel([FieldPanel("source_author"), FieldPanel("source_published_at")]),
            ],
            heading=_("Source attribution"),
            help_text=_("Fill in when the article reuses another outlet's work; a citation line is shown."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification and source")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    parent_page_types = ["cms.AseanColumnPage"]
    subpage_types: list[str] = []

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("search_text"),
        index.FilterField("date"),
        index.FilterField("pillar"),
    ]

    class Meta:
        verbose_name = _("ASEAN article")
        verbose_name_plural = _("ASEAN articles")
        indexes = [models.Index(fields=["pillar", "date"])]

    def clean(self):
        super().clean()
        # Other apps' rules for articles (the shared database: reused text stays unedited, publication waits).
        # Runs on every save and publish, so no path around the editor's form escapes them.
        for validate in hooks.get_hooks("clean_asean_article_page"):
            validate(self)

    @property
    def citation(self) -> str:
        return citation_line(self.source_outlet, self.source_url, self.source_published_at)

    def body_text(self) -> str:
        """The body as plain text: rich text, quotes, captions and table cells."""
        parts: list[str] = []
        for block in self.body:
            value = block.value
            if block.block_type in {"paragraph", OWN_INTRO}:
                parts.append(strip_tags(value.source))
            elif block.block_type == "quote":
                parts.extend([value["text"], value["attribution"]])
            elif block.block_type in {"image", "video"}:
                parts.append(value["caption"])
            elif block.block_type == "table":
                for row in value.get("data") or []:
                    parts.extend(str(cell) for cell in row if cell)
        return "\n".join(part for part in parts if part)

    def save(self, *args, **kwargs):
        # Kept folded so that search is diacritic-insensitive on every database backend.
        self.search_text = search_document(" ".join([self.title, self.lead, self.body_text(), self.source_outlet]))
        return super().save(*args, **kwargs)

    def related_articles(self, limit: int = 4):
        """Up to ``limit`` live siblings, newest first: those sharing a topic, then those of the same pillar."""
        siblings = (
            AseanArticlePage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .defer("body", "search_text")
            .select_related("pillar", "featured_image")
            .prefetch_related("topics", "featured_image__renditions")
            .order_by("-date", "-pk")
        )
        # A subquery on the link table, not a join: no DISTINCT over whole rows of a large column.
        links = AseanArticlePage.topics.through.objects
        sharing_a_topic = links.filter(topic__in=self.topics.values("pk")).values("aseanarticlepage")
        related = list(siblings.filter(pk__in=sharing_a_topic)[:limit])
        if len(related) < limit:
            exclude = [page.pk for page in related]
            same_pillar = siblings.filter(pillar=self.pillar_id).exclude(pk__in=exclude)
            related += list(same_pillar[: limit - len(related)])
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The parent is always the column (page rules); its URL is this page's minus the last segment.
        context["column_url"] = self.url.rstrip("/").rsplit("/", 1)[0] + "/"
        return context

    @path("")
    def article_view(self, request):
        return render(request, self.get_template(request), self.get_context(request))

    @path("print/")
    def print_view(self, request):
        return render(request, "cms/asean_article_page_print.html", self.get_context(request))

    @path("save/")
    def save_view(self, request):
        """The print view as a file to keep (Decree 42/2022: search, print and save each article)."""
        response = self.print_view(request)
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.html"'
        return response
