"""Fixtures shared by every app's tests: the bootstrapped portal and its groups, an empty database."""

import json

import pytest
from django.core.cache import cache
from django.core.management import call_command

from cms.bootstrap.editorial import ensure_editorial
from cms.bootstrap.portal import ensure_portal
from cms.bootstrap.taxonomy import ensure_taxonomy
from cms.cache import forget_remembered_version


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    forget_remembered_version()
    yield
    cache.clear()
    forget_remembered_version()


@pytest.fixture
def portal(db):
    """What `bootstrap` (without --demo) creates: taxonomy, site, home and column in vi and en, groups."""
    ensure_taxonomy()
    portal = ensure_portal()
    ensure_editorial(
        column_pages=[portal.column_vi, portal.column_en], site_root_pages=[portal.home_vi, portal.home_en]
    )
    return portal


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
