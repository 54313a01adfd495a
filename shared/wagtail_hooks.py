"""Admin wiring: the "Shared database" menu (other modules add items with the
``register_shared_menu_item`` hook) and its URLs."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

shared_menu = Menu(register_hook_name="register_shared_menu_item", construct_hook_name="construct_shared_menu")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("shared/", include("shared.admin_urls", namespace="shared"))]


@hooks.register("register_admin_menu_item")
def register_shared_menu():
    return SubmenuMenuItem(_("Shared database"), shared_menu, icon_name="folder-open-inverse", name="shared", order=250)


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with ``permission``."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_shared_menu_item")
def register_saved_searches_menu_item():
    return PermissionMenuItem(
        _("Saved searches"),
        reverse_lazy("shared:saved_searches"),
        icon_name="search",
        name="shared-saved-searches",
        order=400,
        permission="shared.access_shared",
    )


@hooks.register("register_shared_menu_item")
def register_api_tokens_menu_item():
    return PermissionMenuItem(
        _("API tokens"),
        reverse_lazy("shared:tokens"),
        icon_name="key",
        name="shared-api-tokens",
        order=900,
        permission="shared.add_apitoken",
    )


@hooks.register("register_shared_menu_item")
def register_contribute_menu_item():
    return PermissionMenuItem(
        _("Contribute"),
        reverse_lazy("shared:contribute"),
        icon_name="upload",
        name="shared-contribute",
        order=300,
        permission="shared.contribute_shared",
    )


@hooks.register("register_shared_menu_item")
def register_contributions_menu_item():
    return PermissionMenuItem(
        _("My contributions"),
        reverse_lazy("shared:contributions"),
        icon_name="upload",
        name="shared-contributions",
        order=310,
        permission="shared.contribute_shared",
    )


@hooks.register("register_shared_menu_item")
def register_search_menu_item():
    return PermissionMenuItem(
        _("Search"),
        reverse_lazy("shared:browse"),
        icon_name="search",
        name="shared-search",
        order=100,
        permission="shared.access_shared",
    )


@hooks.register("register_shared_menu_item")
def register_reuse_ledger_menu_item():
    return PermissionMenuItem(
        _("Reuse ledger"),
        reverse_lazy("shared:ledger"),
        icon_name="list-ul",
        name="shared-reuse-ledger",
        order=500,
        permission="shared.access_shared",
    )


@hooks.register("clean_asean_article_page")
def keep_reuse_rules(page):
    """A reused column draft keeps the reused text as reused and waits the agreed delay (see shared.reuse)."""
    from shared.drafts import check_reused_article

    check_reused_article(page)
