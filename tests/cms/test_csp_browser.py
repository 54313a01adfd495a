"""The Content-Security-Policy in a real browser: the public column and the admin work without a violation,
and the public policy really blocks an inline script."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from shared.bootstrap import ensure_shared
from tests.browser import browser_page  # noqa: F401  (fixture)
from tests.cms.factories import ImageFactory, UserFactory, make_article
from tests.shared.factories import ItemFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),
]

PASSWORD = "secret-pass-123"  # UserFactory's

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportViolation(`${event.violatedDirective} ${event.blockedURI} on ${location.pathname}`);
});
"""


@pytest.fixture
def violations(browser_page) -> list[str]:  # noqa: F811
    """CSP violations and script errors of every page the test opens; requests stay on loopback."""
    found: list[str] = []
    browser_page.context.expose_binding("reportViolation", lambda _source, text: found.append(text))
    browser_page.context.add_init_script(REPORT_VIOLATIONS)
    browser_page.on("console", lambda message: "Content Security Policy" in message.text and found.append(message.text))
    browser_page.on("pageerror", lambda error: found.append(f"script error: {error}"))

    def loopback_only(route):
        if urlsplit(route.request.url).hostname in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            route.abort()

    browser_page.route("**/*", loopback_only)
    return found


def test_public_column_and_article_have_no_violation_and_inline_script_is_blocked(
    live_server,
    portal,
    browser_page,  # noqa: F811
    violations,
):
    article = make_article(portal.column_vi, "Gạo ST25 sang Singapore", image=ImageFactory(), days_ago=1)
    page = browser_page

    page.goto(live_server.url + "/vi/chuyen-muc-asean/")
    expect(page.locator(".card__title")).to_have_text(["Gạo ST25 sang Singapore"])
    page.goto(live_server.url + article.url)
    expect(page.locator("h1")).to_have_text("Gạo ST25 sang Singapore")
    assert violations == []

    # What an injected <script> would do (stored HTML, a hostile feed item): the policy stops it.
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(
            "const script = document.createElement('script');"
            "script.textContent = 'window.injected = true';"
            "document.body.append(script);"
        )
    assert page.evaluate("window.injected === undefined")
    assert any(text.startswith("script-src-elem inline") for text in violations)


def test_admin_page_editor_and_shared_database_have_no_violation(
    live_server,
    portal,
    browser_page,  # noqa: F811
    violations,
):
    ensure_shared()
    admin = UserFactory(username="quantri", is_superuser=True)
    article = make_article(portal.column_vi, "Lễ hội Oóc Om Bóc")
    item = ItemFactory(title="Xuất khẩu gạo sang ASEAN", url="https://www.vietnamplus.vn/gao.vnp")
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", admin.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    # The page editor: Wagtail's inline scripts (date pickers, panels) run, the StreamField editor renders.
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("Lễ hội Oóc Om Bóc")
    # The inline <script>initDateChooser(...)</script> of the go-live field built its picker.
    page.locator(".xdsoft_datetimepicker").first.wait_for(state="attached")

    # The shared database: the list, an item and its copy button (our own inline script and copy.js).
    page.goto(f"{live_server.url}/admin/shared/")
    expect(page.locator("table.listing tbody tr .title-wrapper > a")).to_have_text([item.title])
    page.goto(f"{live_server.url}/admin/shared/items/{item.pk}/")
    copy = page.locator('[data-shared-copy="#citation-vi"]')
    copy.click()
    expect(copy.locator("[data-shared-copy-label]")).to_have_text(copy.get_attribute("data-copied-label"))
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#citation-vi").inner_text()

    assert violations == []
