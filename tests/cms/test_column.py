"""The column index: listing, filters, search, pagination and its SQL query bound."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cms.factories import ImageFactory, make_article


def _titles(response) -> list[str]:
    return [article.title for article in response.context["articles"]]


def test_lists_live_articles_newest_first(client, portal):
    older = make_article(portal.column_vi, "Bài cũ", days_ago=3)
    newer = make_article(portal.column_vi, "Bài mới", days_ago=1)
    make_article(portal.column_vi, "Bản nháp chưa xuất bản", publish=False)
    response = client.get("/vi/chuyen-muc-asean/")
    assert response.status_code == 200
    assert _titles(response) == [newer.title, older.title]
    assert "Bản nháp chưa xuất bản" not in response.content.decode()


def test_each_language_lists_its_own_articles(client, portal):
    make_article(portal.column_vi, "Chỉ tiếng Việt")
    make_article(portal.column_en, "English only")
    assert _titles(client.get("/vi/chuyen-muc-asean/")) == ["Chỉ tiếng Việt"]
    assert _titles(client.get("/en/asean-column/")) == ["English only"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?pillar=kinh-te", ["Lúa gạo xuất khẩu"]),
        ("?pillar=van-hoa-xa-hoi", ["Lễ hội Oóc Om Bóc", "Học bổng sinh viên"]),
        ("?topic=giao-duc", ["Học bổng sinh viên"]),
        ("?country=th", ["Lễ hội Oóc Om Bóc", "Lúa gạo xuất khẩu"]),
        ("?country=TH", ["Lễ hội Oóc Om Bóc", "Lúa gạo xuất khẩu"]),
        ("?pillar=van-hoa-xa-hoi&country=th", ["Lễ hội Oóc Om Bóc"]),
        ("?pillar=khong-co", []),
    ],
)
def test_filters_by_pillar_topic_and_country(client, portal, query, expected):
    make_article(portal.column_vi, "Lúa gạo xuất khẩu", pillar="kinh-te", countries=("th", "vn"), days_ago=3)
    make_article(portal.column_vi, "Học bổng sinh viên", pillar="van-hoa-xa-hoi", topics=("giao-duc",), days_ago=2)
    make_article(portal.column_vi, "Lễ hội Oóc Om Bóc", pillar="van-hoa-xa-hoi", countries=("th", "kh"), days_ago=1)
    response = client.get("/vi/chuyen-muc-asean/" + query)
    assert response.status_code == 200
    assert _titles(response) == expected


@pytest.mark.parametrize("query", ["viet nam", "Viet Nam", "Việt Nam", "VIỆT NAM", "vIệT nAm"])
def test_search_ignores_diacritics_and_case(client, portal, query):
    make_article(portal.column_vi, "Việt Nam và Cộng đồng ASEAN", days_ago=1)
    make_article(portal.column_vi, "Hợp tác tiểu vùng Mê Kông", days_ago=2)
    response = client.get("/vi/chuyen-muc-asean/", {"q": query})
    assert _titles(response) == ["Việt Nam và Cộng đồng ASEAN"]


@pytest.mark.parametrize("query", ["dong bang", "đồng bằng", "Đồng Bằng", "dong bằng"])
def test_search_matches_d_with_stroke(client, portal, query):
    make_article(portal.column_vi, "Thích ứng ở Đồng bằng sông Cửu Long")
    make_article(portal.column_vi, "Kinh tế số")
    assert _titles(client.get("/vi/chuyen-muc-asean/", {"q": query})) == ["Thích ứng ở Đồng bằng sông Cửu Long"]


def test_search_reads_lead_and_body_and_needs_every_word(client, portal):
    make_article(portal.column_vi, "Bài A", lead="Xuất khẩu tôm sang Singapore")
    make_article(
        portal.column_vi, "Bài B", lead="Ven biển", body="<p>Giải pháp <b>chống xâm nhập mặn</b> cho vùng ven biển.</p>"
    )
    assert _titles(client.get("/vi/chuyen-muc-asean/", {"q": "tom singapore"})) == ["Bài A"]
    assert _titles(client.get("/vi/chuyen-muc-asean/", {"q": "xam nhap man"})) == ["Bài B"]
    assert _titles(client.get("/vi/chuyen-muc-asean/", {"q": "tom man"})) == []
    # Words match from their start: "ap" is inside "phap" and "nhap" but starts no word.
    assert _titles(client.get("/vi/chuyen-muc-asean/", {"q": "ap"})) == []
    assert _titles(client.get("/vi/chuyen-muc-asean/", {"q": "singa"})) == ["Bài A"]


def test_search_result_count_is_announced(client, portal):
    make_article(portal.column_vi, "Việt Nam hội nhập")
    html = client.get("/vi/chuyen-muc-asean/", {"q": "viet nam"}).content.decode()
    assert 'role="status"' in html
    assert "1 bài viết" in html or "1 article" in html


def test_paginates_and_keeps_filters_in_page_links(client, portal):
    portal.column_vi.per_page = 5
    portal.column_vi.save_revision().publish()
    for number in range(7):
        make_article(portal.column_vi, f"Kinh tế {number}", pillar="kinh-te", days_ago=number)
    make_article(portal.column_vi, "Văn hóa", pillar="van-hoa-xa-hoi")
    first = client.get("/vi/chuyen-muc-asean/", {"pillar": "kinh-te"})
    assert _titles(first) == [f"Kinh tế {n}" for n in range(5)]
    assert "?pillar=kinh-te&amp;page=2" in first.content.decode()
    second = client.get("/vi/chuyen-muc-asean/", {"pillar": "kinh-te", "page": 2})
    assert _titles(second) == ["Kinh tế 5", "Kinh tế 6"]
    # A page number past the end shows the last page rather than an error.
    assert _titles(client.get("/vi/chuyen-muc-asean/", {"pillar": "kinh-te", "page": 99})) == ["Kinh tế 5", "Kinh tế 6"]


def _count_queries(client, url: str) -> int:
    client.get(url)  # first render creates image renditions; count the steady state
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_column_renders_in_a_fixed_number_of_queries(client, portal, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the response cache
    portal.column_vi.per_page = 100
    portal.column_vi.save_revision().publish()
    image = ImageFactory()

    def fill(count: int):
        for number in range(count):
            make_article(
                portal.column_vi,
                f"Bài {number}",
                topics=("giao-duc", "du-lich"),
                countries=("vn", "th"),
                image=image if number % 2 else ImageFactory(),
            )

    fill(10)
    with_ten = _count_queries(client, "/vi/chuyen-muc-asean/")
    fill(90)
    with_hundred = _count_queries(client, "/vi/chuyen-muc-asean/")
    assert len(client.get("/vi/chuyen-muc-asean/").context["articles"]) == 100
    assert with_hundred == with_ten
    assert with_ten <= 25
