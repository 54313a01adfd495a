"""Demo sources fed by the sample feeds that ship in aggregator/sample_feeds/ (original text).

This server serves them at /aggregator/sample-feeds/<name>.xml, so the aggregator works offline; the dev
profile opens 127.0.0.0/8 to the fetcher (AGGREGATOR_ALLOWED_NETWORKS) for that.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from .models import ReuseRights, Source

# (file name, source name, outlet, language, ASEAN filter)
DEMO_FEEDS = [
    ("asean-vi", "Demo - Tin ASEAN (tiếng Việt)", "Báo mẫu ASEAN", "vi", False),
    ("the-gioi-vi", "Demo - Thế giới (lọc ASEAN)", "Báo mẫu Thế giới", "vi", True),
    ("asean-en", "Demo - ASEAN news (English, Atom)", "Sample ASEAN Review", "en", False),
]


def sample_feed_url(name: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    try:
        path = reverse("aggregator:sample_feed", kwargs={"name": name})
    except NoReverseMatch:  # cms/urls.py does not include aggregator.urls (yet)
        path = f"/aggregator/sample-feeds/{name}.xml"
    return base + path


def add_demo_sources() -> int:
    """Adds the demo sources that are missing (by feed URL), enabled. Returns how many."""
    created = 0
    for name, title, outlet, language, asean_filter in DEMO_FEEDS:
        _source, was_created = Source.objects.get_or_create(
            feed_url=sample_feed_url(name),
            defaults={
                "name": title,
                "outlet": outlet,
                "site_url": settings.WAGTAILADMIN_BASE_URL,
                "language": language,
                "enabled": True,
                "asean_filter": asean_filter,
                "poll_interval": timedelta(minutes=5),
                "reuse_rights": ReuseRights.FULL_TEXT,
            },
        )
        created += was_created
    return created
