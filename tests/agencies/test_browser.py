"""Embeds in a real browser: a third-party page on another loopback port shows the widget and the iframe.

The service runs on pytest-django's live server (http://localhost:PORT); the "agency website" is a tiny
http.server on 127.0.0.1 with hostile CSS. One such site is registered for the agency, the other is not.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.http import QueryDict

from agencies import embed
from tests.browser import browser_page  # noqa: F401  (fixture)
from tests.cms.factories import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),
]


HOSTILE_CSS = """
* { color: rgb(255, 0, 0) !important; font-family: serif !important; letter-spacing: 3px !important; }
a { text-transform: uppercase !important; }
li { display: inline !important; background: rgb(255, 255, 0) !important; }
div { font-size: 40px !important; }
"""


def _host_page(service: str, limit: int) -> bytes:
    query = QueryDict(mutable=True)
    query.update({"agency": "soa", "limit": str(limit)})
    params = embed.EmbedParams.from_query(query)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Trang của một sở</title><style>{HOSTILE_CSS}</style></head>
<body><h1>Trang web của sở (phần mềm khác)</h1>
<section id="by-iframe">{embed.iframe_snippet(service, params, "Chuyên mục ASEAN")}</section>
<section id="by-script">{embed.script_snippet(service, params)}</section>
</body></html>""".encode()


class _Site:
    """A third-party web site on its own loopback port, serving one page."""

    def __init__(self, body: bytes):
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_registered_site_shows_both_embeds_isolated_from_its_css(live_server, agency_a, browser_page):  # noqa: F811
    for number in range(6):
        make_article(agency_a.column, f"Tin số {number} của Sở Ngoại vụ", days_ago=number)
    expected = [f"Tin số {number} của Sở Ngoại vụ" for number in range(4)]
    page = browser_page
    with _Site(_host_page(live_server.url, limit=4)) as site:
        agency_a.add_origin(site.origin)
        agency_a.save()
        requested: list[str] = []
        problems: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.goto(site.origin + "/")

        # Script widget: rendered in an open shadow root (Playwright locators pierce it).
        widget = page.locator("#by-script [data-asean-embed]")
        widget.locator("li").first.wait_for()
        assert widget.locator("li > a").all_inner_texts() == expected
        styles = page.evaluate(
            """() => {
                const root = document.querySelector('#by-script [data-asean-embed]').shadowRoot;
                const a = root.querySelector('li > a'), li = root.querySelector('li'), box = root.querySelector('.w');
                const s = (el) => getComputedStyle(el);
                return {color: s(a).color, transform: s(a).textTransform, spacing: s(a).letterSpacing,
                        display: s(li).display, background: s(li).backgroundColor, size: s(box).fontSize,
                        family: s(box).fontFamily};
            }"""
        )
        assert styles["color"] != "rgb(255, 0, 0)"
        assert styles["transform"] == "none"
        assert styles["spacing"] == "normal"
        assert styles["display"] != "inline"
        assert styles["background"] != "rgb(255, 255, 0)"
        assert styles["size"] == "15px"
        assert styles["family"] != "serif"
        # The host page's own elements do get its CSS (the test page really is hostile).
        assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(255, 0, 0)"

        # Iframe: lists the same articles and takes the height of its content.
        frame = page.frame_locator("#by-iframe iframe")
        frame.locator("li").first.wait_for()
        assert frame.locator("li > a").all_inner_texts() == expected
        page.wait_for_function(
            "() => { const h = document.querySelector('#by-iframe iframe').style.height;"
            " return h.endsWith('px') && h !== '420px'; }"
        )

        allowed = {site.origin, _origin(live_server.url)}
        assert {_origin(url) for url in requested} <= allowed, requested
        assert page.context.cookies() == []
        assert problems == []


def test_unregistered_site_is_refused(live_server, agency_a, browser_page):  # noqa: F811
    make_article(agency_a.column, "Tin của Sở Ngoại vụ")
    page = browser_page
    body = _host_page(live_server.url, limit=3)
    with _Site(body) as registered, _Site(body) as other:
        agency_a.add_origin(registered.origin)  # another port: a different origin
        agency_a.save()
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        with page.expect_console_message(lambda message: "frame-ancestors" in message.text):
            page.goto(other.origin + "/")
        refusal = next(text for text in messages if "frame-ancestors" in text)
        assert "has been blocked" in refusal and registered.origin in refusal and other.origin not in refusal
        # The blocked frame shows no list: Chromium replaces it by its error page.
        frame = page.locator("#by-iframe iframe").element_handle().content_frame()
        assert frame is None or frame.url.startswith("chrome-error://"), frame.url
        assert page.frame_locator("#by-iframe iframe").locator("li").count() == 0
        # The script widget cannot read the list either (no CORS permission): it says so instead.
        widget = page.locator("#by-script [data-asean-embed]")
        widget.locator("p.m").wait_for()
        assert widget.locator("li").count() == 0


def test_admin_embed_code_page_previews_both_embeds(live_server, agency_a, browser_page):  # noqa: F811
    from django.test import Client

    from tests.cms.factories import UserFactory

    make_article(agency_a.column, "Tin xem trước của Sở Ngoại vụ")
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    browser_page.goto(f"{live_server.url}/admin/agencies/embed/{agency_a.pk}/?limit=3")
    snippet = browser_page.locator("#embed-script").input_value()
    assert snippet.startswith('<div data-asean-embed data-agency="soa" data-limit="3"')
    preview = browser_page.frame_locator("iframe[data-asean-embed]")
    assert preview.locator("li > a").first.inner_text() == "Tin xem trước của Sở Ngoại vụ"
    widget = browser_page.locator("div[data-asean-embed]")
    assert widget.locator("li > a").first.inner_text() == "Tin xem trước của Sở Ngoại vụ"
