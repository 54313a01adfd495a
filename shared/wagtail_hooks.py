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


# (name, label, URL name, icon, order, permission that shows it)
SHARED_MENU = [
    ("shared-search", _("Search"), "shared:browse", "search", 100, "shared.access_shared"),
    ("shared-contribute", _("Contribute"), "shared:contribute", "upload", 300, "shared.contribute_shared"),
    ("shared-contributions", _("My contributions"), "shared:contributions", "upload", 310, "shared.contribute_shared"),
    ("shared-saved-searches", _("Saved searches"), "shared:saved_searches", "search", 400, "shared.access_shared"),
    ("shared-reuse-ledger", _("Reuse ledger"), "shared:ledger", "list-ul", 500, "shared.access_shared"),
    ("shared-api-tokens", _("API tokens"), "shared:tokens", "key", 900, "shared.add_apitoken"),
]


def _menu_item_hook(name: str, label, url_name: str, icon: str, order: int, permission: str):
    def menu_item():
        return PermissionMenuItem(
            label, reverse_lazy(url_name), icon_name=icon, name=name, order=order, permission=permission
        )

    return menu_item


for entry in SHARED_MENU:
    hooks.register("register_shared_menu_item", _menu_item_hook(*entry))


@hooks.register("clean_asean_article_page")
def keep_reuse_rules(page):
    """A reused column draft keeps the reused text as reused and waits the agreed delay (see shared.reuse)."""
    from shared.drafts import check_reused_article

    check_reused_article(page)
