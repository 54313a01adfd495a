"""Headless Debian Chromium driven by Playwright, for page, admin and embed tests."""

import json
import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; Django's ORM calls made by the test
    # itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            yield page
            context.close()
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="module")
def empty_database(django_db_setup, django_db_blocker):
    """Starts from an empty database holding only the content types, whatever ran before.

    A transactional test without serialized rollback (tests/cms/test_scheduling.py) ends with a flush that
    re-creates content types under new ids, over which the serialized rollback of the tests below cannot load
    the migrations' data. Wagtail's tasks also look their content type up while being loaded, before the
    content types themselves (contenttypes comes last in INSTALLED_APPS): they are restored first, here.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
        serialized = json.loads(getattr(connection, "_test_serialized_contents", None) or "[]")
        ContentType.objects.bulk_create(
            ContentType(pk=item["pk"], **item["fields"])
            for item in serialized
            if item["model"] == "contenttypes.contenttype"
        )
        ContentType.objects.clear_cache()
