"""The embeds: iframe HTML, JSON list and script widget; their CSP, CORS, caching and size."""

import base64
import gzip
import hashlib
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.embed import MAX_LIMIT
from tests.cms.factories import make_article, translate_article

HOST = "http://127.0.0.1:8013"


@pytest.fixture
def articles(portal, agency_a):
    agency_a.allowed_origins = HOST
    agency_a.save()
    return [
        make_article(agency_a.column, f"Tin số {n} của sở", pillar="kinh-te" if n % 2 else "van-hoa-xa-hoi", days_ago=n)
        for n in range(8)
    ]


def _csp(response) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))


def test_iframe_lists_the_latest_articles(client, articles):
    response = client.get("/embed/asean/", {"agency": "soa", "limit": 3})
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'rel="noopener">(Tin số \d của sở)</a>', html)
    assert titles == ["Tin số 0 của sở", "Tin số 1 của sở", "Tin số 2 của sở"]
    assert '<html lang="vi">' in html and '<body class="light">' in html
    assert not response.cookies
    assert "X-Frame-Options" not in response


def test_iframe_may_be_framed_only_by_registered_origins(client, articles):
    csp = _csp(client.get("/embed/asean/", {"agency": "soa"}))
    assert csp["frame-ancestors"] == f"'self' {HOST}"
    assert csp["default-src"] == "'none'"
    # Without any registered origin, only the service's own pages may frame it (not every site).
    csp = _csp(client.get("/embed/asean/", {"agency": "portal"}))
    assert csp["frame-ancestors"] == "'self'"


def test_iframe_inline_script_and_style_are_allowed_by_hash_only(client, articles):
    response = client.get("/embed/asean/", {"agency": "soa"})
    html, csp = response.content.decode(), _csp(response)

    def digest(source: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"

    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert csp["script-src"] == digest(script)
    assert csp["style-src"] == digest(style)
    assert "asean-embed:height" in script


def test_iframe_options(client, portal, agency_a):
    economy = make_article(agency_a.column, "Kinh tế", pillar="kinh-te", days_ago=1)
    make_article(agency_a.column, "Văn hóa", pillar="van-hoa-xa-hoi")
    translate_article(economy, title="Economy")
    html = client.get("/embed/asean/", {"agency": "soa", "pillar": "kinh-te", "theme": "dark"}).content.decode()
    assert "Kinh tế</a>" in html and "Văn hóa</a>" not in html and '<body class="dark">' in html
    html = client.get("/embed/asean/", {"agency": "soa", "lang": "en"}).content.decode()
    assert '<html lang="en">' in html and "Economy</a>" in html and "/en/soa/asean-column/" in html


def test_unknown_or_missing_code_is_a_bad_request(client, portal):
    assert client.get("/embed/asean/", {"agency": "khong-co"}).status_code == 400
    assert client.get("/embed/asean.json", {"agency": "khong-co"}).status_code == 400
    assert client.get("/embed/asean.json").status_code == 400


def test_json_format(client, portal, agency_a):
    make_article(agency_a.column, "Tin của sở", pillar="kinh-te", days_ago=1, lead="Tóm tắt.")
    shared = make_article(portal.column_vi, "Tin của cổng", pillar="van-hoa-xa-hoi")
    agency_a.column.include_portal_articles = True
    agency_a.column.save_revision().publish()
    data = client.get("/embed/asean.json", {"agency": "soa", "limit": 5}).json()
    assert data["version"] == 1
    assert data["agency"] == {"code": "soa", "name": "Sở Ngoại vụ"}
    assert data["column"] == {
        "title": "Chuyên mục ASEAN",
        "url": "http://127.0.0.1:8000/vi/soa/chuyen-muc-asean/",
        "lang": "vi",
    }
    assert data["pillar"] is None
    first, second = data["items"]
    assert first == {
        "title": "Tin của cổng",
        "url": shared.full_url,
        "date": first["date"],
        "lead": "Tóm tắt bài viết.",
        "pillar": {"slug": "van-hoa-xa-hoi", "name": "Văn hóa - Xã hội"},
        "from_portal": True,
    }
    assert first["date"].endswith("+07:00")
    assert second["title"] == "Tin của sở" and second["from_portal"] is False


def test_the_portal_column_answers_to_portal(client, portal):
    make_article(portal.column_vi, "Tin của cổng")
    data = client.get("/embed/asean.json", {"agency": "portal"}).json()
    assert [item["title"] for item in data["items"]] == ["Tin của cổng"]
    assert data["column"]["url"] == "http://127.0.0.1:8000/vi/chuyen-muc-asean/"


def test_cors_only_for_registered_origins(client, articles):
    allowed = client.get("/embed/asean.json", {"agency": "soa"}, HTTP_ORIGIN=HOST)
    assert allowed["Access-Control-Allow-Origin"] == HOST
    assert "Origin" in allowed["Vary"]
    assert "Access-Control-Allow-Credentials" not in allowed
    refused = client.get("/embed/asean.json", {"agency": "soa"}, HTTP_ORIGIN="http://127.0.0.1:9999")
    assert "Access-Control-Allow-Origin" not in refused
    assert "Access-Control-Allow-Origin" not in client.get("/embed/asean.json", {"agency": "portal"}, HTTP_ORIGIN=HOST)
    assert not allowed.cookies


def test_allowing_an_origin_takes_effect_at_once(client, articles, agency_a):
    other = "https://phuong.example.vn"
    assert "Access-Control-Allow-Origin" not in client.get("/embed/asean.json", {"agency": "soa"}, HTTP_ORIGIN=other)
    agency_a.add_origin(other)
    agency_a.save()
    response = client.get("/embed/asean.json", {"agency": "soa"}, HTTP_ORIGIN=other)
    assert response["Access-Control-Allow-Origin"] == other


@pytest.mark.parametrize("url", ["/embed/asean/", "/embed/asean.json"])
def test_repeat_requests_cost_no_query_and_publishing_refreshes(client, articles, agency_a, url):
    params = {"agency": "soa", "limit": 2}
    first = client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, params)
    assert len(queries) == 0
    assert again.content == first.content
    assert again["Cache-Control"].startswith("public, max-age=300")
    assert client.get(url, params, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
    make_article(agency_a.column, "Tin mới nhất")
    assert "Tin mới nhất" in client.get(url, params).content.decode()


@pytest.mark.parametrize("url", ["/embed/asean/", "/embed/asean.json"])
def test_responses_stay_under_10_kb_gzipped_at_the_largest_limit(client, portal, agency_a, url):
    long_lead = "Hợp tác phát triển vùng Đồng bằng sông Cửu Long với các nước thành viên ASEAN. " * 8
    for number in range(MAX_LIMIT + 5):
        make_article(agency_a.column, f"Tiêu đề bài viết dài về hội nhập ASEAN của tỉnh, số {number}", lead=long_lead)
    response = client.get(url, {"agency": "soa", "limit": 100}, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    body = gzip.decompress(response.content).decode()
    assert body.count("Tiêu đề bài viết dài") == MAX_LIMIT  # limit is capped
    assert len(response.content) < 10 * 1024, len(response.content)


def test_script_widget_is_served_with_long_cache_headers(client, portal):
    response = client.get("/embed/asean.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "max-age=86400" in response["Cache-Control"]
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    script = response.content.decode()
    assert "attachShadow" in script and 'credentials: "omit"' in script and "/embed/asean.json?" in script
    assert "innerHTML" not in script  # text is set with textContent only
    assert client.get("/embed/asean.js", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    gzipped = client.get("/embed/asean.js", HTTP_ACCEPT_ENCODING="gzip")
    assert len(gzipped.content) < 4 * 1024


def test_json_is_valid_utf8_without_escapes(client, articles):
    response = client.get("/embed/asean.json", {"agency": "soa", "limit": 1})
    assert response["Content-Type"] == "application/json"
    assert "Tin số 0 của sở" in response.content.decode()
    assert json.loads(response.content)["items"][0]["title"] == "Tin số 0 của sở"


def test_each_encoding_has_its_own_entity_tag(client, articles):
    plain = client.get("/embed/asean.json", {"agency": "soa"})
    zipped = client.get("/embed/asean.json", {"agency": "soa"}, HTTP_ACCEPT_ENCODING="gzip")
    assert plain["ETag"] != zipped["ETag"]
    again = client.get(
        "/embed/asean.json", {"agency": "soa"}, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"]
    )
    assert again.status_code == 304
    assert client.head("/embed/asean/", {"agency": "soa"}).status_code == 200
