"""RSS 2.0 and Atom feeds of the column, read back with feedparser as subscribers would."""

import html

import feedparser
import pytest

from tests.cms.factories import make_article


@pytest.fixture
def articles(portal):
    return [
        make_article(
            portal.column_vi,
            "Xuất khẩu gạo sang Philippines & Indonesia",
            pillar="kinh-te",
            topics=("dau-tu-thuong-mai",),
            countries=("ph", "id"),
            lead="Gạo <thơm> của tỉnh vào thị trường mới.",
            days_ago=2,
        ),
        make_article(
            portal.column_vi,
            "Giao lưu văn hóa Khmer - Campuchia",
            pillar="van-hoa-xa-hoi",
            topics=("van-hoa",),
            countries=("kh",),
            days_ago=1,
        ),
    ]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_is_valid_and_complete(client, portal, articles, kind):
    response = client.get(f"/vi/chuyen-muc-asean/{kind}/")
    assert response.status_code == 200
    expected_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    assert response["Content-Type"].startswith(expected_type)
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.title == "Chuyên mục ASEAN"
    assert [entry.title for entry in feed.entries] == [
        "Giao lưu văn hóa Khmer - Campuchia",
        "Xuất khẩu gạo sang Philippines & Indonesia",
    ]
    for entry, article in zip(feed.entries, reversed(articles), strict=True):
        assert entry.link == article.get_full_url()
        assert entry.id == article.get_full_url()
        assert entry.published_parsed is not None
        assert html.unescape(entry.summary) == article.lead
        assert article.pillar.name_vi in [tag.term for tag in entry.tags]
    assert "Đầu tư, thương mại" in [tag.term for tag in feed.entries[1].tags]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_honours_the_column_filters(client, portal, articles, kind):
    feed = feedparser.parse(client.get(f"/vi/chuyen-muc-asean/{kind}/?pillar=kinh-te").content)
    assert [entry.title for entry in feed.entries] == ["Xuất khẩu gạo sang Philippines & Indonesia"]
    feed = feedparser.parse(client.get(f"/vi/chuyen-muc-asean/{kind}/?country=kh&q=khmer").content)
    assert [entry.title for entry in feed.entries] == ["Giao lưu văn hóa Khmer - Campuchia"]


def test_english_feed_lists_english_articles(client, portal, articles):
    make_article(portal.column_en, "Rice exports to the Philippines", pillar="kinh-te")
    feed = feedparser.parse(client.get("/en/asean-column/rss/").content)
    assert feed.bozo == 0
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == ["Rice exports to the Philippines"]
    assert [tag.term for tag in feed.entries[0].tags] == ["Economic"]


def test_column_page_advertises_its_feeds(client, portal):
    html = client.get("/vi/chuyen-muc-asean/?pillar=kinh-te").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/vi/chuyen-muc-asean/rss/?pillar=kinh-te"' in html
    assert 'href="/vi/chuyen-muc-asean/atom/?pillar=kinh-te"' in html
