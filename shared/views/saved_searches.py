"""Saved searches: save one from the shared list, the list of one's own (open, RSS, digest, delete), and the
public RSS feed of each (its secret token in the URL, for the station's systems)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_required
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from aggregator.models import Item, ReuseRights
from shared import api, saved_searches
from shared.filters import SharedItemFilter
from shared.models import SavedSearch

ACCESS_PERMISSION = "shared.access_shared"


def feed_url(request: HttpRequest, saved: SavedSearch) -> str:
    return request.build_absolute_uri(reverse("shared_api:saved_search_feed", args=(saved.feed_token,)))


def describe(saved: SavedSearch) -> str:
    """What the search looks for, in words: "Search: lúa gạo · Pillar: kinh-te"."""
    labels = {name: f.label for name, f in SharedItemFilter.base_filters.items()}
    return " · ".join(f"{labels.get(name, name)}: {value}" for name, value in saved.query.items()) or _("All items")


# Saving a search is part of searching the shared database: same permission.
shared_access_required = permission_required(ACCESS_PERMISSION)


@shared_access_required
@require_POST
def save_search(request: HttpRequest) -> HttpResponse:
    """The shared list's "Save this search": its query string (and an optional name) come in the POST."""
    query = QueryDict(request.POST.get("query", ""))
    name = request.POST.get("name", "").strip()[: SavedSearch._meta.get_field("name").max_length]
    saved = saved_searches.save(request.user, name or query.get("q", "").strip() or _("Saved search"), query)
    messages.success(
        request,
        _("Search “%(name)s” saved: its RSS feed and daily digest are here.") % {"name": saved.name},
    )
    return redirect("shared:saved_searches")


class CriteriaColumn(Column):
    def get_value(self, instance):
        return describe(instance)


class FeedColumn(Column):
    cell_template_name = "shared/saved_searches_feed_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["feed_url"] = feed_url(parent_context["request"], instance)
        return context


class DigestColumn(Column):
    """On or off, with the button that switches it (a small POST form: switching changes data)."""

    cell_template_name = "shared/saved_searches_digest_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(parent_context["request"])
        context["toggle_url"] = reverse("shared:saved_search_digest", args=(instance.pk,))
        return context


class SavedSearchIndexView(IndexView):
    model = SavedSearch
    index_url_name = "shared:saved_searches"
    page_title = gettext_lazy("Saved searches")
    header_icon = "search"
    any_permission_required = None

    @property
    def list_display(self):
        return [
            "name",
            CriteriaColumn("query", label=gettext_lazy("Looks for")),
            FeedColumn("feed_token", label=gettext_lazy("RSS feed")),
            DigestColumn("digest", label=gettext_lazy("Daily e-mail digest")),
            DateColumn("digest_sent_at", label=gettext_lazy("Last digest")),
        ]

    def get_base_queryset(self):
        return SavedSearch.objects.filter(user=self.request.user)

    def get_edit_url(self, instance):
        # The name links to the search itself: a saved search has nothing else to edit.
        return saved_searches.list_url(instance)

    def get_list_more_buttons(self, instance):
        return [
            MenuItem(_("Open"), url=saved_searches.list_url(instance), icon_name="search", priority=10),
            MenuItem(_("Delete"), url=reverse("shared:saved_search_delete", args=(instance.pk,)), icon_name="bin"),
        ]


@shared_access_required
@require_POST
def toggle_digest(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved_searches.set_digest(saved, not saved.digest)
    if saved.digest:
        message = _("The daily digest of “%(name)s” is on: new items come to %(email)s once a day.")
    else:
        message = _("The daily digest of “%(name)s” is off.")
    messages.success(request, message % {"name": saved.name, "email": request.user.email or "—"})
    return redirect("shared:saved_searches")


class SavedSearchDeleteView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "shared/saved_searches_delete.html"
    page_title = gettext_lazy("Delete saved search")
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        # Someone else's saved search is not found, rather than forbidden: its existence is theirs too.
        self.saved = get_object_or_404(SavedSearch, pk=kwargs["pk"], user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.saved.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(saved=self.saved, **kwargs)

    def post(self, request, *args, **kwargs):
        self.saved.delete()
        messages.success(
            request, _("Saved search “%(name)s” deleted; its feed is gone too.") % {"name": self.saved.name}
        )
        return redirect("shared:saved_searches")


index = shared_access_required(SavedSearchIndexView.as_view())
delete = shared_access_required(SavedSearchDeleteView.as_view())


# --- The public feed ------------------------------------------------------------------------------


class SavedSearchFeed(Feed):
    """The newest items of a saved search, each with its citation; the link is the original article."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, feed_token: str) -> SavedSearch:
        self.request = request
        return SavedSearch.objects.get(feed_token=feed_token)

    def title(self, saved: SavedSearch) -> str:
        return _("ASEAN shared database: %(name)s") % {"name": saved.name}

    def link(self, saved: SavedSearch) -> str:
        return self.request.build_absolute_uri(saved_searches.list_url(saved))

    def description(self, saved: SavedSearch) -> str:
        return describe(saved)

    def feed_url(self, saved: SavedSearch) -> str:
        return feed_url(self.request, saved)

    def items(self, saved: SavedSearch):
        return saved_searches.matching_items(saved)[: saved_searches.FEED_LENGTH]

    def item_title(self, item: Item) -> str:
        return item.title

    def item_link(self, item: Item) -> str:
        return item.url

    def item_guid(self, item: Item) -> str:
        return f"shared-item-{item.pk}"

    item_guid_is_permalink = False

    def item_description(self, item: Item) -> str:
        # The summary only where the source allows more than a link; the citation always.
        summary = item.summary if item.source.reuse_rights != ReuseRights.LINK_ONLY else ""
        return f"{summary}<p>{escape(api.citations(item)['vi'])}</p>"

    def item_pubdate(self, item: Item):
        return item.published_at

    def item_author_name(self, item: Item) -> str:
        return api.outlet_of(item)

    def item_categories(self, item: Item) -> list[str]:
        return [item.pillar.name] if item.pillar else []


_feed = SavedSearchFeed()


def feed(request: HttpRequest, feed_token: str) -> HttpResponse:
    try:
        response = _feed(request, feed_token=feed_token)
    except Http404:  # unknown token, or the search was deleted
        return api.not_found(request)
    response["Cache-Control"] = "private, no-store"  # the URL is a secret: no shared cache keeps it
    return response
