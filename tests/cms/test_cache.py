"""Whole-page cache for anonymous visitors, fresh after every editorial change."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cms.factories import UserFactory, make_article


def test_anonymous_pages_come_from_the_cache(client, portal):
    make_article(portal.column_vi, "Bài đầu tiên")
    first = client.get("/vi/chuyen-muc-asean/")
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/vi/chuyen-muc-asean/")
    assert second.content == first.content
    assert len(queries) == 0
    assert "public" in second["Cache-Control"]


def test_publishing_refreshes_cached_pages(client, portal):
    make_article(portal.column_vi, "Bài cũ")
    assert "Bài mới" not in client.get("/vi/chuyen-muc-asean/").content.decode()
    article = make_article(portal.column_vi, "Bài mới")
    assert "Bài mới" in client.get("/vi/chuyen-muc-asean/").content.decode()
    article.unpublish()
    assert "Bài mới" not in client.get("/vi/chuyen-muc-asean/").content.decode()


def test_filters_are_cached_separately(client, portal):
    make_article(portal.column_vi, "Kinh tế", pillar="kinh-te")
    make_article(portal.column_vi, "Văn hóa", pillar="van-hoa-xa-hoi")
    assert "Văn hóa</a>" not in client.get("/vi/chuyen-muc-asean/?pillar=kinh-te").content.decode()
    assert "Văn hóa</a>" in client.get("/vi/chuyen-muc-asean/").content.decode()


def test_logged_in_editors_never_get_a_cached_page(client, portal):
    make_article(portal.column_vi, "Bài")
    client.get("/vi/chuyen-muc-asean/")  # fills the cache for anonymous visitors
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    html = client.get("/vi/chuyen-muc-asean/").content.decode()
    assert "wagtail-userbar" in html or "w-userbar" in html
    client.logout()
    assert "w-userbar" not in client.get("/vi/chuyen-muc-asean/").content.decode()


def test_a_flushed_cache_never_brings_an_old_content_version_back():
    from django.core.cache import cache

    from cms.cache import bump_content_version, content_version, forget_remembered_version

    before = content_version()
    bump_content_version()
    bumped = content_version()
    assert bumped == before + 1
    cache.clear()  # e.g. Redis restarted
    forget_remembered_version()
    assert content_version() not in (before, bumped)
