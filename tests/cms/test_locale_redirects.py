"""Unprefixed page URLs get the language prefix; unknown admin, API and embed URLs are plain 404s."""

import pytest


@pytest.mark.django_db
def test_an_unknown_admin_or_api_url_is_a_404_not_a_language_redirect(client, portal, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    for path in ("/admin/khong-co/", "/api/shared/v1/khong-co/", "/aggregator/khong-co/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_an_unprefixed_page_url_still_gets_the_language_prefix(client, portal):
    response = client.get("/chuyen-muc-asean/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 302 and response["Location"].startswith("/vi/")
