import html as html_module
import re

import nh3
import pytest

from aggregator.sanitize import clean_html, text_of_clean_html, to_text

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">x</div>',
    '<object data="x.swf"></object>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name="p"></form>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_dangerous_html_is_removed(payload):
    cleaned = clean_html(f"<p>Tin ASEAN</p>{payload}").lower()
    for bad in (
        "<script",
        "onerror",
        "onload",
        "onmouseover",
        "javascript:",
        "<iframe",
        "<svg",
        "style=",
        "<object",
        "data:",
        "<style",
        "<form",
        "<input",
    ):
        assert bad not in cleaned
    assert "tin asean" in cleaned


def test_allowed_markup_survives_and_links_are_made_safe():
    cleaned = clean_html(
        '<p>Đọc <a href="https://bao.example/a">bài</a> <strong>ASEAN</strong></p>'
        '<img src="https://bao.example/a.jpg" alt="Ảnh">'
    )
    assert '<a href="https://bao.example/a" rel="noopener noreferrer nofollow">bài</a>' in cleaned
    assert "<strong>ASEAN</strong>" in cleaned
    assert '<img src="https://bao.example/a.jpg" alt="Ảnh">' in cleaned


def test_to_text_decodes_entities_once_more_for_cdata_titles():
    assert to_text("Hội nghị &amp;quot;ASEAN&amp;quot; <b>2026</b>") == 'Hội nghị "ASEAN" 2026'
    assert to_text("<script>alert(1)</script>Tin") == "Tin"
    assert to_text("") == ""
    assert to_text("ASEAN &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; 2026") == "ASEAN 2026"
    assert to_text("Giá 5 &lt; 7") == "Giá 5 < 7"


def test_relative_urls_are_made_absolute_against_the_base():
    html = '<p><a href="/tin/2.html">x</a> <img src="anh/1.jpg" alt=""> <a href="https://khac.example/">y</a></p>'
    cleaned = clean_html(html, "https://bao.example/rss/the-gioi.rss")
    assert 'href="https://bao.example/tin/2.html"' in cleaned
    assert 'src="https://bao.example/rss/anh/1.jpg"' in cleaned
    assert 'href="https://khac.example/"' in cleaned


def test_a_base_that_is_not_http_is_ignored():
    assert 'href="/tin/2.html"' in clean_html('<a href="/tin/2.html">x</a>', "javascript:alert(1)//")


def test_text_of_clean_html_keeps_words_apart_and_reads_no_attribute():
    cleaned = clean_html(
        '<p>Hội nghị khai mạc.</p><p>Các bộ trưởng <img alt="a > b" src="https://x.example/1.jpg">họp.</p>'
    )
    assert text_of_clean_html(cleaned) == "Hội nghị khai mạc. Các bộ trưởng họp."
    assert text_of_clean_html(clean_html("<p>Giá &amp;amp; sản lượng &lt;b&gt;</p>")) == "Giá & sản lượng"


@pytest.mark.parametrize(
    "html",
    [
        "<p>a&nbsp;</p><p>&nbsp;b</p>",
        "<p>x\n\ny</p>\n<p> z </p>\t<br>",
        "<p>&amp;lt;b</p><p>&amp;gt;x</p>",  # a tag decoded from entities across two paragraphs
        "<p>a</p><p>&amp;lt;script&amp;gt;bad()&amp;lt;/script&amp;gt;c</p>",
        '<p>Giá&#10;<a href="https://x.example/">5&amp;amp;</a>&#160;7\u2003tỷ</p>',
        "",
        "<br><br>",
    ],
)
def test_text_of_clean_html_is_the_text_between_tags(html):
    cleaned = clean_html(html)
    # The definition: tags become spaces, entities are decoded twice, decoded markup is stripped.
    text = html_module.unescape(html_module.unescape(re.sub(r'<(?:[^>"]|"[^"]*")*>', " ", cleaned)))
    if re.search(r"<[a-zA-Z/!?]", text):
        text = html_module.unescape(nh3.clean(text, tags=set(), attributes={}))
    assert text_of_clean_html(cleaned) == " ".join(text.split())


def test_cleaners_are_kept_per_base():
    html = '<a href="/a">x</a>'
    assert 'href="https://one.example/a"' in clean_html(html, "https://one.example/rss")
    assert 'href="https://two.example/a"' in clean_html(html, "https://two.example/rss")
    assert 'href="/a"' in clean_html(html)
