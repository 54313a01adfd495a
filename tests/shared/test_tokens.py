"""API tokens: issue (key shown once, hash kept), authenticate, revoke, the rate limit, the command, the admin."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from shared import tokens
from shared.models import ApiToken
from tests.cms.factories import UserFactory
from tests.shared.factories import make_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(db):
    return make_newsroom()


def test_issue_stores_only_the_hash_and_a_short_prefix(newsroom):
    issued = tokens.issue(newsroom, "Hệ thống toà soạn")

    stored = ApiToken.objects.get()
    assert issued.key.startswith(tokens.KEY_PREFIX) and len(issued.key) > 40
    assert stored.key_hash == hashlib.sha256(issued.key.encode()).hexdigest()
    assert stored.prefix == issued.key[: tokens.PREFIX_LENGTH]
    assert issued.key not in {stored.name, stored.prefix, stored.key_hash}
    assert tokens.issue(newsroom, "again").key != issued.key


def test_authenticate_accepts_the_key_only(newsroom):
    issued = tokens.issue(newsroom, "system")

    assert tokens.authenticate(issued.key) == issued.token
    assert tokens.authenticate(issued.key + "x") is None
    assert tokens.authenticate(issued.token.key_hash) is None  # the stored hash is not a key
    assert tokens.authenticate("") is None


def test_a_revoked_token_no_longer_authenticates(newsroom):
    issued = tokens.issue(newsroom, "system")
    tokens.revoke(issued.token)

    assert ApiToken.objects.get().revoked_at is not None
    assert tokens.authenticate(issued.key) is None


def test_last_used_is_written_at_most_once_a_minute(newsroom, django_assert_num_queries):
    issued = tokens.issue(newsroom, "system")
    start = timezone.now()

    tokens.authenticate(issued.key, now=start)
    with django_assert_num_queries(1):  # the lookup, no write
        tokens.authenticate(issued.key, now=start + timedelta(seconds=59))
    assert ApiToken.objects.get().last_used_at == start

    tokens.authenticate(issued.key, now=start + timedelta(minutes=1))
    assert ApiToken.objects.get().last_used_at == start + timedelta(minutes=1)


@pytest.mark.parametrize(
    ("header", "key"),
    [("Bearer abc", "abc"), ("bearer  abc ", "abc"), ("Basic abc", None), ("Bearer", None), ("", None)],
)
def test_key_from_header(header, key):
    assert tokens.key_from_header(header) == key


@pytest.mark.parametrize(
    ("value", "rate"),
    [("120/min", (120, 60)), ("10/s", (10, 1)), ("5000/day", (5000, 86400)), ("100/15min", (100, 900))],
)
def test_rate_parse(value, rate):
    assert tokens.Rate.parse(value) == tokens.Rate(*rate)


@pytest.mark.parametrize("value", ["120", "many/min", "10/fortnight"])
def test_rate_parse_refuses_nonsense(value):
    with pytest.raises(ValueError):
        tokens.Rate.parse(value)


def test_throttle_counts_per_token_and_window(newsroom, monkeypatch):
    first, second = tokens.issue(newsroom, "a").token, tokens.issue(newsroom, "b").token
    rate = tokens.Rate(requests=2, seconds=60)
    monkeypatch.setattr(tokens, "clock", lambda: 6000.0 + 15)  # 15 s into a window

    assert [tokens.throttle(first, rate) for _ in range(3)] == [0, 0, 45]
    assert tokens.throttle(second, rate) == 0  # another token has its own count

    monkeypatch.setattr(tokens, "clock", lambda: 6060.0)  # the next window
    assert tokens.throttle(first, rate) == 0


# --- The command ----------------------------------------------------------------------------------


def test_command_prints_only_a_working_token(newsroom):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "Đài PT-TH", stdout=out, stderr=err)

    key = out.getvalue().strip()
    assert "\n" not in key
    token = tokens.authenticate(key)
    assert token is not None and token.newsroom == newsroom and token.name == "Đài PT-TH"
    assert token.prefix in err.getvalue() and key not in err.getvalue()


def test_command_needs_a_newsroom_when_there_are_several(newsroom):
    other = make_newsroom("Đài PT-TH Sóc Trăng", "dai-pt-th")
    with pytest.raises(CommandError, match="--newsroom"):
        call_command("create_api_token", "x", stdout=io.StringIO(), stderr=io.StringIO())

    out = io.StringIO()
    call_command("create_api_token", "x", newsroom="dai-pt-th", stdout=out, stderr=io.StringIO())
    assert tokens.authenticate(out.getvalue().strip()).newsroom == other


def test_command_names_an_unknown_newsroom(newsroom):
    with pytest.raises(CommandError, match=r"nowhere.*bao-soc-trang"):
        call_command("create_api_token", "x", newsroom="nowhere", stdout=io.StringIO(), stderr=io.StringIO())
    assert not ApiToken.objects.exists()


def test_command_without_any_newsroom(db):
    with pytest.raises(CommandError, match="no newsroom"):
        call_command("create_api_token", "x", stdout=io.StringIO(), stderr=io.StringIO())


# --- The admin ------------------------------------------------------------------------------------


@pytest.fixture
def token_admin(portal):
    user = UserFactory(groups=["Quản trị"])
    user.user_permissions.add(Permission.objects.get(content_type__app_label="shared", codename="add_apitoken"))
    return user


def test_only_token_issuers_see_the_tokens(client, portal, newsroom):
    editor = UserFactory(groups=["Biên tập viên"])
    client.force_login(editor)

    assert client.get(reverse("shared:tokens")).status_code in (302, 403)
    assert client.get(reverse("shared:token_issue")).status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_home")).content.decode().count(reverse("shared:tokens")) == 0


def test_issue_in_the_admin_shows_the_key_once(client, token_admin, newsroom):
    client.force_login(token_admin)
    assert reverse("shared:tokens") in client.get(reverse("wagtailadmin_home")).content.decode()

    response = client.post(reverse("shared:token_issue"), {"name": "Toà soạn", "newsroom": newsroom.pk})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    key = response.context["key"]
    assert tokens.authenticate(key) == token and token.created_by == token_admin
    assert key in response.content.decode()

    listing = client.get(reverse("shared:tokens")).content.decode()
    assert "Toà soạn" in listing and token.prefix in listing and key not in listing


def test_revoke_in_the_admin(client, token_admin, newsroom):
    issued = tokens.issue(newsroom, "system")
    client.force_login(token_admin)
    url = reverse("shared:token_revoke", args=(issued.token.pk,))
    assert url in client.get(reverse("shared:tokens")).content.decode()

    assert client.get(url).status_code == 200
    assert tokens.authenticate(issued.key) is not None  # asking is not revoking

    response = client.post(url)
    assert response.status_code == 302 and response.url == reverse("shared:tokens")
    assert tokens.authenticate(issued.key) is None
    assert url not in client.get(reverse("shared:tokens")).content.decode()
