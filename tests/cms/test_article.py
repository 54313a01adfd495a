"""The article page: its parts, citation, metadata, related articles and print view."""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from cms.citation import citation_line
from tests.cms.factories import ImageFactory, make_article


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_article_page_shows_its_parts(client, portal):
    article = make_article(
        portal.column_vi,
        "Sóc Trăng đón đoàn doanh nghiệp Thái Lan",
        lead="Đoàn tìm hiểu cơ hội đầu tư vào chế biến nông sản.",
        body="<p>Nội dung chính của bài viết.</p>",
        topics=("dau-tu-thuong-mai",),
        countries=("th",),
        image=ImageFactory(title="Toàn cảnh buổi làm việc"),
    )
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Sóc Trăng đón đoàn doanh nghiệp Thái Lan</h1>" in html
    assert "Đoàn tìm hiểu cơ hội đầu tư" in html
    assert "Nội dung chính của bài viết." in html
    assert 'aria-label="Breadcrumbs"' in html or 'class="breadcrumbs"' in html
    assert f'href="{portal.column_vi.url}"' in html
    assert "Thái Lan" in html and "Đầu tư, thương mại" in html
    # Responsive images: WebP first, with a JPEG fallback and several widths.
    assert 'type="image/webp"' in html and "srcset=" in html
    assert 'alt="Toàn cảnh buổi làm việc"' in html


def test_open_graph_and_json_ld_describe_the_article(client, portal):
    article = make_article(portal.column_vi, 'Hợp tác "Mê Kông" </script>', image=ImageFactory())
    html = client.get(article.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert 'property="og:image" content="http://testserver/' in html
    data = _json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == 'Hợp tác "Mê Kông" </script>'
    assert data["mainEntityOfPage"] == portal.site.root_url + "/vi/chuyen-muc-asean/" + article.slug + "/"
    assert data["image"][0].startswith("http://testserver/")
    assert data["datePublished"] == article.date.isoformat()
    # The title cannot close the script element it sits in.
    assert '</script>"' not in html.split('application/ld+json">', 1)[1].split("</script>", 1)[0]


def test_citation_line_for_reused_work_only(client, portal):
    reused = make_article(
        portal.column_vi,
        "Bài khai thác lại",
        source_outlet="VietnamPlus",
        source_url="https://example.org/bai-goc",
        source_published_at=datetime(2026, 3, 12, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    own = make_article(portal.column_vi, "Bài tự viết")
    html = client.get(reused.url).content.decode()
    assert "Theo VietnamPlus (https://example.org/bai-goc, 12/03/2026)" in html
    assert 'class="citation"' not in client.get(own.url).content.decode()


def test_citation_line_in_english():
    with translation.override("en"):
        line = citation_line("VOV", "https://example.org/a", datetime(2026, 1, 2, 20, 0, tzinfo=ZoneInfo("UTC")))
    # 20:00 UTC is already the 3rd in Viet Nam.
    assert line == "According to VOV (https://example.org/a, 03/01/2026)"
    assert citation_line("") == ""


def test_related_articles_prefer_shared_topics(client, portal):
    article = make_article(portal.column_vi, "Bài chính", topics=("giao-duc",), pillar="van-hoa-xa-hoi")
    same_topic = make_article(portal.column_vi, "Cùng chủ đề", topics=("giao-duc",), pillar="kinh-te")
    same_pillar = make_article(portal.column_vi, "Cùng trụ cột", pillar="van-hoa-xa-hoi")
    make_article(portal.column_vi, "Không liên quan", pillar="chinh-tri-an-ninh")
    related = article.related_articles()
    assert [page.title for page in related] == [same_topic.title, same_pillar.title]
    assert "Cùng chủ đề" in client.get(article.url).content.decode()


def test_share_links_and_print_view(client, portal):
    article = make_article(portal.column_vi, "Bài để in", lead="Tóm tắt để in")
    html = client.get(article.url).content.decode()
    assert "facebook.com/sharer" in html and "mailto:?subject=" in html
    assert f'href="{article.url}print/"' in html
    printed = client.get(article.url + "print/")
    assert printed.status_code == 200
    printed_html = printed.content.decode()
    assert "Bài để in" in printed_html and "Tóm tắt để in" in printed_html
    assert 'name="robots" content="noindex"' in printed_html
    assert "site-header" not in printed_html
    saved = client.get(article.url + "save/")
    assert saved["Content-Disposition"] == f'attachment; filename="{article.slug}.html"'
    assert "Tóm tắt để in" in saved.content.decode()


def test_unpublished_article_is_not_found(client, portal):
    draft = make_article(portal.column_vi, "Bản nháp", publish=False)
    assert client.get("/vi/chuyen-muc-asean/" + draft.slug + "/").status_code == 404


def test_sitemap_and_robots(client, portal):
    article = make_article(portal.column_vi, "Bài trong sơ đồ trang")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert article.slug in sitemap and "/en/asean-column/" in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


def test_article_page_queries_do_not_grow_with_related_articles(client, portal, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    article = make_article(portal.column_vi, "Bài chính", topics=("giao-duc", "du-lich"), image=ImageFactory())

    def queries() -> int:
        client.get(article.url)  # renditions are created on the first render
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.url).status_code == 200
        return len(captured)

    make_article(portal.column_vi, "Liên quan 1", topics=("giao-duc",), image=ImageFactory())
    with_one = queries()
    for number in range(2, 5):
        make_article(portal.column_vi, f"Liên quan {number}", topics=("giao-duc", "du-lich"), image=ImageFactory())
    assert len(article.related_articles()) == 4
    # Bounded: with four related by topic, the same-pillar fallback query is not even needed.
    assert queries() <= with_one
