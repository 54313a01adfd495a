"""Admin: agencies (create provisions everything), their embed codes, and choosers scoped to an agency."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from agencies import embed
from agencies.models import Agency
from agencies.provisioning import provision
from agencies.scope import filter_media, filter_pages
from cms.models import Pillar


class ProvisioningMixin:
    """Saving an agency in the admin provisions it in the same transaction, and says what was made."""

    def save_instance(self):
        instance = super().save_instance()
        self.provisioned = [] if instance.is_portal else provision(instance).changes
        return instance

    def save_action(self):
        response = super().save_action()
        if getattr(self, "provisioned", None):
            messages.info(self.request, _("Set up: %(changes)s.") % {"changes": "; ".join(self.provisioned)})
        return response


class AgencyCreateView(ProvisioningMixin, CreateView):
    pass


class AgencyEditView(ProvisioningMixin, EditView):
    pass


class AgencyIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Embed code"),
                url=reverse("agencies:embed_code", args=(instance.pk,)),
                icon_name="code",
                priority=15,
            )
        )
        return buttons


class EmbedCodeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """The iframe and script snippets of one agency, ready to copy, with both rendered live below."""

    template_name = "agencies/admin/embed_code.html"
    any_permission_required = ["add", "change", "view"]
    header_icon = "code"
    permission_policy = None  # set by the viewset
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        self.agency = get_object_or_404(Agency, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Embed code")

    def get_page_subtitle(self):
        return str(self.agency)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": Agency._meta.verbose_name_plural.capitalize()},
            {"url": "", "label": _("Embed code"), "sublabel": str(self.agency)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query["agency"] = self.agency.code
        params = embed.EmbedParams.from_query(query)
        base = embed.service_base_url()
        preview_base = self.request.build_absolute_uri("/").rstrip("/")
        title = f"{_('ASEAN Column')} · {self.agency.name}"
        context.update(
            agency=self.agency,
            params=params,
            pillars=Pillar.objects.all(),
            limits=range(1, embed.MAX_LIMIT + 1),
            iframe_snippet=embed.iframe_snippet(base, params, title),
            script_snippet=embed.script_snippet(base, params),
            preview_iframe=embed.iframe_snippet(preview_base, params, title),
            preview_script=embed.script_snippet(preview_base, params),
            json_url=f"{base}/embed/asean.json?{params.query(theme=False)}",
            origins=self.agency.origins,
        )
        return context


class AgencyViewSet(ModelViewSet):
    model = Agency
    icon = "group"
    menu_label = gettext_lazy("Agencies")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = AgencyIndexView
    add_view_class = AgencyCreateView
    edit_view_class = AgencyEditView
    list_display = [
        "name_vi",
        "code",
        "kind",
        Column("hostname", label=gettext_lazy("own host name")),
        Column("moderation", label=gettext_lazy("approved by"), accessor="get_moderation_display"),
    ]
    search_fields = ["name_vi", "name_en", "code"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("embed/<int:pk>/", self.embed_code_view, name="embed_code")]

    @property
    def embed_code_view(self):
        return EmbedCodeView.as_view(
            permission_policy=self.permission_policy, index_url_name=self.get_url_name("index")
        )


@hooks.register("register_admin_viewset")
def register_agency_viewset():
    return AgencyViewSet("agencies")


# --- Scoping: an agency's editors see their own subtree and collection only -----------------------------


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return filter_pages(pages, request.user, with_ancestors=True)


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    return filter_pages(pages, request.user, with_ancestors=True)


@hooks.register("construct_image_chooser_queryset")
def scope_image_chooser(images, request):
    return filter_media(images, request.user)


@hooks.register("construct_document_chooser_queryset")
def scope_document_chooser(documents, request):
    return filter_media(documents, request.user)


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return filter_media(super().get_queryset(), self.request.user)


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return filter_media(super().get_queryset(), self.request.user)


@hooks.register("construct_admin_api", order=1)  # after Wagtail's own endpoints, which these replace
def scope_admin_api(router):
    """The admin API answers an image or document id from any collection; scope it like the choosers."""
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
