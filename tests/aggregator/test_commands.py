"""Commands, OPML, catalogue, demo sources and the sample-feed view."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from aggregator import catalog, demo, opml, views
from aggregator.models import Item, Source

from .feeds import items, rss

pytestmark = pytest.mark.django_db

OPML = """<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="Folder"><outline text="Báo A" xmlUrl="https://a.example/rss.xml" htmlUrl="https://a.example/"/>
<outline title="Báo B" xmlUrl="https://b.example/rss.xml"/></outline>
<outline text="Not a feed" xmlUrl="ftp://c.example/x"/></body></opml>""".encode()


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_opml_adds_new_and_skips_existing(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_bytes(OPML)
    Source.objects.create(name="old", feed_url="https://b.example/rss.xml")
    output = run("import_opml", str(path))
    assert "added   https://a.example/rss.xml" in output
    assert "skipped https://b.example/rss.xml" in output
    assert "1 added, 1 skipped, 1 invalid" in output
    added = Source.objects.get(feed_url="https://a.example/rss.xml")
    assert (added.name, added.asean_filter, added.full_text, added.site_url) == (
        "Báo A",
        True,
        False,
        "https://a.example/",
    )
    assert "0 added, 2 skipped" in run("import_opml", str(path))


def test_import_opml_flags(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_bytes(OPML)
    output = run("import_opml", str(path), "--keep-all", "--full-text", "--reuse-rights", "full")
    added = Source.objects.get(feed_url="https://a.example/rss.xml")
    assert (added.asean_filter, added.full_text, added.reuse_rights) == (False, True, "full")
    assert "not fetched" not in output


def test_import_opml_says_when_full_text_waits_for_the_rights(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_bytes(OPML)
    output = run("import_opml", str(path), "--full-text")
    added = Source.objects.get(feed_url="https://a.example/rss.xml")
    assert (added.full_text, added.reuse_rights) == (True, "excerpt")  # the law's default: no full text
    assert "with reuse rights 'excerpt' it is not fetched" in output
    with pytest.raises(CommandError):
        run("import_opml", str(path), "--reuse-rights", "all")


def test_import_opml_refuses_entity_tricks_and_missing_files(tmp_path):
    path = tmp_path / "evil.opml"
    path.write_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body>&a;</body></opml>')
    with pytest.raises(CommandError):
        run("import_opml", str(path))
    with pytest.raises(CommandError):
        run("import_opml", str(tmp_path / "missing.opml"))


def test_export_round_trip():
    Source.objects.create(name='Báo "A" & co', feed_url="https://a.example/rss.xml?x=1&y=2", language="vi")
    exported = run("export_opml")
    (outline,) = opml.read(exported.encode())
    assert (outline.title, outline.feed_url) == ('Báo "A" & co', "https://a.example/rss.xml?x=1&y=2")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_fetch_feeds_shows_a_progress_bar_on_a_terminal_only(httpserver, loopback):
    for name in ("a", "b"):
        httpserver.expect_request(f"/{name}.xml").respond_with_data(rss(items(2)))
        Source.objects.create(name=f"Báo {name}", feed_url=httpserver.url_for(f"/{name}.xml"), asean_filter=False)
    terminal = Terminal()
    call_command("fetch_feeds", "--all", stdout=terminal)
    bar, summary = terminal.getvalue().rsplit("\n", 2)[:2]
    assert f"\r[{'#' * 15}{'.' * 15}] 1/2 Báo " in bar and f"\r[{'#' * 30}] 2/2 Báo " in bar
    assert summary.startswith("sources: 2, new items: 4,")
    assert "\r[" not in run("fetch_feeds", "--all")  # piped or redirected: the summary line alone


def test_fetch_feeds_summary_line(httpserver, loopback):
    httpserver.expect_request("/a.xml").respond_with_data(rss(items(2)))
    httpserver.expect_request("/b.xml").respond_with_data("broken", status=500)
    a = Source.objects.create(name="a", feed_url=httpserver.url_for("/a.xml"), asean_filter=False)
    Source.objects.create(name="b", feed_url=httpserver.url_for("/b.xml"))
    output = run("fetch_feeds")
    assert output.strip().splitlines()[-1] == (
        "sources: 2, new items: 2, updated: 0, unchanged (304): 0, filtered out: 0, errors: 1"
    )
    assert "sources: 0," in run("fetch_feeds")  # nothing due any more
    assert "sources: 1," in run("fetch_feeds", "--source", str(a.pk))
    assert "sources: 2," in run("fetch_feeds", "--all")
    assert "sources: 1," in run("fetch_feeds", "--source", a.feed_url)
    with pytest.raises(CommandError):
        run("fetch_feeds", "--source", "https://unknown.example/rss")


def test_catalog_is_disabled_and_idempotent():
    assert catalog.add_central_press_sources() == 10
    assert catalog.add_central_press_sources() == 0
    assert Source.objects.filter(enabled=True).count() == 0
    names = set(Source.objects.values_list("outlet", flat=True))
    assert any("VnExpress" in n for n in names) and any("Nhân Dân" in n for n in names)
    assert all(s.feed_url.startswith("https://") for s in Source.objects.all())


def test_demo_sources_are_idempotent():
    assert demo.add_demo_sources() == 3
    assert demo.add_demo_sources() == 0
    assert all("/aggregator/sample-feeds/" in s.feed_url for s in Source.objects.all())


def test_sample_feed_view_renders_fresh_dates_and_answers_304():
    request = RequestFactory().get("/aggregator/sample-feeds/asean-vi.xml")
    response = views.sample_feed(request, "asean-vi")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    assert b"@@" not in response.content
    again = views.sample_feed(RequestFactory().get("/", HTTP_IF_NONE_MATCH=response["ETag"]), "asean-vi")
    assert again.status_code == 304
    with pytest.raises(views.Http404):
        views.sample_feed(RequestFactory().get("/"), "..%2Fsettings")


def test_render_sample_dates():
    from datetime import date

    text = views.render_sample("<a>@@D-1 09:30@@</a><b>@@ISO D-0 10:00@@</b>", today=date(2026, 9, 14))
    assert text == "<a>Sun, 13 Sep 2026 09:30:00 +0700</a><b>2026-09-14T10:00:00+07:00</b>"


def test_demo_feeds_go_through_the_pipeline(httpserver, loopback):
    """The shipped sample feeds parse, filter and classify as the demo promises."""
    from aggregator import pipeline
    from aggregator.models import KeywordRule
    from aggregator.rules import ensure_default_rules
    from cms.bootstrap.taxonomy import ensure_taxonomy

    ensure_taxonomy()
    ensure_default_rules(KeywordRule)
    sources = []
    for name, title, _outlet, language, asean_filter in demo.DEMO_FEEDS:
        body = views.render_sample((views.SAMPLE_DIR / f"{name}.xml").read_text(encoding="utf-8"))
        httpserver.expect_request(f"/{name}.xml").respond_with_data(body.encode(), content_type="application/xml")
        sources.append(
            Source.objects.create(
                name=title,
                feed_url=httpserver.url_for(f"/{name}.xml"),
                language=language,
                asean_filter=asean_filter,
                reuse_rights="full",
            )
        )
    counts = pipeline.run_pass(sources)
    assert (counts.errors, counts.new, counts.filtered) == (0, 10, 3)
    assert not Item.objects.filter(title__contains="Lào Cai", status="visible").exists()
    grid = Item.objects.filter(title__contains="lưới điện")
    assert grid.count() == 2 and grid.first().cluster is not None
    assert set(grid.values_list("original_source", flat=True)) == {"TTXVN"}
    assert all("<script" not in i.summary and "onerror" not in i.summary for i in Item.objects.all())
    assert Source.objects.filter(next_fetch_at__isnull=False).count() == 3
