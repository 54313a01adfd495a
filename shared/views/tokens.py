"""Admin screens of the API tokens (admins only): the list, "Issue token" (the key shown once), "Revoke"."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from shared import tokens
from shared.models import ApiToken

permission_policy = ModelPermissionPolicy(ApiToken)


class TokenPermissionMixin:
    """Tokens open the whole shared database to a system: only those who may issue them see them."""

    permission_policy = permission_policy
    permission_required = "add"
    any_permission_required = None
    header_icon = "key"


class TokenIndexView(TokenPermissionMixin, IndexView):
    model = ApiToken
    index_url_name = "shared:tokens"
    add_url_name = "shared:token_issue"
    page_title = gettext_lazy("API tokens")
    add_item_label = gettext_lazy("Issue token")
    default_ordering = "-created_at"
    list_display = [
        "name",
        "newsroom",
        "prefix",
        DateColumn("created_at", label=gettext_lazy("Issued")),
        DateColumn("last_used_at", label=gettext_lazy("Last used")),
        DateColumn("revoked_at", label=gettext_lazy("Revoked")),
    ]

    def get_base_queryset(self):
        return ApiToken.objects.select_related("newsroom")

    def get_list_more_buttons(self, instance):
        if instance.revoked_at:
            return []
        return [
            MenuItem(_("Revoke"), url=reverse("shared:token_revoke", args=(instance.pk,)), icon_name="bin", priority=30)
        ]


class IssueTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "newsroom"]
        help_texts = {"name": gettext_lazy("Which system uses it, e.g. “Radio-TV newsroom system”.")}


class TokenIssueView(TokenPermissionMixin, CreateView):
    """Issues the token and shows its key on the response page itself: it is never stored, so never shown again."""

    model = ApiToken
    form_class = IssueTokenForm
    index_url_name = "shared:tokens"
    add_url_name = "shared:token_issue"
    page_title = gettext_lazy("Issue token")
    submit_button_label = gettext_lazy("Issue token")
    submit_button_active_label = gettext_lazy("Issuing…")

    def save_instance(self):
        self.issued = tokens.issue(
            self.form.cleaned_data["newsroom"], self.form.cleaned_data["name"], created_by=self.request.user
        )
        return self.issued.token

    def save_action(self):
        # Wagtail's admin sends never_cache headers (no-store): the key lingers in no cache.
        return TemplateResponse(
            self.request,
            "shared/tokens_issued.html",
            {
                **self.get_context_data(form=self.form),
                "page_title": _("Token issued"),
                "token": self.issued.token,
                "key": self.issued.key,
                "index_url": reverse(self.index_url_name),
            },
        )


class TokenRevokeView(TokenPermissionMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "shared/tokens_revoke.html"
    page_title = gettext_lazy("Revoke token")

    def dispatch(self, request, *args, **kwargs):
        self.token = get_object_or_404(ApiToken.objects.select_related("newsroom"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.token)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("shared:tokens"), "label": _("API tokens")},
            {"url": "", "label": _("Revoke token"), "sublabel": str(self.token)},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(token=self.token, **kwargs)

    def post(self, request, *args, **kwargs):
        tokens.revoke(self.token)
        messages.success(request, _("Token “%(token)s” revoked: it no longer opens the API.") % {"token": self.token})
        return redirect("shared:tokens")
