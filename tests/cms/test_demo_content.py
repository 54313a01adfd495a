"""Integrity of the demo content and images loaded by ``bootstrap --demo`` (no database needed)."""

import dataclasses
import io
import re
import unicodedata
from collections import Counter

import pytest
from PIL import Image

from cms.demo.articles import COUNTRY_CODES, DEMO_ARTICLES, PILLAR_SLUGS, TOPIC_SLUGS, DemoArticle
from cms.demo.images import ascii_fold, demo_image_bytes, demo_logo_bytes

VIETNAMESE_LETTERS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
ARTICLE_IDS = [article.key for article in DEMO_ARTICLES]


def words(paragraphs: tuple[str, ...]) -> int:
    return sum(len(p.split()) for p in paragraphs if not p.startswith("## "))


def test_there_are_sixteen_articles_with_unique_keys():
    assert len(DEMO_ARTICLES) == 16
    assert all(isinstance(article, DemoArticle) for article in DEMO_ARTICLES)
    assert len(set(ARTICLE_IDS)) == len(ARTICLE_IDS)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key) for key in ARTICLE_IDS)


def test_articles_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEMO_ARTICLES[0].title_vi = "x"  # type: ignore[misc]


def test_reference_lists_match_the_brief():
    assert set(PILLAR_SLUGS) == {"chinh-tri-an-ninh", "kinh-te", "van-hoa-xa-hoi"}
    assert len(TOPIC_SLUGS) == len(set(TOPIC_SLUGS)) == 12
    assert set(COUNTRY_CODES) == {"bn", "kh", "id", "la", "my", "mm", "ph", "sg", "th", "tl", "vn"}


@pytest.mark.parametrize("article", DEMO_ARTICLES, ids=ARTICLE_IDS)
def test_classification_values_are_valid(article):
    assert article.pillar in PILLAR_SLUGS
    assert article.topics and set(article.topics) <= set(TOPIC_SLUGS)
    assert article.countries and set(article.countries) <= set(COUNTRY_CODES)
    assert len(set(article.topics)) == len(article.topics)
    assert len(set(article.countries)) == len(article.countries)
    assert 0 <= article.days_ago <= 60
    assert 0 <= article.image_hue <= 359
    assert 0 < len(article.image_label) <= 40


def test_every_topic_and_country_is_covered():
    assert {topic for article in DEMO_ARTICLES for topic in article.topics} == set(TOPIC_SLUGS)
    assert {code for article in DEMO_ARTICLES for code in article.countries} == set(COUNTRY_CODES)


def test_each_pillar_has_at_least_five_articles():
    counts = Counter(article.pillar for article in DEMO_ARTICLES)
    assert set(counts) == set(PILLAR_SLUGS)
    assert min(counts.values()) >= 5


def test_dates_are_spread_over_two_months():
    days = sorted(article.days_ago for article in DEMO_ARTICLES)
    assert days[0] == 0 and days[-1] >= 50
    assert len(set(days)) == len(days)


@pytest.mark.parametrize("article", DEMO_ARTICLES, ids=ARTICLE_IDS)
def test_both_languages_are_filled(article):
    for lang in ("vi", "en"):
        title, lead, body = (getattr(article, f"{field}_{lang}") for field in ("title", "lead", "body"))
        assert title.strip() and lead.strip()
        assert len(title) <= 120
        assert isinstance(body, tuple) and 3 <= len(body) <= 6
        assert all(isinstance(p, str) and p.strip() == p and p for p in body)
        assert sum(p.startswith("## ") for p in body) <= 1
        assert not body[0].startswith("## ")
        assert 150 <= words(body) <= 350, (lang, words(body))
    assert len(article.body_vi) == len(article.body_en)
    assert (article.quote_vi is None) == (article.quote_en is None)
    for quote in (article.quote_vi, article.quote_en):
        if quote is not None:
            assert len(quote) == 2 and all(part.strip() for part in quote)


@pytest.mark.parametrize("article", DEMO_ARTICLES, ids=ARTICLE_IDS)
def test_vietnamese_text_has_diacritics_and_is_nfc(article):
    texts = [article.title_vi, article.lead_vi, *article.body_vi, article.image_label]
    if article.quote_vi:
        texts.extend(article.quote_vi)
    for text in texts:
        assert unicodedata.is_normalized("NFC", text)
    for text in [article.title_vi, article.lead_vi, *(p for p in article.body_vi if not p.startswith("## "))]:
        assert VIETNAMESE_LETTERS.search(text), text
    # The English text is a translation, not a copy of the Vietnamese.
    assert article.title_en != article.title_vi and article.lead_en != article.lead_vi


def test_some_articles_cite_a_sample_source():
    cited = [article for article in DEMO_ARTICLES if article.source_outlet or article.source_url]
    assert 3 <= len(cited) <= 6
    for article in cited:
        assert article.source_outlet in {"Báo Sóc Trăng (bài mẫu)", "Đài PT-TH Sóc Trăng (bài mẫu)"}
        assert article.source_url.startswith("https://example.org/")


def test_demo_image_is_a_jpeg_of_the_requested_size():
    data = demo_image_bytes("Lễ hội Oóc Om Bóc", 45)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (1600, 900) and image.mode == "RGB"
    small = Image.open(io.BytesIO(demo_image_bytes("Chùa Dơi", 120, size=(640, 360))))
    assert small.format == "JPEG" and small.size == (640, 360)


def test_demo_image_is_deterministic_and_depends_on_its_inputs():
    first = demo_image_bytes("Cảng biển Trần Đề", 195, size=(800, 450))
    assert first == demo_image_bytes("Cảng biển Trần Đề", 195, size=(800, 450))
    assert first != demo_image_bytes("Cảng biển Trần Đề", 15, size=(800, 450))
    assert first != demo_image_bytes("Hành tím Vĩnh Châu", 195, size=(800, 450))


@pytest.mark.parametrize("label", ["", "   ", "x" * 200, "Ước mơ ASEAN \u2013 “hội nhập” · 2025 ✓"])
def test_demo_image_survives_unusual_labels(label):
    image = Image.open(io.BytesIO(demo_image_bytes(label, 400, size=(480, 270))))
    assert image.size == (480, 270)


def test_every_article_image_renders():
    for article in DEMO_ARTICLES:
        data = demo_image_bytes(article.image_label, article.image_hue, size=(320, 180))
        assert Image.open(io.BytesIO(data)).size == (320, 180)


def test_demo_logo_is_a_square_png_and_deterministic():
    data = demo_logo_bytes()
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (256, 256)
    assert data == demo_logo_bytes()


def test_ascii_fold_is_the_last_resort_label():
    assert ascii_fold("Lễ hội Oóc Om Bóc \u2013 Trần Đề") == "Le hoi Ooc Om Boc - Tran De"
