"""The shared database's groups, permissions and newsrooms; run by ``bootstrap`` after the editorial groups.

Idempotent: running it again changes nothing and never removes what an admin added.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission

from aggregator.models import ReuseRights, Source, SourceKind
from cms.bootstrap.editorial import ADMINS, EDITORS, MODERATORS, permission
from shared.models import Newsroom

JOURNALISTS = "Phóng viên"

JOURNALIST_PERMISSIONS = ["wagtailadmin.access_admin", "shared.access_shared", "shared.contribute_shared"]
# Journalists upload their photos and files and pick them in their contributions; they change nobody's.
JOURNALIST_MEDIA_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]
# Editors, the board and admins search and reuse too, and correct an item's pillar, topics and countries.
EDITORIAL_PERMISSIONS = ["shared.access_shared", "aggregator.change_item"]
# Admins issue and revoke the newsroom systems' API tokens.
ADMIN_PERMISSIONS = ["shared.add_apitoken", "shared.change_apitoken", "shared.view_apitoken"]

NEWSROOMS = [
    ("Báo Sóc Trăng", "bao-soc-trang"),
    ("Đài Phát thanh và Truyền hình Sóc Trăng", "dai-phat-thanh-truyen-hinh"),
]


@dataclass(frozen=True)
class SharedSetup:
    journalists: Group
    newsrooms: list[Newsroom]


@transaction.atomic
def ensure_shared() -> SharedSetup:
    """Create the journalists' group, open the shared database to the editorial groups, add the newsrooms.

    Call it after ``ensure_editorial()`` (whose groups it extends).
    """
    journalists, _ = Group.objects.get_or_create(name=JOURNALISTS)
    journalists.permissions.add(*(permission(dotted) for dotted in JOURNALIST_PERMISSIONS))
    root_collection = Collection.get_first_root_node()
    for dotted in JOURNALIST_MEDIA_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=journalists, collection=root_collection, permission=permission(dotted)
        )
    for group in Group.objects.filter(name__in=[EDITORS, MODERATORS, ADMINS]):
        group.permissions.add(*(permission(dotted) for dotted in EDITORIAL_PERMISSIONS))
    for group in Group.objects.filter(name=ADMINS):
        group.permissions.add(*(permission(dotted) for dotted in ADMIN_PERMISSIONS))
    return SharedSetup(journalists=journalists, newsrooms=[ensure_newsroom(name, slug) for name, slug in NEWSROOMS])


def ensure_newsroom(name: str, slug: str) -> Newsroom:
    """A newsroom and the source its journalists' contributions belong to (never polled)."""
    newsroom = Newsroom.objects.filter(slug=slug).select_related("source").first()
    if newsroom is not None:
        return newsroom
    source = Source.objects.create(
        name=name,
        outlet=name,
        kind=SourceKind.NEWSROOM,
        feed_url=None,
        enabled=False,
        # A newsroom's own work may be reused whole within the province's press.
        reuse_rights=ReuseRights.FULL_TEXT,
    )
    return Newsroom.objects.create(name=name, slug=slug, source=source)
