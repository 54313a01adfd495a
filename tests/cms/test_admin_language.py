"""The admin opens in Vietnamese whatever the browser prefers; English stays one setting away."""

from wagtail.users.models import UserProfile

from tests.cms.factories import UserFactory


def test_admin_is_vietnamese_for_an_english_browser(client, portal):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi"' in response.content.decode()


def test_editor_who_chose_english_gets_english(client, portal):
    user = UserFactory(is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="en"' in html


def test_public_site_still_follows_the_browser_for_the_first_visit(client, portal):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")["Location"] == "/en/"
