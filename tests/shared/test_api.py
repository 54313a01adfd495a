"""The read-only JSON API: authentication, filters, paging, item shape, reuse rights, errors, rate limit, schema."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from aggregator.models import ItemKind, ItemStatus, ReuseRights, StoryCluster
from cms.models import Country, Pillar, Topic
from shared import openapi, tokens
from shared.api import ACCEPTED_PARAMETERS, MAX_PAGE_SIZE
from shared.models import Attachment
from tests.cms.factories import ImageFactory
from tests.shared.factories import ItemFactory, SourceFactory, make_newsroom

ITEMS = "/api/shared/v1/items/"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def newsroom(portal):
    return make_newsroom()


@pytest.fixture
def key(newsroom):
    return tokens.issue(newsroom, "Hệ thống toà soạn").key


@pytest.fixture
def api(client, key):
    def get(path: str = ITEMS, **params):
        return client.get(path, params, headers={"Authorization": f"Bearer {key}"})

    return get


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


# --- Authentication -------------------------------------------------------------------------------


@pytest.mark.parametrize("header", [None, "Bearer asn_not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer"])
def test_no_valid_token_gets_401_and_nothing_else(client, newsroom, header):
    item = ItemFactory(title="Tin mật")
    headers = {"Authorization": header} if header else {}

    for path in (ITEMS, f"{ITEMS}{item.pk}/"):
        response = client.get(path, headers=headers)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response["Cache-Control"] == "private, no-store"
        assert set(response.json()) == {"error"}
        assert "Tin mật" not in response.content.decode()


def test_a_revoked_token_gets_401(client, newsroom):
    issued = tokens.issue(newsroom, "old system")
    ItemFactory()
    headers = {"Authorization": f"Bearer {issued.key}"}
    assert client.get(ITEMS, headers=headers).status_code == 200

    tokens.revoke(issued.token)

    response = client.get(ITEMS, headers=headers)
    assert response.status_code == 401
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    assert response.json()["error"]["code"] == "invalid_token"


def test_only_get(client, key):
    response = client.post(ITEMS, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"


# --- The list -------------------------------------------------------------------------------------


def test_a_page_of_items_newest_first(api):
    older = ItemFactory(published_at=timezone.now() - timedelta(days=2))
    newer = ItemFactory(published_at=timezone.now() - timedelta(hours=1))

    response = api()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    assert body["count"] == 2 and body["next"] is None
    assert [item["id"] for item in body["results"]] == [newer.pk, older.pk]


def test_filtered_out_items_are_not_shown(api):
    kept = ItemFactory()
    filtered = ItemFactory(status=ItemStatus.FILTERED)

    assert ids(api()) == {kept.pk}
    assert api(f"{ITEMS}{filtered.pk}/").status_code == 404


def test_pages_and_next(api):
    for hours in range(25):
        ItemFactory(published_at=timezone.now() - timedelta(hours=hours + 1))

    first = api(page_size=10, kind="article").json()
    assert first["count"] == 25 and len(first["results"]) == 10
    assert first["next"].startswith("http://testserver/api/shared/v1/items/?")
    assert "page=2" in first["next"] and "kind=article" in first["next"] and "page_size=10" in first["next"]

    second = api(first["next"].removeprefix("http://testserver")).json()
    third = api(page_size=10, page=3).json()
    assert len(second["results"]) == 10 and len(third["results"]) == 5 and third["next"] is None
    seen = [item["id"] for page in (first, second, third) for item in page["results"]]
    assert len(set(seen)) == 25

    assert api(page=4, page_size=10).json() == {"count": 25, "next": None, "results": []}
    assert len(api().json()["results"]) == 20  # the default page size


@pytest.mark.parametrize(
    ("params", "invalid"),
    [
        ({"page_size": MAX_PAGE_SIZE + 1}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"page": 0}, "page"),
        ({"page": "two"}, "page"),
        ({"kind": "poem"}, "kind"),
        ({"pillar": "no-such-pillar"}, "pillar"),
        ({"since": "yesterday"}, "since"),
        ({"source": "abc"}, "source"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(api, params, invalid):
    response = api(**params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameters" and invalid in error["details"]
    assert all(isinstance(message, str) for message in error["details"][invalid])


def test_each_filter(api):
    economy, culture = Pillar.objects.get(slug="kinh-te"), Pillar.objects.get(slug="van-hoa-xa-hoi")
    trade = Topic.objects.get(slug="dau-tu-thuong-mai")
    laos = Country.objects.get(code="la")
    source = SourceFactory()
    rice = ItemFactory(title="Xuất khẩu gạo sang Đông Nam Á", pillar=economy, source=source)
    rice.topics.add(trade)
    festival = ItemFactory(
        title="Lễ hội Oóc Om Bóc đón khách Lào", pillar=culture, kind=ItemKind.VIDEO, published_at=timezone.now()
    )
    festival.countries.add(laos)
    old = ItemFactory(title="Hội nghị cũ", published_at=timezone.now() - timedelta(days=10))

    assert ids(api(q="xuat khau gao")) == {rice.pk}  # without diacritics
    assert ids(api(q="Lễ hội")) == {festival.pk}
    assert ids(api(source=source.pk)) == {rice.pk}
    assert ids(api(pillar="kinh-te")) == {rice.pk}
    assert ids(api(topic="dau-tu-thuong-mai")) == {rice.pk}
    assert ids(api(country="la")) == {festival.pk}
    assert ids(api(kind="video")) == {festival.pk}
    since = (timezone.now() - timedelta(days=1)).astimezone(VN).isoformat()
    assert ids(api(since=since)) == {rice.pk, festival.pk}
    assert old.pk in ids(api(since=(timezone.localdate() - timedelta(days=30)).isoformat()))


def test_a_page_of_twenty_costs_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    image = ImageFactory()
    cluster = StoryCluster.objects.create(title="Một câu chuyện")
    topics, countries = list(Topic.objects.all()[:3]), list(Country.objects.all()[:3])
    for _ in range(20):
        item = ItemFactory(pillar=Pillar.objects.first(), image=image, cluster=cluster)
        item.topics.set(topics)
        item.countries.set(countries)
    api()  # the token's first use writes its last-used time

    # token, count, items (with source, pillar, cluster, image), topics, countries
    with django_assert_max_num_queries(5):
        response = api()
    results = response.json()["results"]
    assert len(results) == 20
    assert all(len(item["topics"]) == 3 and len(item["countries"]) == 3 for item in results)


# --- An item --------------------------------------------------------------------------------------


def test_item_fields(api):
    published = datetime(2026, 3, 12, 8, 30, tzinfo=VN)
    source = SourceFactory(outlet="VietnamPlus")
    cluster = StoryCluster.objects.create(title="Hội nghị ASEAN")
    item = ItemFactory(
        source=source,
        title="Hội nghị Bộ trưởng Kinh tế ASEAN",
        url="https://www.vietnamplus.vn/hoi-nghi.vnp",
        author="Minh Anh",
        published_at=published,
        pillar=Pillar.objects.get(slug="kinh-te"),
        cluster=cluster,
        image=ImageFactory(),
    )
    item.topics.add(Topic.objects.get(slug="dau-tu-thuong-mai"))
    item.countries.add(Country.objects.get(code="vn"))

    listed = api().json()["results"][0]

    assert listed["id"] == item.pk and listed["title"] == item.title
    assert listed["url"] == "https://www.vietnamplus.vn/hoi-nghi.vnp"
    assert listed["outlet"] == "VietnamPlus" and listed["author"] == "Minh Anh" and listed["language"] == "vi"
    assert listed["published"] == "2026-03-12T08:30:00+07:00"
    assert listed["pillar"] == {"slug": "kinh-te", "name_vi": "Kinh tế", "name_en": "Economic"}
    assert listed["topics"] == [
        {"slug": "dau-tu-thuong-mai", "name_vi": "Đầu tư, thương mại", "name_en": "Investment and trade"}
    ]
    assert listed["countries"] == [{"code": "vn", "name_vi": "Việt Nam", "name_en": "Viet Nam"}]
    assert listed["kind"] == "article" and listed["cluster"] == {"id": cluster.pk, "title": "Hội nghị ASEAN"}
    assert listed["summary"] == item.summary
    assert listed["image"].startswith("http://testserver/media/")
    assert listed["citation"]["vi"] == "Theo VietnamPlus (https://www.vietnamplus.vn/hoi-nghi.vnp, 12/03/2026)"
    with translation.override("en"):
        english = f"According to VietnamPlus ({item.url}, 12/03/2026)"
    assert listed["citation"]["en"] == english
    assert "content" not in listed and "attachments" not in listed


def test_image_without_a_stored_copy_is_the_outlets_address(api):
    ItemFactory(image_url="https://outlet.example/anh.jpg")
    assert api().json()["results"][0]["image"] == "https://outlet.example/anh.jpg"


def test_detail_adds_content_and_attachments(api):
    item = ItemFactory(content="<p>Toàn văn.</p>")
    Attachment.objects.create(
        item=item, kind=ItemKind.PHOTO, image=ImageFactory(), caption="Cảng Trần Đề", credit="TTXVN"
    )
    Attachment.objects.create(item=item, kind=ItemKind.VIDEO, url="https://video.example/1", caption="Phóng sự")

    response = api(f"{ITEMS}{item.pk}/")

    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    detail = response.json()
    assert detail["content"] == "<p>Toàn văn.</p>"
    photo, video = detail["attachments"]
    assert photo["kind"] == "photo" and photo["url"].startswith("http://testserver/media/")
    assert photo["caption"] == "Cảng Trần Đề" and photo["credit"] == "TTXVN"
    assert video == {"kind": "video", "url": "https://video.example/1", "caption": "Phóng sự", "credit": ""}


def test_unknown_item_and_path_are_json_404s(api):
    for path in (f"{ITEMS}999999/", f"{ITEMS}abc/", "/api/shared/v1/nothing-here/", "/api/shared/v1/items"):
        response = api(path)
        # Not LocaleMiddleware's redirect to /vi/..., not the site's HTML page.
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("rights", "summary", "content", "image"),
    [
        (ReuseRights.FULL_TEXT, True, True, True),
        (ReuseRights.EXCERPT, True, False, False),
        (ReuseRights.LINK_ONLY, False, False, False),
    ],
)
def test_reuse_rights_decide_what_is_given(api, rights, summary, content, image):
    item = ItemFactory(source=SourceFactory(reuse_rights=rights), image=ImageFactory(), content="<p>Toàn văn.</p>")
    Attachment.objects.create(item=item, kind=ItemKind.VIDEO, url="https://video.example/1")

    listed = api().json()["results"][0]
    detail = api(f"{ITEMS}{item.pk}/").json()

    assert listed["reuse_rights"] == rights
    assert (listed["summary"] == item.summary) is summary and (listed["summary"] is None) is not summary
    assert (detail["content"] == "<p>Toàn văn.</p>") is content
    assert (listed["image"] is not None) is image and bool(detail["attachments"]) is image
    # What is always given: enough to find and cite the original.
    assert detail["url"] == item.url and detail["citation"]["vi"].startswith("Theo ")


# --- Rate limit -----------------------------------------------------------------------------------


def test_rate_limit_then_the_next_window(api, settings, monkeypatch):
    settings.SHARED_API_RATE = "2/min"
    monkeypatch.setattr(tokens, "clock", lambda: 1_800_000_000.0 + 50)  # 50 s into a minute

    assert [api().status_code for _ in range(2)] == [200, 200]
    limited = api()
    assert limited.status_code == 429
    assert limited["Retry-After"] == "10"
    assert limited.json()["error"]["code"] == "rate_limited"

    monkeypatch.setattr(tokens, "clock", lambda: 1_800_000_000.0 + 60)
    assert api().status_code == 200


# --- OpenAPI --------------------------------------------------------------------------------------


def test_openapi_is_public_json(client):
    response = client.get("/api/shared/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.1")
    assert schema["components"]["securitySchemes"]["bearer"] == {
        **schema["components"]["securitySchemes"]["bearer"],
        "type": "http",
        "scheme": "bearer",
    }
    for path in ("/items/", "/items/{id}/"):
        assert {"200", "401", "429"} <= set(schema["paths"][path]["get"]["responses"])
    assert "400" in schema["paths"]["/items/"]["get"]["responses"]
    assert "404" in schema["paths"]["/items/{id}/"]["get"]["responses"]


def test_openapi_parameters_are_exactly_those_the_list_accepts():
    documented = [parameter["name"] for parameter in openapi.SCHEMA["paths"]["/items/"]["get"]["parameters"]]
    assert sorted(documented) == sorted(ACCEPTED_PARAMETERS)
    assert len(documented) == len(set(documented))


def _types(schema: dict) -> set[str]:
    types = schema.get("type", [])
    return set(types if isinstance(types, list) else [types])


JSON_TYPES = {str: "string", int: "integer", bool: "boolean", list: "array", dict: "object", type(None): "null"}


def _assert_conforms(data: dict, schema: dict) -> None:
    assert set(schema["required"]) <= set(data), set(schema["required"]) - set(data)
    for name, value in data.items():
        assert name in schema["properties"], f"undocumented field {name}"
        assert JSON_TYPES[type(value)] in _types(schema["properties"][name]), (name, value)


def test_responses_conform_to_the_documented_schemas(api):
    item = ItemFactory(
        pillar=Pillar.objects.first(), cluster=StoryCluster.objects.create(title="x"), image=ImageFactory()
    )
    Attachment.objects.create(item=item, kind=ItemKind.VIDEO, url="https://video.example/1")
    ItemFactory(source=SourceFactory(reuse_rights=ReuseRights.LINK_ONLY))  # nulls where a link is all
    schemas = openapi.SCHEMA["components"]["schemas"]

    page = api(page_size=1).json()
    _assert_conforms(page, schemas["Page"])
    for listed in api().json()["results"]:
        _assert_conforms(listed, schemas["Item"])

    detail_schema = schemas["ItemDetail"]["allOf"][1]
    detail = api(f"{ITEMS}{item.pk}/").json()
    _assert_conforms({name: detail[name] for name in detail_schema["properties"]}, detail_schema)
    _assert_conforms(
        {name: value for name, value in detail.items() if name not in detail_schema["properties"]}, schemas["Item"]
    )
    for attachment in detail["attachments"]:
        _assert_conforms(attachment, schemas["Attachment"])

    error = api(kind="poem").json()
    _assert_conforms(error["error"], schemas["Error"]["properties"]["error"])
