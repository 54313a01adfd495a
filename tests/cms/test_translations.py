"""Vietnamese and English versions: linked translations, language prefixes and the switcher."""

from cms.models import AseanArticlePage
from tests.cms.factories import make_article, translate_article


def test_translation_is_linked_and_served_under_its_prefix(client, portal):
    article = make_article(portal.column_vi, "Ngày ASEAN 8/8", topics=("van-hoa",), countries=("vn",))
    english = translate_article(article, title="ASEAN Day, 8 August", lead="The province marks ASEAN Day.")
    assert english.translation_key == article.translation_key
    assert english.get_parent().specific == portal.column_en
    assert english.url.startswith("/en/asean-column/")
    # Classification is carried over to the translation.
    assert list(english.topics.values_list("slug", flat=True)) == ["van-hoa"]
    assert english.pillar == article.pillar
    assert article.get_translation(portal.column_en.locale).pk == english.pk
    html = client.get(english.url).content.decode()
    assert '<html lang="en">' in html
    assert "ASEAN Day, 8 August" in html


def test_language_switcher_links_to_the_translation(client, portal):
    article = make_article(portal.column_vi, "Bài có bản dịch")
    english = translate_article(article, title="Translated article")
    untranslated = make_article(portal.column_vi, "Bài chưa dịch")
    html = client.get(article.url).content.decode()
    assert f'href="{english.url}" lang="en"' in html
    html = client.get(untranslated.url).content.decode()
    assert 'href="/en/" lang="en"' in html  # no translation yet: the English home page
    assert 'href="/vi/asean-column/"' not in html


def test_interface_strings_follow_the_page_language(client, portal):
    vi_html = client.get("/vi/chuyen-muc-asean/").content.decode()
    en_html = client.get("/en/asean-column/").content.decode()
    assert "Tất cả trụ cột" in vi_html and "All pillars" in en_html
    assert "Kinh tế" in vi_html and "Economic" in en_html


def test_root_redirects_to_a_language(client, portal):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/vi/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert response["Location"] == "/en/"


def test_each_locale_has_its_own_article_count(portal):
    article = make_article(portal.column_vi)
    translate_article(article)
    assert AseanArticlePage.objects.filter(locale=portal.column_vi.locale).count() == 1
    assert AseanArticlePage.objects.filter(locale=portal.column_en.locale).count() == 1
