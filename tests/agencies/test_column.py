"""An agency column beside the portal's: its own articles plus, when chosen, the portal's (not copied)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import AseanArticlePage, Pillar
from tests.cms.factories import ImageFactory, make_article, translate_article


def _include(column, *pillars: str):
    column.include_portal_articles = True
    column.included_pillars.set(Pillar.objects.filter(slug__in=pillars))
    column.save_revision().publish()
    column.refresh_from_db()
    return column


def _titles(response) -> list[tuple[str, bool]]:
    return [(article.title, article.from_portal) for article in response.context["articles"]]


def test_an_agency_column_lists_only_its_own_articles_by_default(client, portal, agency_a):
    make_article(agency_a.column, "Tin của sở", days_ago=1)
    make_article(portal.column_vi, "Tin của cổng")
    assert _titles(client.get(agency_a.column.url)) == [("Tin của sở", False)]
    # And the portal column does not list agencies' articles.
    assert [a.title for a in client.get(portal.column_vi.url).context["articles"]] == ["Tin của cổng"]


def test_the_portal_articles_come_marked_and_are_not_copied(client, portal, agency_a):
    make_article(agency_a.column, "Tin của sở", days_ago=1)
    shared = make_article(portal.column_vi, "Tin của cổng")
    pages_before = AseanArticlePage.objects.count()
    _include(agency_a.column)
    response = client.get(agency_a.column.url)
    assert _titles(response) == [("Tin của cổng", True), ("Tin của sở", False)]
    html = response.content.decode()
    assert html.count("card--portal") == 1
    assert f'href="{shared.url}"' in html  # links to the portal's own page
    assert AseanArticlePage.objects.count() == pages_before


def test_only_the_chosen_pillars_of_the_portal(client, portal, agency_a):
    make_article(portal.column_vi, "Kinh tế cổng", pillar="kinh-te", days_ago=2)
    make_article(portal.column_vi, "Văn hóa cổng", pillar="van-hoa-xa-hoi", days_ago=1)
    make_article(agency_a.column, "Kinh tế sở", pillar="kinh-te")
    _include(agency_a.column, "van-hoa-xa-hoi")
    assert _titles(client.get(agency_a.column.url)) == [("Kinh tế sở", False), ("Văn hóa cổng", True)]
    # The column's filters apply to both.
    assert _titles(client.get(agency_a.column.url, {"pillar": "kinh-te"})) == [("Kinh tế sở", False)]


def test_each_language_takes_the_portal_articles_of_its_language(client, portal, agency_a):
    article = make_article(portal.column_vi, "Tin của cổng")
    translate_article(article, title="Portal news")
    _include(agency_a.column)
    column_en = agency_a.column_in("en")
    column_en.include_portal_articles = True
    column_en.save_revision().publish()
    assert _titles(client.get(column_en.url)) == [("Portal news", True)]


def test_a_site_of_its_own_links_portal_articles_to_the_portal(client, portal, agency_b, settings):
    settings.ALLOWED_HOSTS = ["*"]
    shared = make_article(portal.column_vi, "Tin của cổng")
    _include(agency_b.column)
    response = client.get("/vi/chuyen-muc-asean/", HTTP_HOST="vinhphuoc.localhost:8000")
    assert _titles(response) == [("Tin của cổng", True)]
    assert f'href="{shared.full_url}"' in response.content.decode()


def test_feeds_of_an_agency_column(client, portal, agency_a):
    make_article(agency_a.column, "Tin của sở")
    make_article(portal.column_vi, "Tin của cổng")
    rss = client.get(agency_a.column.url + "rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert "Tin của sở" in rss.content.decode() and "Tin của cổng" not in rss.content.decode()
    _include(agency_a.column)
    atom = client.get(agency_a.column_in("vi").url + "atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Tin của sở" in atom.content.decode() and "Tin của cổng" in atom.content.decode()


def _count_queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_agency_column_with_portal_articles_renders_in_a_fixed_number_of_queries(client, portal, agency_a, settings):
    settings.PAGE_CACHE_SECONDS = 0
    column = agency_a.column
    column.per_page = 100
    column.save_revision().publish()
    _include(column, "kinh-te", "van-hoa-xa-hoi")
    image = ImageFactory()

    def fill(count: int):
        for number in range(count):
            parent = portal.column_vi if number % 2 else column
            make_article(parent, f"Bài {number}", topics=("giao-duc",), countries=("vn",), image=image)

    fill(6)
    with_few = _count_queries(client, column.url)
    fill(40)
    with_many = _count_queries(client, column.url)
    assert len(client.get(column.url).context["articles"]) == 46
    assert with_many == with_few
