"""Fixtures shared by every app's tests: the bootstrapped portal and its groups."""

import pytest
from django.core.cache import cache

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
