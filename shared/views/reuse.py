"""Reuse of a shared item: as a column draft (after a confirmation page), or recorded as used by the newspaper
or in a radio-TV script with one click."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from aggregator.models import Item
from cms.models import AseanColumnPage, Pillar
from shared.drafts import ReuseRefused, make_column_draft
from shared.ledger import record_reuse
from shared.models import ReuseChannel
from shared.reuse import local_time, reuse_terms


def columns_for(user) -> QuerySet[AseanColumnPage]:
    """Columns the user may add articles to, from Wagtail's page permissions (a grant covers its subtree)."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    return AseanColumnPage.objects.filter(pk__in=pages.values("pk")).select_related("locale").order_by("path")


class ColumnChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, column: AseanColumnPage) -> str:
        return f"{column.get_parent().title} / {column.title} ({column.locale.get_display_name()})"


class ReuseForm(forms.Form):
    column = ColumnChoiceField(
        queryset=AseanColumnPage.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label=gettext_lazy("Column"),
    )
    pillar = forms.ModelChoiceField(queryset=Pillar.objects.all(), label=gettext_lazy("Pillar"))

    def __init__(self, *args, columns: QuerySet[AseanColumnPage], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = columns


class SharedItemMixin:
    """A view of one shared item, for users with access to the shared database."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("shared.access_shared"):
            raise PermissionDenied
        self.item = get_object_or_404(Item.objects.select_related("source"), pk=kwargs["item_id"])
        self.terms = reuse_terms(self.item)
        return super().dispatch(request, *args, **kwargs)


class ReuseInColumnView(SharedItemMixin, WagtailAdminTemplateMixin, FormView):
    """Confirms what will be reused and where; then makes the draft and opens it in the page editor."""

    template_name = "shared/reuse_confirm.html"
    header_icon = "doc-full"
    form_class = ReuseForm

    def get_page_title(self):
        return _("Reuse in column")

    def get_page_subtitle(self):
        return self.item.title

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["columns"] = columns_for(self.request.user)
        return kwargs

    def get_initial(self):
        same_language = next(
            (column for column in columns_for(self.request.user) if column.locale.language_code == self.item.language),
            None,
        )
        return {"column": same_language, "pillar": self.item.pillar}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            item=self.item,
            terms=self.terms,
            must_wait=self.terms.must_wait(),
            not_before=local_time(self.terms.not_before),
        )
        return context

    def form_valid(self, form):
        column = form.cleaned_data["column"]
        # The choices already come from the permissions; the page rules (parent and subpage types) too.
        if not column.permissions_for_user(self.request.user).can_add_subpage():
            raise PermissionDenied
        try:
            page = make_column_draft(self.item, column, self.request.user, self.terms, form.cleaned_data["pillar"])
        except ReuseRefused as refusal:
            messages.error(self.request, str(refusal))
            return self.form_invalid(form)
        if self.terms.must_wait():
            message = _("Draft created. It will not go live before %(time)s, the agreed delay after the original.")
            messages.success(self.request, message % {"time": local_time(self.terms.not_before)})
        else:
            messages.success(self.request, _("Draft created: add your own introduction, then submit it for review."))
        return redirect("wagtailadmin_pages:edit", page.pk)


class RecordReuseView(SharedItemMixin, View):
    """One click: the item was used in the newspaper or a radio-TV programme (with an optional edition note)."""

    http_method_names = ["post"]

    def post(self, request, item_id: int, channel: str):  # channel: newspaper or broadcast (see the URL)
        if not self.terms.allowed:
            messages.error(request, self.terms.reason)
        else:
            record_reuse(self.item, ReuseChannel(channel), request.user, note=request.POST.get("note", "")[:300])
            message = _("Recorded in the reuse ledger: %(channel)s.")
            messages.success(request, message % {"channel": ReuseChannel(channel).label})
        return redirect(self.next_url())

    def next_url(self) -> str:
        for candidate in (self.request.POST.get("next"), self.request.headers.get("Referer")):
            if candidate and url_has_allowed_host_and_scheme(
                candidate, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
            ):
                return candidate
        return reverse("shared:ledger")
