"""Finding material: the "Shared database" list (one row per story) and the item page with its citation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, F, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from aggregator.models import Item, ItemStatus
from cms.citation import citation_line
from shared.filters import YES_NO, SharedItemFilter, has_image, used
from shared.forms import ItemTagsForm
from shared.reuse import outlet_name
from shared.search import search

ACCESS_PERMISSION = "shared.access_shared"
EDIT_TAGS_PERMISSION = "aggregator.change_item"


def item_outlet(item: Item) -> str:
    """The outlet an item is credited to (a newsroom's is its own name)."""
    return outlet_name(item.source)


class SharedAccessMixin:
    """Journalists, editors, the board and admins (``shared.access_shared``); nobody else."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ACCESS_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- The list ------------------------------------------------------------------------------------


class BrowseFilter(SharedItemFilter):
    """The shared filters in the admin's filter drawer; the search box is the header's own."""

    q = None  # the header search box sends it: see BrowseView.get_filterset_kwargs
    include_filtered = django_filters.ChoiceFilter(
        label=gettext_lazy("Include items the ASEAN filter left out"), choices=YES_NO, method="keep"
    )

    search_prefix = True  # the admin's search box is typed into: its last word may be unfinished

    def __init__(self, *args, search_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.search_query = search_query

    def searched_text(self) -> str:
        return self.search_query

    def filter_queryset(self, queryset: QuerySet[Item]) -> QuerySet[Item]:
        if self.form.cleaned_data.get("include_filtered") != "true":
            queryset = queryset.filter(status=ItemStatus.VISIBLE)
        return super().filter_queryset(queryset)


def one_row_per_story(queryset: QuerySet[Item]) -> QuerySet[Item]:
    """Keep, of each story cluster, only its first item in the queryset's own order.

    Items outside any cluster are each their own story (partitioned by their negated id).
    """
    order = [F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in queryset.query.order_by]
    story = Coalesce(F("cluster_id"), -F("pk"))
    return queryset.annotate(
        story_position=Window(RowNumber(), partition_by=[story], order_by=order or [F("pk").asc()])
    ).filter(story_position=1)


def attach_story_siblings(items: Iterable[Item], candidates: QuerySet[Item]) -> None:
    """Set ``item.story_siblings``: the other items of its story among ``candidates``, one per outlet."""
    items = list(items)
    cluster_ids = {item.cluster_id for item in items if item.cluster_id}
    siblings = defaultdict(dict)
    rows = (
        candidates.filter(cluster_id__in=cluster_ids)
        .select_related("source")
        .only("pk", "title", "cluster_id", "source__name", "source__outlet")
    )
    for sibling in rows.order_by("published_at", "pk"):
        siblings[sibling.cluster_id].setdefault(item_outlet(sibling), sibling)
    for item in items:
        outlets = siblings.get(item.cluster_id, {}) if item.cluster_id else {}
        item.story_siblings = [
            sibling for outlet, sibling in outlets.items() if sibling.pk != item.pk and outlet != item_outlet(item)
        ]


def load_rows(pks: list[int]) -> list[Item]:
    """The items of one page, in order, with what their columns show (cheaper than for every match)."""
    rows = (
        Item.objects.select_related("source", "pillar")
        .defer("search_vector", "summary", "content")
        .annotate(
            with_image=ExpressionWrapper(has_image(), output_field=BooleanField()),
            used=ExpressionWrapper(used(), output_field=BooleanField()),
        )
        .in_bulk(pks)
    )
    return [rows[pk] for pk in pks]


class StoryTitleColumn(TitleColumn):
    """The title, linking to the item page, with the story's other outlets under it."""

    cell_template_name = "shared/browse_title_cell.html"


class YesNoColumn(Column):
    cell_template_name = "shared/browse_yes_no_cell.html"


class BrowseView(SharedAccessMixin, IndexView):
    model = Item
    index_url_name = "shared:browse"
    index_results_url_name = "shared:browse_results"
    results_template_name = "shared/browse_results.html"
    filterset_class = BrowseFilter
    is_searchable = True
    page_title = gettext_lazy("Shared database")
    header_icon = "folder-open-inverse"
    paginate_by = 30
    permission_policy = None  # SharedAccessMixin decides
    any_permission_required = None
    columns = [
        StoryTitleColumn("title", label=gettext_lazy("Title"), url_name="shared:item"),
        Column("outlet", label=gettext_lazy("Outlet"), accessor=item_outlet),
        DateColumn("published_at", label=gettext_lazy("Published")),
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("pillar", label=gettext_lazy("Pillar")),
        YesNoColumn("with_image", label=gettext_lazy("Image")),
        YesNoColumn("used", label=gettext_lazy("Used")),
    ]

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "search_query": self.search_query}

    def search_queryset(self, queryset: QuerySet[Item]) -> QuerySet[Item]:
        return queryset  # BrowseFilter searches, so that its sort can rank by relevance

    def filter_queryset(self, queryset: QuerySet[Item]) -> QuerySet[Item]:
        if not (self.filters and self.filters.is_valid()):
            # The drawer shows what is wrong; meanwhile the list ignores the filters, not the search.
            visible = queryset.filter(status=ItemStatus.VISIBLE)
            return search(visible, self.search_query) if self.search_query else visible.order_by("-published_at", "-pk")
        return super().filter_queryset(queryset)

    def get_base_queryset(self) -> QuerySet[Item]:
        # Narrow rows for ranking and grouping every match; the page's rows are loaded in full later.
        return Item.objects.only("pk", "published_at", "cluster_id")

    def get_queryset(self) -> QuerySet[Item]:
        return one_row_per_story(super().get_queryset())

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = load_rows([item.pk for item in object_list])
        attach_story_siblings(page.object_list, self.sibling_candidates)
        return paginator, page, page.object_list, is_paginated

    @cached_property
    def sibling_candidates(self) -> QuerySet[Item]:
        """Siblings are listed whatever the filters, but filtered-out items only when asked for."""
        include_filtered = (
            self.filters
            and self.filters.is_valid()
            and self.filters.form.cleaned_data.get("include_filtered") == "true"
        )
        return Item.objects.all() if include_filtered else Item.objects.filter(status=ItemStatus.VISIBLE)


# --- The item page -------------------------------------------------------------------------------


def citations(item: Item) -> dict[str, str]:
    """The citation line in Vietnamese and in English, as the newsroom writes it under reused work."""
    lines = {}
    for language in ("vi", "en"):
        with translation.override(language):
            lines[language] = citation_line(item_outlet(item), item.url, item.published_at)
    return lines


class ItemView(SharedAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """Everything about one shared item; editors (``aggregator.change_item``) correct its tags here."""

    template_name = "shared/item.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.item = get_object_or_404(
            Item.objects.select_related("source", "pillar", "image", "cluster"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def can_edit_tags(self) -> bool:
        return self.request.user.has_perm(EDIT_TAGS_PERMISSION)

    def get_tags_form(self) -> ItemTagsForm | None:
        if not self.can_edit_tags:
            return None
        data = self.request.POST if self.request.method == "POST" else None
        return ItemTagsForm(data, instance=self.item, prefix="tags")

    def post(self, request, *args, **kwargs):
        if not self.can_edit_tags:
            raise PermissionDenied
        form = self.get_tags_form()
        if form.is_valid():
            form.save()
            messages.success(request, _("Tags saved. Feed updates will no longer change them."))
            return redirect("shared:item", pk=self.item.pk)
        messages.validation_error(request, _("The tags could not be saved."), form)
        return self.render_to_response(self.get_context_data(tags_form=form))

    def get_page_title(self):
        return self.item.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("shared:browse"), "label": _("Shared database")},
            {"url": "", "label": self.item.title},
        ]

    def get_context_data(self, **kwargs):
        item = self.item
        siblings = []
        if item.cluster_id:
            siblings = (
                Item.objects.filter(cluster_id=item.cluster_id, status=ItemStatus.VISIBLE)
                .exclude(pk=item.pk)
                .select_related("source")
                .defer("search_vector", "content")
            )
        context = {
            "item": item,
            "outlet": item_outlet(item),
            "citations": citations(item),
            "attachments": item.attachments.select_related("image", "document"),
            "siblings": siblings,
            "tags_form": self.get_tags_form(),
            **kwargs,
        }
        return super().get_context_data(**context)
