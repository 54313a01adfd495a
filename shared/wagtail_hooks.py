"""Admin wiring: the "Shared database" menu (other modules add items with the
``register_shared_menu_item`` hook) and its URLs."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

shared_menu = Menu(register_hook_name="register_shared_menu_item", construct_hook_name="construct_shared_menu")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("shared/", include("shared.admin_urls", namespace="shared"))]


@hooks.register("register_admin_menu_item")
def register_shared_menu():
    return SubmenuMenuItem(_("Shared database"), shared_menu, icon_name="folder-open-inverse", name="shared", order=250)
