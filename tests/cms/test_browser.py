"""The column in a real browser: it renders, the pillar filter works, nothing errors in the console."""

import pytest

from tests.browser import browser_page  # noqa: F401  (fixture)
from tests.cms.factories import ImageFactory, make_article

# serialized_rollback restores the root page and collection that Wagtail's migrations create.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_column_page_and_pillar_filter(live_server, portal, browser_page):  # noqa: F811
    make_article(portal.column_vi, "Gạo ST25 sang Singapore", pillar="kinh-te", image=ImageFactory(), days_ago=1)
    make_article(portal.column_vi, "Lễ hội Oóc Om Bóc", pillar="van-hoa-xa-hoi", image=ImageFactory())
    problems: list[str] = []
    browser_page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    browser_page.on("pageerror", lambda error: problems.append(str(error)))
    browser_page.on("response", lambda response: response.status >= 400 and problems.append(response.url))

    browser_page.goto(live_server.url + "/vi/chuyen-muc-asean/")
    assert browser_page.locator("h1").inner_text() == "Chuyên mục ASEAN"
    titles = browser_page.locator(".card__title").all_inner_texts()
    assert titles == ["Lễ hội Oóc Om Bóc", "Gạo ST25 sang Singapore"]
    # Every card image actually loaded (renditions were generated and served).
    loaded = browser_page.eval_on_selector_all(
        ".card img", "imgs => imgs.map(img => img.complete && img.naturalWidth > 0)"
    )
    assert loaded == [True, True]

    browser_page.get_by_role("link", name="Kinh tế", exact=True).first.click()
    browser_page.wait_for_url("**/?pillar=kinh-te")
    assert browser_page.locator(".card__title").all_inner_texts() == ["Gạo ST25 sang Singapore"]
    assert browser_page.locator('[data-filter="pillar"] [aria-current="true"]').inner_text() == "Kinh tế"

    # Keyboard users reach the content first through the skip link.
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.activeElement.className") == "skip-link"
    assert problems == []


def test_language_switcher_reaches_the_english_column(live_server, portal, browser_page):  # noqa: F811
    browser_page.goto(live_server.url + "/vi/chuyen-muc-asean/")
    browser_page.get_by_role("link", name="English").click()
    browser_page.wait_for_url("**/en/asean-column/")
    assert browser_page.locator("h1").inner_text() == "ASEAN Column"
    assert browser_page.locator("html").get_attribute("lang") == "en"
