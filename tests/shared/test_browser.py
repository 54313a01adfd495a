"""The shared database in a real browser, as journalists and editors use it.

Each test logs in through the admin login form (the admin is in Vietnamese) and works through the pages:
search without diacritics and copy a citation, reuse an item in the column, contribute a photo, and open an
item whose feed carried hostile HTML.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image
from playwright.sync_api import expect

from aggregator import pipeline
from aggregator.models import Item, StoryCluster
from cms.bootstrap.editorial import EDITORS
from cms.models import AseanArticlePage, Pillar
from shared.bootstrap import JOURNALISTS, ensure_shared
from shared.models import Reuse, ReuseChannel
from tests.browser import browser_page  # noqa: F401  (fixture)
from tests.cms.factories import UserFactory
from tests.shared.factories import ItemFactory, SourceFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),  # whatever transactional test ran before
]

PASSWORD = "secret-pass-123"  # UserFactory's
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def shared(portal):
    return ensure_shared()


@pytest.fixture
def journalist(shared):
    """A journalist of Báo Sóc Trăng."""
    user = UserFactory(username="phongvien", groups=[JOURNALISTS])
    shared.newsrooms[0].members.add(user)
    return user


@pytest.fixture
def editor(shared):
    return UserFactory(username="bientapvien", groups=[EDITORS])


@dataclass
class Watch:
    errors: list[str] = field(default_factory=list)  # script errors and server errors
    outside: list[str] = field(default_factory=list)  # requests that would have left the machine (refused)


@pytest.fixture
def watch(browser_page) -> Watch:  # noqa: F811
    """Keeps the page on loopback (tests contact nothing else) and records what went wrong in it."""
    watch = Watch()

    def loopback_only(route):
        if urlsplit(route.request.url).hostname in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            watch.outside.append(route.request.url)
            route.abort()

    browser_page.route("**/*", loopback_only)
    browser_page.on("pageerror", lambda error: watch.errors.append(str(error)))
    browser_page.on("response", lambda response: response.status >= 500 and watch.errors.append(response.url))
    return watch


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def vietnamese(message: str) -> str:
    """How the admin shows one of its existing (compiled) strings."""
    with translation.override("vi"):
        return gettext(message)


def row_of(page, title: str):
    return page.locator("table.listing tbody tr").filter(has_text=title)


def test_journalist_finds_an_item_without_diacritics_and_copies_its_citation(
    live_server,
    journalist,
    browser_page,  # noqa: F811
    watch,
):
    story = StoryCluster.objects.create(title="Xuất khẩu gạo")
    published = datetime(2026, 3, 12, 8, 30, tzinfo=VIETNAM)
    rice = ItemFactory(
        title="Xuất khẩu gạo sang ASEAN tăng mạnh",
        url="https://www.vietnamplus.vn/xuat-khau-gao.vnp",
        source__outlet="VietnamPlus",
        published_at=published,
        cluster=story,
    )
    ItemFactory(title="Gạo Việt vào thị trường Singapore", source__outlet="Báo Nhân Dân", cluster=story)
    ItemFactory(title="Xuất khẩu cà phê sang Indonesia", source__outlet="VnExpress")
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    log_in(page, live_server, journalist)
    assert page.locator("html").get_attribute("lang") == "vi"
    page.get_by_role("button", name=vietnamese("Shared database")).click()
    page.get_by_role("link", name=vietnamese("Search"), exact=True).click()
    page.wait_for_url("**/admin/shared/")

    page.locator("#id_q").fill("xuat khau gao")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**/admin/shared/?q=xuat+khau+gao")
    titles = page.locator("table.listing tbody tr .title-wrapper > a")
    titles.first.wait_for()
    assert titles.all_inner_texts() == ["Xuất khẩu gạo sang ASEAN tăng mạnh"]
    # One row for the story; its other outlet is listed under it.
    assert row_of(page, rice.title).locator("[data-story-siblings] a").all_inner_texts() == ["Báo Nhân Dân"]

    titles.first.click()
    page.wait_for_url(f"**/admin/shared/items/{rice.pk}/")
    expected = "Theo VietnamPlus (https://www.vietnamplus.vn/xuat-khau-gao.vnp, 12/03/2026)"
    assert page.locator("#citation-vi").inner_text() == expected
    copy = page.locator('[data-shared-copy="#citation-vi"]')
    copy.click()
    expect(copy.locator("[data-shared-copy-label]")).to_have_text(copy.get_attribute("data-copied-label"))
    # localhost is a secure context, so copy.js writes to the clipboard (not the selection fallback).
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert watch == Watch()


def test_editor_reuses_an_item_in_the_column_and_it_shows_as_used(
    live_server,
    portal,
    editor,
    browser_page,  # noqa: F811
    watch,
):
    item = ItemFactory(
        title="Hội nghị Bộ trưởng Kinh tế ASEAN khai mạc",
        summary="<p>Hội nghị diễn ra tại Đà Nẵng.</p>",
        content="<p>Các bộ trưởng thảo luận chuỗi cung ứng khu vực.</p>",
        author="Minh Anh",
        url="https://www.vietnamplus.vn/hoi-nghi.vnp",
        source__outlet="VietnamPlus",
        pillar=Pillar.objects.get(slug="kinh-te"),
    )
    other = ItemFactory(title="Diễn đàn Thanh niên ASEAN")
    page = browser_page

    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/shared/items/{item.pk}/")
    page.locator(f'a[href="/admin/shared/items/{item.pk}/reuse/"]').click()
    page.wait_for_url(f"**/admin/shared/items/{item.pk}/reuse/")
    page.locator(f'input[name="column"][value="{portal.column_vi.pk}"]').check()
    page.locator("form:has(input[name=column]) button[type=submit]").click()

    page.wait_for_url("**/admin/pages/*/edit/")
    draft = AseanArticlePage.objects.get(source_url=item.url)
    assert page.url == f"{live_server.url}/admin/pages/{draft.pk}/edit/"
    assert draft.get_parent().specific == portal.column_vi and not draft.live
    assert page.locator("#id_title").input_value() == item.title
    assert page.locator("#id_lead").input_value() == "Hội nghị diễn ra tại Đà Nẵng."
    assert page.locator("#id_source_outlet").input_value() == "VietnamPlus"
    assert page.locator("#id_source_url").input_value() == item.url
    assert page.locator("#id_source_author").input_value() == "Minh Anh"
    assert Reuse.objects.filter(item=item, channel=ReuseChannel.COLUMN, user=editor, page=draft).exists()

    def listed(used: str) -> list[str]:
        page.goto(f"{live_server.url}/admin/shared/?used={used}")
        return page.locator("table.listing tbody tr .title-wrapper > a").all_inner_texts()

    assert listed("true") == [item.title]
    assert listed("false") == [other.title]
    assert watch == Watch()


def png(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_journalist_contributes_a_photo_and_a_fake_image_is_refused(
    live_server,
    journalist,
    browser_page,  # noqa: F811
    watch,
):
    page = browser_page
    log_in(page, live_server, journalist)
    page.goto(f"{live_server.url}/admin/shared/contribute/")
    page.locator('a[href="/admin/shared/contribute/photo/"]').click()
    page.wait_for_url("**/admin/shared/contribute/photo/")

    page.fill("#id_title", "Mùa lúa chín ở Sóc Trăng")
    page.set_input_files("#id_photos", files=[{"name": "lua-chin.png", "mimeType": "image/png", "buffer": png()}])
    page.fill("#id_caption", "Cánh đồng lúa ST25")
    page.fill("#id_credit", "Ảnh: Thạch Sol")
    page.locator("#w-editor-form button[type=submit]").click()

    page.wait_for_url("**/admin/shared/contributions/")
    contribution = row_of(page, "Mùa lúa chín ở Sóc Trăng")
    assert contribution.count() == 1
    assert "Báo Sóc Trăng" in contribution.inner_text()
    item = Item.objects.get(title="Mùa lúa chín ở Sóc Trăng")
    assert item.contributed_by == journalist and item.attachments.get().image.width == 64

    page.goto(f"{live_server.url}/admin/shared/?q=mua lua chin")
    listed = row_of(page, "Mùa lúa chín ở Sóc Trăng")
    assert listed.count() == 1
    assert listed.locator("td").nth(1).inner_text().strip() == "Báo Sóc Trăng"

    # A text file renamed .jpg is refused, with the reason next to the field; nothing is stored.
    page.goto(f"{live_server.url}/admin/shared/contribute/photo/")
    page.fill("#id_title", "Ảnh giả")
    fake = {"name": "anh-gia.jpg", "mimeType": "image/jpeg", "buffer": b"Day khong phai la anh.\n" * 20}
    page.set_input_files("#id_photos", files=[fake])
    page.locator("#w-editor-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/admin/shared/contribute/photo/"
    assert "anh-gia.jpg" in page.locator(".w-field:has(#id_photos) .error-message").inner_text()
    assert not Item.objects.filter(title="Ảnh giả").exists()
    assert watch == Watch()


HOSTILE_BODY = (
    "<p>Hội nghị ASEAN về an ninh mạng.</p>"
    "<script>window.__pwned = 'script'; alert('script')</script>"
    "<img src=\"/no-such-image.png\" onerror=\"window.__pwned = 'onerror'; alert('onerror')\">"
    "<a href=\"javascript:window.__pwned = 'href'; alert('href')\">Xem thêm</a>"
    "<svg onload=\"window.__pwned = 'svg'\"><script>window.__pwned = 'svg-script'</script></svg>"
    "<iframe srcdoc=\"<script>parent.__pwned = 'iframe'</script>\"></iframe>"
    # A mutation-XSS classic: harmless as parsed by a sanitiser that does not know noscript, not as rendered.
    "<noscript><p title=\"</noscript><img src=x onerror=window.__pwned='noscript'>\"></p></noscript>"
    "<p style=\"background:url(javascript:window.__pwned='css')\">Kết thúc.</p>"
)


def hostile_feed() -> bytes:
    title = "ASEAN &lt;img src=x onerror=alert('title')&gt; họp về an ninh mạng"
    entry = (
        f"<item><title>{title}</title><link>https://bao-thu.example/an-ninh-mang.html</link>"
        '<guid isPermaLink="false">an-ninh-mang</guid><pubDate>Mon, 01 Sep 2025 08:00:00 +0700</pubDate>'
        '<enclosure url="javascript:alert(\'enclosure\')" type="image/jpeg" length="1"/>'
        f"<description><![CDATA[{HOSTILE_BODY}]]></description></item>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo thử</title>'
        f"<link>https://bao-thu.example/</link><description>test</description>{entry}</channel></rss>"
    ).encode()


def test_hostile_feed_html_runs_nothing_in_the_item_page(
    live_server,
    journalist,
    httpserver,
    settings,
    browser_page,  # noqa: F811
    watch,
):
    settings.AGGREGATOR_ALLOWED_NETWORKS = ["127.0.0.0/8"]  # the feed is served on loopback
    httpserver.expect_request("/feed.xml").respond_with_data(hostile_feed(), content_type="application/rss+xml")
    source = SourceFactory(feed_url=httpserver.url_for("/feed.xml"), outlet="Báo thử", asean_filter=False)
    assert pipeline.run_pass([source]).new == 1
    item = Item.objects.get(source=source)
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    log_in(page, live_server, journalist)
    page.goto(f"{live_server.url}/admin/shared/?q=an ninh mang")
    assert row_of(page, "họp về an ninh mạng").count() == 1
    page.goto(f"{live_server.url}/admin/shared/items/{item.pk}/")
    page.wait_for_load_state("load")
    text = page.locator("section[aria-labelledby=text-heading]")
    assert "Hội nghị ASEAN về an ninh mạng." in text.inner_text()
    text.get_by_text("Xem thêm").click()  # the link that carried the javascript: payload
    page.wait_for_timeout(200)

    assert dialogs == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    live = page.evaluate(
        """(section) => ({
            scripts: section.querySelectorAll('script, iframe, svg, noscript').length,
            handlers: [...section.querySelectorAll('*')].flatMap(el => [...el.attributes])
                .filter(attr => attr.name.startsWith('on') || /javascript:/i.test(attr.value)).length,
        })""",
        text.element_handle(),
    )
    assert live == {"scripts": 0, "handlers": 0}
    assert page.locator('a[href^="javascript:"], img[src^="javascript:"]').count() == 0
    assert watch.errors == []
    # The only requests for elsewhere are the images the sanitiser kept, made absolute on the outlet's site.
    assert watch.outside and all(url.startswith("https://bao-thu.example/") for url in watch.outside)
