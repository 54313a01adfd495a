"""Saved searches: saving from the list, the list of one's own, the RSS feed, the daily digest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from defusedxml import ElementTree as ET
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from aggregator.models import ItemStatus, ReuseRights
from cms.bootstrap.editorial import permission
from cms.models import Pillar
from cms.scheduler import register_jobs
from shared import saved_searches
from shared.bootstrap import JOURNALISTS, ensure_shared
from shared.jobs import send_digests
from shared.models import SavedSearch
from tests.cms.factories import UserFactory
from tests.shared.factories import ItemFactory, SourceFactory


@pytest.fixture
def journalist(portal):
    ensure_shared()
    return UserFactory(groups=[JOURNALISTS], email="phongvien@baosoctrang.example")


def save(user, name="Lúa gạo", **query) -> SavedSearch:
    params = QueryDict(mutable=True)
    params.update(query)
    return saved_searches.save(user, name, params)


def feed_path(saved: SavedSearch) -> str:
    return f"/api/shared/v1/saved/{saved.feed_token}.rss"


# --- Saving and managing ----------------------------------------------------------------------------


def test_the_shared_list_offers_to_save_its_search(client, journalist):
    client.force_login(journalist)
    response = client.get(reverse("shared:browse"), {"q": "gạo"})
    assert response.status_code == 200
    assert reverse("shared:saved_search_add") in response.content.decode()


def test_save_keeps_the_search_and_its_filters_only(client, journalist):
    client.force_login(journalist)

    response = client.post(
        reverse("shared:saved_search_add"), {"query": "q=g%E1%BA%A1o&pillar=kinh-te&p=2&sort=newest&bogus=1&kind="}
    )

    assert response.status_code == 302 and response.url == reverse("shared:saved_searches")
    saved = SavedSearch.objects.get()
    assert saved.user == journalist and saved.name == "gạo"  # no name given: the search words
    assert saved.query == {"q": "gạo", "pillar": "kinh-te"}
    assert len(saved.feed_token) >= 40 and not saved.digest


def test_only_users_of_the_shared_database_save_searches(client, portal):
    outsider = UserFactory()
    outsider.user_permissions.add(permission("wagtailadmin.access_admin"))
    client.force_login(outsider)

    response = client.post(reverse("shared:saved_search_add"), {"query": "q=x", "name": "x"})

    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")  # Wagtail's "denied"
    assert client.get(reverse("shared:saved_searches")).status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_list_shows_ones_own_searches_with_their_feed(client, journalist):
    mine = save(journalist, "Lúa gạo", q="gạo")
    theirs = save(UserFactory(groups=[JOURNALISTS]), "Du lịch", q="du lịch")
    client.force_login(journalist)

    html = client.get(reverse("shared:saved_searches")).content.decode()

    assert "Lúa gạo" in html and "Du lịch" not in html
    assert f"http://testserver{feed_path(mine)}" in html and theirs.feed_token not in html
    assert saved_searches.list_url(mine) in html.replace("&amp;", "&")
    assert reverse("shared:saved_search_digest", args=(mine.pk,)) in html


def test_digest_on_and_off(client, journalist):
    saved = save(journalist)
    client.force_login(journalist)
    url = reverse("shared:saved_search_digest", args=(saved.pk,))

    before = timezone.now()
    assert client.post(url).status_code == 302
    saved.refresh_from_db()
    assert saved.digest and saved.digest_sent_at >= before  # the first digest starts from now

    client.post(url)
    saved.refresh_from_db()
    assert not saved.digest


def test_delete_and_the_feed_is_gone(client, journalist):
    saved = save(journalist)
    client.force_login(journalist)
    url = reverse("shared:saved_search_delete", args=(saved.pk,))

    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not SavedSearch.objects.exists()
    response = client.get(feed_path(saved))
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_someone_elses_search_cannot_be_changed(client, journalist):
    other = save(UserFactory(groups=[JOURNALISTS]))
    client.force_login(journalist)

    for name in ("shared:saved_search_digest", "shared:saved_search_delete"):
        response = client.post(reverse(name, args=(other.pk,)))
        assert response.status_code == 404
    other.refresh_from_db()
    assert not other.digest


# --- The feed -------------------------------------------------------------------------------------


def test_feed_lists_only_matching_items_newest_first_with_citations(client, journalist):
    economy = Pillar.objects.get(slug="kinh-te")
    source = SourceFactory(outlet="VietnamPlus")
    older = ItemFactory(source=source, pillar=economy, published_at=timezone.now() - timedelta(days=1))
    newer = ItemFactory(source=source, pillar=economy, summary="<p>Gạo xuất khẩu.</p>")
    ItemFactory(pillar=Pillar.objects.get(slug="van-hoa-xa-hoi"))  # another pillar
    ItemFactory(pillar=economy, status=ItemStatus.FILTERED)  # left out by the ASEAN filter
    linked = ItemFactory(
        pillar=economy, source=SourceFactory(reuse_rights=ReuseRights.LINK_ONLY), summary="<p>Bí mật</p>"
    )
    linked.published_at = timezone.now() - timedelta(days=2)
    linked.save()
    saved = save(journalist, pillar="kinh-te")

    response = client.get(feed_path(saved))  # no login: the token in the URL is the key

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "no-store" in response["Cache-Control"]
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("link") for item in items] == [newer.url, older.url, linked.url]
    description = items[0].findtext("description")
    assert "Gạo xuất khẩu." in description
    assert f"Theo VietnamPlus ({newer.url}," in description
    assert "Bí mật" not in items[2].findtext("description")  # a link-only source gives no summary


def test_feed_is_capped_at_fifty(client, journalist):
    for _ in range(saved_searches.FEED_LENGTH + 3):
        ItemFactory()
    saved = save(journalist)
    items = ET.fromstring(client.get(feed_path(saved)).content).find("channel").findall("item")
    assert len(items) == saved_searches.FEED_LENGTH


def test_unknown_feed_token_is_404(client, db):
    response = client.get("/api/shared/v1/saved/not-a-token.rss")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


# --- The digest -----------------------------------------------------------------------------------


def test_digest_sends_only_new_matching_items_once(journalist, mailoutbox):
    now = timezone.now()
    economy = Pillar.objects.get(slug="kinh-te")
    saved = save(journalist, pillar="kinh-te")
    saved_searches.set_digest(saved, True, now=now - timedelta(days=1))
    seen = ItemFactory(pillar=economy, title="Tin đã gửi", first_seen_at=now - timedelta(days=2))
    fresh = ItemFactory(pillar=economy, title="Tin mới về gạo", first_seen_at=now - timedelta(hours=3))
    ItemFactory(pillar=Pillar.objects.get(slug="van-hoa-xa-hoi"), title="Tin khác", first_seen_at=now)
    quiet = save(journalist, "Không có gì", q="khongcotu")
    saved_searches.set_digest(quiet, True, now=now - timedelta(days=1))

    assert send_digests(now=now) == 1

    (message,) = mailoutbox
    assert message.to == [journalist.email]
    body = message.body
    html = message.alternatives[0][0]
    assert "Tin mới về gạo" in body and "Tin mới về gạo" in html
    assert "Tin đã gửi" not in body and "Tin khác" not in body
    item_url = "http://127.0.0.1:8000" + reverse("shared:item", args=(fresh.pk,))
    assert item_url in body and f'href="{item_url}"' in html
    assert "Theo " in body  # the citation, in the recipient's language (Vietnamese by default)
    assert seen.pk != fresh.pk
    saved.refresh_from_db()
    assert saved.digest_sent_at == now

    assert send_digests(now=now + timedelta(days=1)) == 0  # nothing new since
    assert len(mailoutbox) == 1


def test_digest_in_the_recipients_language(journalist, mailoutbox):
    UserProfile.objects.update_or_create(user=journalist, defaults={"preferred_language": "en"})
    now = timezone.now()
    saved = save(journalist, "Rice")
    saved_searches.set_digest(saved, True, now=now - timedelta(days=1))
    ItemFactory(first_seen_at=now - timedelta(hours=1), source=SourceFactory(outlet="VnExpress"))

    send_digests(now=now)

    (message,) = mailoutbox
    assert message.subject == "Rice: 1 new in the ASEAN shared database"
    assert "According to VnExpress" in message.body


def test_no_digest_when_off_or_without_email(journalist, mailoutbox):
    now = timezone.now()
    save(journalist)  # digest off
    silent = UserFactory(groups=[JOURNALISTS], email="")
    saved_searches.set_digest(save(silent), True, now=now - timedelta(days=1))
    ItemFactory(first_seen_at=now - timedelta(hours=1))

    assert send_digests(now=now) == 0 and mailoutbox == []


def test_the_digest_is_a_daily_job():
    scheduler = BackgroundScheduler(timezone="Asia/Ho_Chi_Minh")
    register_jobs(scheduler)
    job = scheduler.get_job("shared_digests")
    assert job is not None and str(job.trigger).startswith("cron[")
    assert "hour='6'" in str(job.trigger)
