"""ensure_shared(): the journalists' group, shared access for the editorial groups, the two newsrooms."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from aggregator.models import Source, SourceKind
from cms.bootstrap.editorial import ADMINS, EDITORS, MODERATORS, permission
from shared.bootstrap import JOURNALISTS, ensure_shared
from shared.models import Newsroom
from tests.cms.factories import ImageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_journalists_get_the_admin_the_shared_database_and_their_media(portal):
    ensure_shared()
    image_policy = policy_registry.get_by_type(get_image_model())
    document_policy = policy_registry.get_by_type(get_document_model())
    journalist = UserFactory(groups=[JOURNALISTS])
    for dotted in ("wagtailadmin.access_admin", "shared.access_shared", "shared.contribute_shared"):
        assert journalist.has_perm(dotted)
    assert image_policy.user_has_permission(journalist, "add")
    assert image_policy.user_has_permission(journalist, "choose")
    assert document_policy.user_has_permission(journalist, "add")
    assert document_policy.user_has_permission(journalist, "choose")
    # Not other people's media, not the column's pages, not the aggregator's items.
    assert not image_policy.user_has_permission_for_instance(journalist, "change", ImageFactory())
    assert not journalist.has_perm("aggregator.change_item")
    assert not journalist.has_perm("wagtailcore.publish_page")


@pytest.mark.parametrize("group", [EDITORS, MODERATORS, ADMINS])
def test_editorial_groups_search_the_shared_database_and_correct_tags(portal, group):
    ensure_shared()
    user = UserFactory(groups=[group])
    assert user.has_perm("shared.access_shared")
    assert user.has_perm("aggregator.change_item")
    assert not user.has_perm("shared.contribute_shared")


def test_the_two_newsrooms_have_their_own_unpolled_sources(portal):
    setup = ensure_shared()
    assert [(newsroom.slug, newsroom.name) for newsroom in setup.newsrooms] == [
        ("bao-soc-trang", "Báo Sóc Trăng"),
        ("dai-phat-thanh-truyen-hinh", "Đài Phát thanh và Truyền hình Sóc Trăng"),
    ]
    for newsroom in Newsroom.objects.select_related("source"):
        assert newsroom.source.kind == SourceKind.NEWSROOM
        assert newsroom.source.feed_url is None
        assert not newsroom.source.enabled
        assert newsroom.source.outlet == newsroom.name
    assert not Source.objects.feeds().filter(newsroom__isnull=False).exists()


def test_running_twice_changes_nothing_and_keeps_what_admins_added(portal):
    ensure_shared()
    journalists = Group.objects.get(name=JOURNALISTS)
    journalists.permissions.add(permission("shared.view_reuse"))  # an admin's own addition
    newsroom = Newsroom.objects.get(slug="bao-soc-trang")
    newsroom.source.agreement_number = "12/HĐ"
    newsroom.source.save()
    counts = (Group.objects.count(), Newsroom.objects.count(), Source.objects.count(), journalists.permissions.count())

    ensure_shared()

    assert (
        Group.objects.count(),
        Newsroom.objects.count(),
        Source.objects.count(),
        journalists.permissions.count(),
    ) == counts
    assert journalists.permissions.filter(codename="view_reuse").exists()
    assert Source.objects.get(pk=newsroom.source_id).agreement_number == "12/HĐ"
