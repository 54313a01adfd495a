"""Security headers, CSRF on admin forms, login throttling, password rules, admin sessions, the production profile."""

import json
import os
import secrets
import subprocess
import sys
import threading
import time
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from wagtail.models import Collection

from cms import throttle
from tests.cms.factories import UserFactory

PASSWORD = "secret-pass-123"  # UserFactory's
LOGIN_URL = "/admin/login/"


def policy(response) -> dict[str, str]:
    directives = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return dict(directives)


# --- Headers --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_page_has_a_strict_policy_and_the_security_headers(client, portal):
    response = client.get("/vi/chuyen-muc-asean/")
    assert response.status_code == 200
    csp = policy(response)
    # This origin and the admin's (the editors' user bar): no inline script or style element, no eval.
    admin_origin = settings.WAGTAILADMIN_BASE_URL
    assert csp["script-src"] == csp["style-src"] == f"'self' {admin_origin}"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response  # only under the production profile (below)


@pytest.mark.django_db
def test_a_cached_public_page_keeps_its_policy(client, portal):
    first = client.get("/vi/chuyen-muc-asean/")
    second = client.get("/vi/chuyen-muc-asean/")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_has_its_own_policy(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == "'self' 'unsafe-inline'"  # Wagtail's inline scripts (cms/security.py)
    assert csp["form-action"] == "'self'"
    assert csp["frame-ancestors"] == "'self'"  # the page editor's preview panel
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_api_responses_carry_the_headers(client):
    response = client.get("/api/shared/v1/items/")
    assert response.status_code == 401
    assert policy(response)["default-src"] == "'self'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_embed_keeps_its_own_policy(client, portal):
    response = client.get("/embed/asean/?agency=portal")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == "'none'"
    assert csp["frame-ancestors"].startswith("'self'")
    assert "X-Frame-Options" not in response


# --- CSRF -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_forms_require_the_csrf_token():
    admin = UserFactory(is_superuser=True)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin)

    root = Collection.get_first_root_node().pk
    refused = browser.post("/admin/collections/add/", {"name": "Forged", "parent": root})
    assert refused.status_code == 403

    form = browser.get("/admin/collections/add/")
    token = form.context["csrf_token"]
    accepted = browser.post("/admin/collections/add/", {"name": "Real", "parent": root, "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
    assert Collection.objects.filter(name="Real").exists()
    assert not Collection.objects.filter(name="Forged").exists()


@pytest.mark.django_db
def test_login_form_requires_the_csrf_token():
    UserFactory(username="bientap")
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(LOGIN_URL, {"username": "bientap", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in browser.session


# --- Login throttling -----------------------------------------------------------------------------


def log_in(browser: Client, username: str, password: str, address: str = "192.0.2.10"):
    return browser.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def error_codes(response) -> list[str]:
    if response.status_code == 302:
        return []
    return [error.code for error in response.context["form"].non_field_errors().as_data()]


def signed_in(browser: Client) -> bool:
    return "_auth_user_id" in browser.session


@pytest.mark.django_db
def test_failures_then_refusal_even_with_the_right_password():
    UserFactory(username="bientap")
    browser = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert error_codes(log_in(browser, "bientap", "wrong")) == ["invalid_login"]

    refused = log_in(browser, "bientap", PASSWORD)
    assert error_codes(refused) == ["throttled"]
    assert not signed_in(browser)
    # Spelling the name differently does not start a new count.
    assert error_codes(log_in(browser, " BienTap ", PASSWORD)) == ["throttled"]


@pytest.mark.django_db
def test_unknown_names_are_refused_the_same_way():
    UserFactory(username="bientap")
    known, unknown = Client(), Client()
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        log_in(known, "bientap", "wrong", address="192.0.2.1")
        log_in(unknown, "khongco", "wrong", address="192.0.2.2")
    known_refusal = log_in(known, "bientap", "wrong", address="192.0.2.1")
    unknown_refusal = log_in(unknown, "khongco", "wrong", address="192.0.2.2")
    assert error_codes(known_refusal) == error_codes(unknown_refusal) == ["throttled"]
    assert known_refusal.context["form"].non_field_errors() == unknown_refusal.context["form"].non_field_errors()


@pytest.mark.django_db
def test_other_users_from_the_same_address_are_unaffected():
    UserFactory(username="bientap")
    UserFactory(username="phongvien")
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        log_in(Client(), "bientap", "wrong")
    colleague = Client()
    assert log_in(colleague, "phongvien", PASSWORD).status_code == 302
    assert signed_in(colleague)


@pytest.mark.django_db
def test_one_address_guessing_many_names_is_refused_but_not_other_addresses():
    UserFactory(username="phongvien")
    for attempt in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        log_in(Client(), f"guess{attempt}", "wrong", address="198.51.100.7")
    assert error_codes(log_in(Client(), "phongvien", PASSWORD, address="198.51.100.7")) == ["throttled"]
    assert log_in(Client(), "phongvien", PASSWORD, address="198.51.100.8").status_code == 302


@pytest.mark.django_db
def test_the_refusal_ends_with_the_window(monkeypatch):
    UserFactory(username="bientap")
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        log_in(Client(), "bientap", "wrong")
    assert error_codes(log_in(Client(), "bientap", PASSWORD)) == ["throttled"]

    # The counters expire in the cache; move the clock the cache reads (the test profile's local memory cache).
    later = time.time() + settings.LOGIN_FAILURE_WINDOW_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    browser = Client()
    assert log_in(browser, "bientap", PASSWORD).status_code == 302
    assert signed_in(browser)


@pytest.mark.django_db
def test_success_clears_the_count_for_the_name():
    UserFactory(username="bientap")
    limit = settings.LOGIN_FAILURES_PER_USERNAME
    for _ in range(limit - 1):
        log_in(Client(), "bientap", "wrong")
    assert log_in(Client(), "bientap", PASSWORD).status_code == 302
    for _ in range(limit - 1):
        assert error_codes(log_in(Client(), "bientap", "wrong")) == ["invalid_login"]
    assert log_in(Client(), "bientap", PASSWORD).status_code == 302


def test_concurrent_failures_all_count_in_redis():
    redis = {
        "BACKEND": "cms.redis_cache.PooledRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": f"asean-test-throttle-{uuid.uuid4().hex}",
    }
    attempts = 40
    with override_settings(CACHES={"default": redis}, LOGIN_FAILURES_PER_ADDRESS=attempts):
        start = threading.Barrier(8)

        def fail(count: int) -> None:
            start.wait()
            for _ in range(count):
                throttle.record_failure("bientap", "203.0.113.5")

        threads = [threading.Thread(target=fail, args=(attempts // 8,)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        keys = list(throttle._counters("bientap", "203.0.113.5"))
        try:
            assert cache.get_many(keys) == dict.fromkeys(keys, attempts)
            assert throttle.is_refused("bientap", "203.0.113.5")
        finally:
            cache.delete_many(keys)


# --- Passwords and sessions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Xq7#mPz2!", "password_too_short"),
        ("qwertyuiop", "password_too_common"),
        ("8305716294", "password_entirely_numeric"),
    ],
)
def test_weak_passwords_are_rejected(password, code):
    with pytest.raises(ValidationError) as raised:
        validate_password(password)
    assert code in [error.code for error in raised.value.error_list]


def test_a_long_uncommon_password_passes():
    validate_password("đèn lồng Sóc Trăng 2026")


@pytest.mark.django_db
def test_admin_session_ends_with_the_browser_and_after_a_working_day():
    UserFactory(username="bientap")
    browser = Client()
    response = log_in(browser, "bientap", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert cookie["httponly"]
    assert browser.session.get_expiry_age() == 8 * 3600


# --- The production profile (its own process: its settings are read once, at start) --------------


def production_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "LOG_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://asean@127.0.0.1:5432/asean",  # never connected to by these checks
        ALLOWED_HOSTS="asean.soctrang.gov.vn,testserver",
        **extra,
    )
    return env


def test_production_profile_passes_check_deploy_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_profile_refuses_to_start_without_its_secrets():
    env = production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


PRODUCTION_PROBE = """
import json
import django
from django.conf import settings
from django.test import Client

django.setup()
client = Client()
secure = client.get("/embed/asean.js", secure=True)
plain = client.get("/embed/asean.js")
print(json.dumps({
    "hsts": secure.headers.get("Strict-Transport-Security"),
    "nosniff": secure.headers.get("X-Content-Type-Options"),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
}))
"""


def test_production_profile_sends_hsts_and_redirects_plain_http():
    result = subprocess.run(  # noqa: S603  (our own constant script)
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert facts["nosniff"] == "nosniff"
    assert facts["plain_status"] == 301
    assert facts["plain_location"] == "https://testserver/embed/asean.js"
    assert facts["log_formatter"] == "json"
    assert facts["session_cookie_secure"] and facts["csrf_cookie_secure"]
