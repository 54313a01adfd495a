"""Full text and lead image, served from loopback."""

import io

import pytest
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from aggregator import enrich, extract, images
from aggregator.models import EnrichState, Item, Source

from .fakes import SlowFetch

pytestmark = pytest.mark.django_db

ARTICLE = """<html><head><meta property="og:image" content="/img/lead.png">
<meta name="author" content="Minh An">
<title>Bài</title></head><body><nav>Trang chủ | Thế giới</nav>
<article><h1>Tiêu đề</h1><div class="quang-cao">Quảng cáo</div>
<p>{text}</p><p>Đoạn hai của bài viết về hợp tác ASEAN, viết riêng cho kiểm thử.</p>
<script>track()</script><img src="/img/inline.png" onerror="x()"></article>
<footer>Bản quyền</footer></body></html>"""
LONG = "Các bộ trưởng ASEAN họp để bàn về kết nối lưới điện và thương mại khu vực. " * 5


def png(width=320, height=200) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def source(httpserver):
    return Source.objects.create(
        name="Báo thử",
        outlet="Báo thử",
        feed_url=httpserver.url_for("/feed.xml"),
        full_text=True,
        reuse_rights="full",
        drop_selector=".quang-cao",
    )


def queued(source, path="/bai-1.html", n=1) -> Item:
    return Item.objects.create(
        source=source,
        key=f"g:{n}",
        url=source.feed_url.replace("/feed.xml", path),
        title="Tin ASEAN",
        summary="<p>Tóm tắt</p>",
        published_at=timezone.now(),
        content_hash="h",
        enrich_state=EnrichState.PENDING,
    )


def test_extract_generic_and_rule():
    html = ARTICLE.format(text=LONG)
    found = extract.extract(html, "https://bao.example/bai.html", extract.Rule(drop=".quang-cao"))
    assert LONG.strip()[:40] in found.content
    for gone in ("Quảng cáo", "Trang chủ", "Bản quyền", "track()", "onerror"):
        assert gone not in found.content
    assert found.author == "Minh An"
    assert found.image_url == "https://bao.example/img/lead.png"
    ruled = extract.extract(html, "https://bao.example/bai.html", extract.Rule(body="p", author="title"))
    assert ruled.author == "Bài"
    assert extract.extract("<html><p>ngắn</p></html>", "https://bao.example/").content == ""
    assert extract.extract(html, "https://bao.example/", extract.Rule(body="<<bad selector")).content


def test_lead_image_without_og_image_is_the_first_image_of_the_body():
    html = ARTICLE.format(text=LONG).replace('<meta property="og:image" content="/img/lead.png">', "")
    url = "https://bao.example/tin/bai.html"
    assert extract.extract(html, url).image_url == "https://bao.example/img/inline.png"
    ruled = extract.extract(
        html.replace("<h1>", '<h1><img class="anh" src="anh-dau.jpg">'), url, extract.Rule(image="img.anh")
    )
    assert ruled.image_url == "https://bao.example/tin/anh-dau.jpg"  # the source's rule comes first
    assert extract.extract(f"<html><article><p>{LONG}</p></article></html>", url).image_url == ""


def test_full_text_and_image_are_stored_with_credit(httpserver, loopback, source):
    httpserver.expect_request("/bai-1.html").respond_with_data(ARTICLE.format(text=LONG), content_type="text/html")
    httpserver.expect_request("/img/lead.png").respond_with_data(png(), content_type="image/png")
    item = queued(source)
    assert enrich.drain() == 1
    item.refresh_from_db()
    assert item.enrich_state == EnrichState.DONE and item.enrich_error == ""
    assert "kết nối lưới điện" in item.content and "<script" not in item.content
    assert item.author == "Minh An"
    assert item.image is not None and item.image.width == 320
    assert item.image_credit == "Báo thử" and item.image.description == "Báo thử"
    assert enrich.drain() == 0  # nothing left in the queue


def test_same_image_bytes_are_stored_once(source):
    verified = images.verify(png())
    first = images.store(verified, "a", "x")
    assert images.store(verified, "b", "y").pk == first.pk
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"<html>not an image</html>", "not a valid image"), (png(40, 40), "too small")],
)
def test_bad_images_are_refused(data, reason):
    with pytest.raises(images.BadImage, match=reason):
        images.verify(data)


def test_too_many_pixels_are_refused(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    with pytest.raises(images.BadImage, match="too many pixels"):
        images.verify(png(200, 200))


def test_bad_image_keeps_the_text(httpserver, loopback, source):
    httpserver.expect_request("/bai-1.html").respond_with_data(ARTICLE.format(text=LONG), content_type="text/html")
    httpserver.expect_request("/img/lead.png").respond_with_data(b"GIF89a-not-really", content_type="image/png")
    item = queued(source)
    enrich.drain()
    item.refresh_from_db()
    assert item.enrich_state == EnrichState.DONE and item.image is None
    assert item.enrich_error.startswith("image:")


def test_failures_never_lose_the_item(httpserver, loopback, source):
    httpserver.expect_request("/bai-1.html").respond_with_data("error", status=500)
    item = queued(source)
    for attempt in range(1, enrich.MAX_ATTEMPTS + 1):
        assert enrich.drain() == 1
        assert enrich.drain() == 0  # backing off: not retried at once
        item.refresh_from_db()
        assert item.enrich_attempts == attempt
        Item.objects.filter(pk=item.pk).update(enrich_after=timezone.now())
    assert item.enrich_state == EnrichState.FAILED
    assert "HTTP 500" in item.enrich_error
    assert item.summary == "<p>Tóm tắt</p>" and item.title == "Tin ASEAN"


def test_enrichment_is_refused_on_non_public_addresses(httpserver, settings, source):
    settings.AGGREGATOR_ALLOWED_NETWORKS = []
    item = queued(source)
    enrich.drain()
    item.refresh_from_db()
    assert "blocked_address" in item.enrich_error
    assert httpserver.log == []


def test_at_most_two_requests_at_a_time_per_host(monkeypatch, source):
    def unavailable(url):
        raise enrich.fetch.HTTPStatusError("HTTP 503", status=503)

    slow_fetch = SlowFetch(unavailable)
    monkeypatch.setattr(enrich.fetch, "fetch", slow_fetch)
    for n in range(8):
        queued(source, f"/bai-{n}.html", n)
    assert enrich.drain(workers=6) == 8
    assert slow_fetch.peak == enrich.PER_HOST == 2  # in parallel, up to the limit
