"""The reuse ledger in the admin: who reused what, for which newsroom, where and when; filtered, and exported
as CSV or XLSX for the monthly report (Wagtail's generic IndexView does the spreadsheet export)."""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from shared.models import Newsroom, Reuse, ReuseChannel
from shared.reuse import outlet_name


def users_in_ledger(request):
    return get_user_model().objects.filter(pk__in=Reuse.objects.values("user")).order_by("username")


class ReuseLedgerFilterSet(WagtailFilterSet):
    channel = django_filters.ChoiceFilter(label=_("Where"), choices=ReuseChannel.choices)
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    newsroom = django_filters.ModelChoiceFilter(label=_("Newsroom"), queryset=Newsroom.objects.all())
    user = MultipleUserFilter(label=_("By"), queryset=users_in_ledger)

    class Meta:
        model = Reuse
        fields = []


def _local(value):
    return timezone.localtime(value)


class ReuseLedgerView(IndexView):
    # Everyone with access to the shared database reads the ledger; nobody edits it here.
    any_permission_required = None

    model = Reuse
    filterset_class = ReuseLedgerFilterSet
    index_url_name = "shared:ledger"
    index_results_url_name = "shared:ledger_results"
    page_title = _("Reuse ledger")
    header_icon = "list-ul"
    default_ordering = "-created_at"
    paginate_by = 50
    columns = [
        DateColumn("created_at", label=_("When"), sort_key="created_at"),
        TitleColumn("item", label=_("Item"), get_url=lambda reuse: reverse("shared:item", args=(reuse.item_id,))),
        Column("outlet", label=_("Outlet"), accessor="item.source"),
        Column("channel", label=_("Where"), accessor="get_channel_display", sort_key="channel"),
        Column("note", label=_("Edition or programme")),
        Column("page", label=_("Column article")),
        Column("newsroom", label=_("Newsroom")),
        UserColumn("user", label=_("By")),
    ]

    export_filename = "reuse-ledger"
    list_export = ["created_at", "channel", "item", "outlet", "url", "page", "note", "newsroom", "user"]
    export_headings = {
        "created_at": _("When"),
        "channel": _("Where"),
        "item": _("Item"),
        "outlet": _("Outlet"),
        "url": _("Original link"),
        "page": _("Column article"),
        "note": _("Edition or programme"),
        "newsroom": _("Newsroom"),
        "user": _("By"),
    }
    # Local time, not Wagtail's default UTC: the monthly report is read in Vietnam.
    custom_field_preprocess = {
        "created_at": {
            SpreadsheetExportMixin.FORMAT_XLSX: lambda value: timezone.make_naive(value).replace(microsecond=0),
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: _local(value).strftime("%Y-%m-%d %H:%M"),
        }
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("shared.access_shared"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return Reuse.objects.select_related("item__source", "user", "newsroom", "page")

    def to_row_dict(self, reuse: Reuse) -> dict:
        return {
            "created_at": reuse.created_at,
            "channel": str(reuse.get_channel_display()),
            "item": reuse.item.title,
            "outlet": outlet_name(reuse.item.source),
            "url": reuse.item.url,
            "page": reuse.page.title if reuse.page else "",
            "note": reuse.note,
            "newsroom": reuse.newsroom.name if reuse.newsroom else "",
            "user": get_user_display_name(reuse.user) if reuse.user else "",
        }
