"""Admin views of contributions: choose a kind, upload, and "My contributions" (edit metadata, delete).

Only users with ``shared.contribute_shared`` get in; the items they may edit or delete are those of the
newsrooms they belong to, so colleagues can correct each other's uploads.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, WagtailAdminTemplateMixin

from aggregator.models import Item, ItemKind
from shared.contribute import (
    FORMS,
    ContributionMetadataForm,
    contributions_for,
    create_contribution,
    delete_contribution,
    member_newsrooms,
)

CONTRIBUTE_PERMISSION = "shared.contribute_shared"

KIND_DESCRIPTIONS = {
    ItemKind.ARTICLE: (gettext_lazy("A text article, with photos if you have them."), "doc-full"),
    ItemKind.PHOTO: (gettext_lazy("One or more photos, with a caption and the photographer's credit."), "image"),
    ItemKind.VIDEO: (gettext_lazy("A video file, or a link to where it plays."), "media"),
    ItemKind.AUDIO: (gettext_lazy("A recording, as a file or a link."), "media"),
    ItemKind.DOCUMENT: (gettext_lazy("A PDF, Office or OpenDocument file."), "doc-empty"),
}


def can_contribute(user) -> bool:
    return user.has_perm(CONTRIBUTE_PERMISSION)


class ContributorRequiredMixin:
    """Refuses users without the contribute permission (Wagtail answers with its "no permission" notice)."""

    # Item's own admin permission policy (aggregator.change_item...) is not what governs contributions.
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not can_contribute(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def newsrooms(self):
        return member_newsrooms(self.request.user)


class ContributeIndexView(ContributorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """The kinds to choose from, or why there is nothing to choose."""

    template_name = "shared/contribute_index.html"
    page_title = gettext_lazy("Contribute")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["newsrooms"] = self.newsrooms
        context["kinds"] = [
            {
                "url": reverse("shared:contribute_kind", args=[kind]),
                "label": ItemKind(kind).label,
                "description": description,
                "icon": icon,
            }
            for kind, (description, icon) in KIND_DESCRIPTIONS.items()
        ]
        return context


class ContributeFormView(ContributorRequiredMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "shared/contribute_form.html"
    page_title = gettext_lazy("Contribute")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in FORMS:
            raise Http404
        self.kind = ItemKind(kwargs["kind"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.newsrooms:
            return redirect("shared:contribute")  # which explains what to do
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.newsrooms:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_page_subtitle(self):
        return capfirst(self.kind.label)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("shared:contribute"), "label": self.get_page_title()},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_form_class(self):
        return FORMS[self.kind]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "newsrooms": self.newsrooms}

    def form_valid(self, form):
        item = create_contribution(form, self.request.user)
        edit = messages.button(reverse("shared:contribution_edit", args=[item.pk]), _("Edit"))
        messages.success(
            self.request, _("“%(title)s” is in the shared database.") % {"title": item.title}, buttons=[edit]
        )
        return redirect("shared:contributions")

    def form_invalid(self, form):
        messages.validation_error(self.request, _("Nothing was shared: please correct the errors below."), form)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label=_("Share"),
            submit_button_active_label=_("Sharing…"),
            media=context["form"].media,
        )
        return context


class ContributionsView(ContributorRequiredMixin, IndexView):
    """The items of the user's newsrooms."""

    model = Item
    page_title = gettext_lazy("My contributions")
    header_icon = "upload"
    index_url_name = "shared:contributions"
    add_url_name = "shared:contribute"
    edit_url_name = "shared:contribution_edit"
    delete_url_name = "shared:contribution_delete"
    default_ordering = "-published_at"
    paginate_by = 25

    list_display = [
        "title",
        "kind",
        Column("outlet", label=gettext_lazy("Newsroom"), accessor="source.outlet"),
        "contributed_by",
        DateColumn("published_at", label=gettext_lazy("Shared"), sort_key="published_at"),
    ]

    def get_base_queryset(self):
        return contributions_for(self.request.user)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class ContributionEditView(ContributorRequiredMixin, EditView):
    model = Item
    form_class = ContributionMetadataForm
    index_url_name = "shared:contributions"
    edit_url_name = "shared:contribution_edit"
    delete_url_name = "shared:contribution_delete"
    header_icon = "upload"
    success_message = gettext_lazy("“%(object)s” updated.")

    def get_queryset(self):
        return contributions_for(self.request.user)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("My contributions")},
            {"url": "", "label": self.get_page_subtitle()},
        ]


class ContributionDeleteView(ContributorRequiredMixin, DeleteView):
    model = Item
    index_url_name = "shared:contributions"
    delete_url_name = "shared:contribution_delete"
    header_icon = "upload"
    success_message = gettext_lazy("“%(object)s” deleted.")

    def get_queryset(self):
        return contributions_for(self.request.user)

    @property
    def confirmation_message(self):
        return _("Delete this item from the shared database, with its photos and files that no page uses?")

    def delete_action(self):
        delete_contribution(self.object)
