"""Aggregator screens in the Wagtail admin: sources with their health, items, fetch log, rules, panel."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Max, URLField
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from . import admin_views, alerts
from .models import FetchLog, Health, Item, ItemStatus, KeywordRule, Source, StoryCluster


class SourceIndexView(generic.IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("aggregator.add_source"):
            buttons.append(
                HeaderButton(_("Import OPML"), url=reverse("aggregator_source:opml_import"), icon_name="upload")
            )
        buttons.append(
            HeaderButton(_("Export OPML"), url=reverse("aggregator_source:opml_export"), icon_name="download")
        )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.request.user.has_perm("aggregator.change_source"):
            buttons.append(
                MenuItem(
                    _("Fetch now"),
                    url=reverse("aggregator_source:fetch_now", args=[instance.pk]),
                    icon_name="download",
                    priority=5,
                )
            )
        buttons.append(
            MenuItem(
                _("Fetch log"),
                url=reverse("aggregator_fetchlog:index") + f"?source={instance.pk}",
                icon_name="list-ul",
                priority=6,
            )
        )
        buttons.append(
            MenuItem(
                _("Items"),
                url=reverse("aggregator_item:index") + f"?source={instance.pk}",
                icon_name="doc-full",
                priority=7,
            )
        )
        return buttons


class SourceViewSet(ModelViewSet):
    model = Source
    icon = "rss"
    menu_label = _("Sources")
    index_view_class = SourceIndexView
    copy_view_enabled = False
    list_display = [
        "name",
        StatusTagColumn(
            "health",
            label=_("Health"),
            accessor="get_health_display",
            primary=lambda source: source.health == Health.OK,
        ),
        DateColumn("last_fetch_at", label=_("Last fetch")),
        DateColumn("next_fetch_at", label=_("Next fetch")),
        Column("item_count", label=_("Items")),
        Column("consecutive_failures", label=_("Failures")),
        Column("last_error", label=_("Last error")),
    ]
    list_filter = ["enabled", "asean_filter", "full_text", "language"]
    search_fields = ["name", "outlet", "feed_url"]
    form_fields = [
        "name",
        "outlet",
        "feed_url",
        "site_url",
        "language",
        "enabled",
        "poll_interval",
        "asean_filter",
        "full_text",
        "body_selector",
        "image_selector",
        "author_selector",
        "drop_selector",
        "reuse_rights",
        "time_zone",
        "identity_policy",
    ]
    inspect_view_enabled = True

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("fetch/<int:pk>/", admin_views.fetch_now, name="fetch_now"),
            path("opml/import/", admin_views.opml_import, name="opml_import"),
            path("opml/export/", admin_views.opml_export, name="opml_export"),
        ]


class ReadOnlyViewSet(ModelViewSet):
    """Listing (and for items, reclassifying/deleting) only: rows come from the aggregator."""

    copy_view_enabled = False
    editable = False

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["add_url_name"] = None
        if not self.editable:
            view_kwargs["edit_url_name"] = None
            view_kwargs["delete_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        dropped = {"add"} | (set() if self.editable else {"edit", "delete"})
        return [p for p in super().get_urlpatterns() if p.name not in dropped]


class ItemFilterSet(WagtailFilterSet):
    cluster = django_filters.NumberFilter(field_name="cluster_id", label=_("Story"), widget=forms.HiddenInput)
    published_at = django_filters.DateFromToRangeFilter(label=_("Published"), widget=DateRangePickerWidget)

    class Meta:
        model = Item
        fields = ["status", "source", "pillar", "countries", "topics", "enrich_state", "language"]


class ItemEditView(generic.EditView):
    def save_instance(self):
        self.form.instance.classified_by_editor = True  # later feed updates keep the editor's choice
        return super().save_instance()


class ItemViewSet(ReadOnlyViewSet):
    model = Item
    icon = "doc-full"
    menu_label = _("Aggregated items")
    editable = True  # editors reclassify, hide or delete (deleting leaves a tombstone)
    edit_view_class = ItemEditView
    list_display = [
        "title",
        "source",
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda i: i.status == ItemStatus.VISIBLE,
        ),
        Column("relevance", label=_("Relevance")),
        "pillar",
        "original_source",
        Column("cluster", label=_("Story")),
        DateColumn("published_at", label=_("Published")),
    ]
    filterset_class = ItemFilterSet
    search_fields = ["title"]
    form_fields = ["status", "pillar", "topics", "countries"]
    inspect_view_enabled = True


class FetchLogViewSet(ReadOnlyViewSet):
    model = FetchLog
    icon = "list-ul"
    menu_label = _("Fetch log")
    list_display = [
        "source",
        DateColumn("started_at", label=_("Started")),
        "duration",
        "status",
        "http_status",
        "new",
        "updated",
        "filtered",
        "malformed",
        "error",
    ]
    list_filter = ["status", "source", "malformed"]
    exclude_form_fields = []  # no add or edit views are registered
    inspect_view_enabled = True


class StoryViewSet(ReadOnlyViewSet):
    """The same story from several outlets: a row per story, linking to its items."""

    model = StoryCluster
    icon = "doc-full-inverse"
    menu_label = _("Stories")
    list_display = [
        TitleColumn(
            "title",
            label=_("Title"),
            get_url=lambda cluster: reverse("aggregator_item:index") + f"?cluster={cluster.pk}",
        ),
        Column("item_count", label=_("Outlets")),
        DateColumn("first_seen_at", label=_("First seen")),
    ]
    exclude_form_fields = []
    search_fields = ["title"]


class KeywordRuleViewSet(ModelViewSet):
    model = KeywordRule
    icon = "tag"
    menu_label = _("Keyword rules")
    list_display = ["term", "language", "weight", "target", "target_slug", "enabled"]
    list_filter = ["language", "target", "enabled"]
    search_fields = ["term", "target_slug"]
    form_fields = ["term", "language", "weight", "target", "target_slug", "enabled"]


class AggregatorGroup(ModelViewSetGroup):
    menu_label = _("Aggregator")
    menu_icon = "rss"
    menu_order = 250
    items = [
        SourceViewSet("aggregator_source"),
        ItemViewSet("aggregator_item"),
        StoryViewSet("aggregator_story"),
        FetchLogViewSet("aggregator_fetchlog"),
        KeywordRuleViewSet("aggregator_rule"),
    ]


@hooks.register("register_admin_viewset")
def register_viewset():
    return AggregatorGroup()


class AggregatorPanel(Component):
    name = "aggregator"
    template_name = "aggregator/admin/dashboard_panel.html"
    order = 120

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        now = timezone.now()
        start_of_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        failing = list(
            Source.objects.feeds()
            .filter(enabled=True, consecutive_failures__gt=0)
            .order_by("-consecutive_failures")[:10]
        )
        failing_ids = {s.pk for s in failing}
        context.update(
            last_run=Source.objects.feeds().aggregate(last=Max("last_fetch_at"))["last"],
            items_today=Item.objects.filter(status=ItemStatus.VISIBLE, first_seen_at__gte=start_of_day).count(),
            total=Source.objects.feeds().count(),
            enabled=Source.objects.feeds().filter(enabled=True).count(),
            failing=failing,
            attention=[(s, r) for s, r in alerts.sources_needing_attention(now) if s.pk not in failing_ids],
        )
        return context


@hooks.register("construct_homepage_panels")
def add_aggregator_panel(request, panels):
    if request.user.has_perm("aggregator.view_source"):
        panels.append(AggregatorPanel())
