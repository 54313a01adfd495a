"""The fetcher against a real HTTP server on loopback."""

import gzip
import socket
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from werkzeug import Response

from aggregator import fetch


def test_plain_get_sends_an_honest_user_agent(httpserver, loopback, session):
    httpserver.expect_request("/f").respond_with_data("<rss/>", content_type="application/rss+xml")
    result = fetch.fetch(httpserver.url_for("/f"), session=session)
    assert (result.status, result.content) == (200, b"<rss/>")
    assert httpserver.log[0][0].headers["User-Agent"].startswith("ASEANColumnBot/")


def test_conditional_get_returns_304_without_body(httpserver, loopback, session):
    httpserver.expect_request(
        "/f", headers={"If-None-Match": '"abc"', "If-Modified-Since": "Mon, 01 Sep 2025 00:00:00 GMT"}
    ).respond_with_data("", status=304)
    result = fetch.fetch(
        httpserver.url_for("/f"), etag='"abc"', last_modified="Mon, 01 Sep 2025 00:00:00 GMT", session=session
    )
    assert result.not_modified and result.content == b""


def test_redirects_are_followed_up_to_five(httpserver, loopback, session):
    for hop in range(5):
        httpserver.expect_request(f"/r{hop}").respond_with_data("", status=302, headers={"Location": f"/r{hop + 1}"})
    httpserver.expect_request("/r5").respond_with_data("ok")
    result = fetch.fetch(httpserver.url_for("/r0"), session=session)
    assert result.content == b"ok" and result.url.endswith("/r5")


def test_more_than_five_redirects_is_an_error(httpserver, loopback, session):
    for hop in range(7):
        httpserver.expect_request(f"/r{hop}").respond_with_data("", status=301, headers={"Location": f"/r{hop + 1}"})
    with pytest.raises(fetch.TooManyRedirects):
        fetch.fetch(httpserver.url_for("/r0"), session=session)


def test_redirect_to_another_scheme_is_refused(httpserver, loopback, session):
    httpserver.expect_request("/r").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(fetch.BlockedAddress):
        fetch.fetch(httpserver.url_for("/r"), session=session)


@pytest.mark.parametrize("status", [404, 500])
def test_http_errors(httpserver, loopback, session, status):
    httpserver.expect_request("/f").respond_with_data("nope", status=status)
    with pytest.raises(fetch.HTTPStatusError) as caught:
        fetch.fetch(httpserver.url_for("/f"), session=session)
    assert caught.value.status == status


def test_retry_after_is_read_on_429(httpserver, loopback, session):
    httpserver.expect_request("/f").respond_with_data("slow down", status=429, headers={"Retry-After": "120"})
    with pytest.raises(fetch.HTTPStatusError) as caught:
        fetch.fetch(httpserver.url_for("/f"), session=session)
    assert caught.value.retry_after == 120


def test_bot_challenge_is_a_bot_wall(httpserver, loopback, session):
    httpserver.expect_request("/f").respond_with_data(
        "<html><head><title>Just a moment...</title></head><script src='/cdn-cgi/challenge-platform/x'></script>",
        status=403,
    )
    with pytest.raises(fetch.BotWall):
        fetch.fetch(httpserver.url_for("/f"), session=session)


def test_plain_403_is_not_a_bot_wall(httpserver, loopback, session):
    httpserver.expect_request("/f").respond_with_data("Forbidden", status=403)
    with pytest.raises(fetch.HTTPStatusError) as caught:
        fetch.fetch(httpserver.url_for("/f"), session=session)
    assert not isinstance(caught.value, fetch.BotWall)


def test_read_timeout(httpserver, loopback, session, settings):
    settings.AGGREGATOR_READ_TIMEOUT = 0.3

    def slow(request):
        time.sleep(1)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(fetch.FetchTimeout):
        fetch.fetch(httpserver.url_for("/slow"), session=session)


def test_connect_timeout(loopback, session, settings):
    settings.AGGREGATOR_CONNECT_TIMEOUT = 0.3
    with socket.create_server(("127.0.0.1", 0), backlog=0) as server:  # listens, never accepts
        port = server.getsockname()[1]
        # The one connection its queue holds: the kernel drops the next SYN, and the fetcher's connect waits.
        with (
            socket.create_connection(("127.0.0.1", port)),
            pytest.raises(fetch.FetchTimeout, match=r"no connection within 0\.3 s"),
        ):
            fetch.fetch(f"http://127.0.0.1:{port}/feed.xml", session=session)


def test_oversized_body_is_cut(httpserver, loopback, session, settings):
    settings.AGGREGATOR_MAX_BYTES = 100_000
    httpserver.expect_request("/big").respond_with_data(b"x" * 300_000)
    with pytest.raises(fetch.TooLarge):
        fetch.fetch(httpserver.url_for("/big"), session=session)


def test_oversized_body_without_content_length_is_cut_while_streaming(httpserver, loopback, session, settings):
    settings.AGGREGATOR_MAX_BYTES = 100_000

    def chunks():
        for _ in range(50):
            yield b"y" * 10_000

    httpserver.expect_request("/stream").respond_with_response(Response(chunks()))
    with pytest.raises(fetch.TooLarge):
        fetch.fetch(httpserver.url_for("/stream"), session=session)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_compression_bomb_is_cut_by_decoded_size(httpserver, loopback, session, encoding):
    plain = b"\0" * (64 * 1024 * 1024)  # 64 MB that compresses to a few dozen kB
    packed = gzip.compress(plain, 9) if encoding == "gzip" else zlib.compress(plain, 9)
    assert len(packed) < 1024 * 1024
    httpserver.expect_request("/bomb").respond_with_data(packed, headers={"Content-Encoding": encoding})
    with pytest.raises(fetch.TooLarge):
        fetch.fetch(httpserver.url_for("/bomb"), session=session)


def test_gzip_is_decoded(httpserver, loopback, session):
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress("Việt Nam".encode()), headers={"Content-Encoding": "gzip"}
    )
    assert fetch.fetch(httpserver.url_for("/gz"), session=session).content.decode() == "Việt Nam"


def test_parse_retry_after_date():
    now = 1_700_000_000
    assert fetch.parse_retry_after("Tue, 14 Nov 2023 22:13:20 GMT", now=now) == 0
    assert fetch.parse_retry_after("Tue, 14 Nov 2023 23:03:20 GMT", now=now) == 3000
    assert fetch.parse_retry_after("soon") is None
    assert fetch.parse_retry_after(None) is None


def test_header_names_are_case_insensitive(httpserver, loopback, session):
    httpserver.expect_request("/f").respond_with_data("x", headers={"etag": '"v2"', "cache-control": "max-age=60"})
    result = fetch.fetch(httpserver.url_for("/f"), session=session)
    assert result.headers["ETag"] == '"v2"' and result.headers.get("Cache-Control") == "max-age=60"


def test_an_outlet_that_sets_a_cookie_before_serving_items(httpserver, loopback, session):
    def feed(request):
        if request.cookies.get("visited") != "1":
            return Response("", status=302, headers={"Location": "/f", "Set-Cookie": "visited=1; Path=/"})
        return Response("<rss/>", content_type="application/rss+xml")

    httpserver.expect_request("/f").respond_with_handler(feed)
    assert fetch.fetch(httpserver.url_for("/f"), session=session).content == b"<rss/>"
    assert len(httpserver.log) == 2


class _NotModifiedKeepAlive(BaseHTTPRequestHandler):
    """Answers every GET with a 304 and keeps the connection open (pytest-httpserver always closes it)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.send_response(304)
        self.send_header("ETag", '"abc"')
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_304_leaves_its_connection_for_the_next_request(loopback, session, monkeypatch):
    connects = []
    real_connect = fetch._connect_checked
    monkeypatch.setattr(fetch, "_connect_checked", lambda *args: connects.append(args) or real_connect(*args))
    with ThreadingHTTPServer(("127.0.0.1", 0), _NotModifiedKeepAlive) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/f"
        try:
            for _ in range(3):
                assert fetch.fetch(url, etag='"abc"', session=session).not_modified
        finally:
            server.shutdown()
    assert len(connects) == 1
