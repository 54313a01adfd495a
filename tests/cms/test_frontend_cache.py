"""Front-end cache purges: a real HTTP server on loopback stands in for nginx and records the PURGEs."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.models import Site

from agencies.provisioning import ensure_agency
from tests.cms.factories import make_article, translate_article

HOST = "asean.soctrang.gov.vn"


class PurgeRecorder(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), PurgeHandler)
        self.purges: list[tuple[str, str]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class PurgeHandler(BaseHTTPRequestHandler):
    def do_PURGE(self):  # named after the HTTP method, as BaseHTTPRequestHandler requires
        self.server.purges.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder() -> Iterator[PurgeRecorder]:
    server = PurgeRecorder()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def frontend_cache(settings, recorder):
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": recorder.url}
    }
    return recorder


@pytest.fixture
def public_portal(portal):
    """The portal under its public HTTPS host name, as in the data centre."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = HOST, 443
    site.save()
    return portal


def test_publishing_purges_the_article_and_its_listings_in_both_languages(
    public_portal, frontend_cache, django_capture_on_commit_callbacks
):
    article = make_article(public_portal.column_vi, publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
        english = translate_article(article, title="An article")

    assert {host for host, _path in frontend_cache.purges} == {HOST}
    paths = {path for _host, path in frontend_cache.purges}
    assert {
        f"/vi/chuyen-muc-asean/{article.slug}/",
        f"/en/asean-column/{english.slug}/",
        "/vi/chuyen-muc-asean/",
        "/vi/chuyen-muc-asean/rss/",
        "/vi/chuyen-muc-asean/atom/",
        "/en/asean-column/",
        "/en/asean-column/rss/",
        "/en/asean-column/atom/",
        "/vi/",  # the home page lists the latest articles
        "/en/",
    } <= paths


def test_agency_columns_listing_the_portals_articles_are_purged_too(
    public_portal, frontend_cache, django_capture_on_commit_callbacks
):
    listing = ensure_agency("soa", "Sở Ngoại vụ", name_en="Department of Foreign Affairs").agency
    ensure_agency("sonv", "Sở Nội vụ", name_en="Department of Home Affairs")  # lists only its own articles
    listing.column.include_portal_articles = True
    listing.column.save_revision().publish()
    frontend_cache.purges.clear()

    with django_capture_on_commit_callbacks(execute=True):
        make_article(public_portal.column_vi)

    paths = {path for _host, path in frontend_cache.purges}
    assert {"/vi/soa/chuyen-muc-asean/", "/vi/soa/chuyen-muc-asean/rss/", "/vi/soa/"} <= paths
    assert not any(path.startswith("/vi/sonv/") for path in paths)


def test_unpublishing_purges_the_article_and_its_column(
    public_portal, frontend_cache, django_capture_on_commit_callbacks
):
    article = make_article(public_portal.column_vi)
    frontend_cache.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    paths = {path for _host, path in frontend_cache.purges}
    assert {f"/vi/chuyen-muc-asean/{article.slug}/", "/vi/chuyen-muc-asean/", "/vi/"} <= paths


def test_moving_purges_the_old_address_and_the_new_one(
    public_portal, frontend_cache, django_capture_on_commit_callbacks
):
    article = make_article(public_portal.column_vi)
    frontend_cache.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.move(public_portal.home_vi, pos="last-child")
    paths = {path for _host, path in frontend_cache.purges}
    assert {f"/vi/chuyen-muc-asean/{article.slug}/", f"/vi/{article.slug}/", "/vi/chuyen-muc-asean/"} <= paths


def test_nothing_is_purged_before_the_transaction_commits(
    public_portal, frontend_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_article(public_portal.column_vi)
    assert frontend_cache.purges == []
    for callback in callbacks:
        callback()
    assert frontend_cache.purges


def test_an_unreachable_cache_does_not_fail_the_publish(
    public_portal, settings, recorder, django_capture_on_commit_callbacks
):
    address = recorder.url
    recorder.shutdown()
    recorder.server_close()  # nothing listens there any more: connections are refused
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": address}
    }
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(public_portal.column_vi)
    article.refresh_from_db()
    assert article.live


def test_no_purge_without_a_frontend_cache(public_portal, recorder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(public_portal.column_vi)
    assert recorder.purges == []
