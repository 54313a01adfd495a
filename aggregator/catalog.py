"""The central press feeds an installation starts with, all disabled until an admin enables them.

The addresses follow each outlet's known RSS URL shape (see docs/aggregator.md) but were written from
knowledge, NOT checked against the live sites: this machine cannot reach the internet. An admin should
check each one (Aggregator > Sources > "fetch now") before enabling it; a wrong section id at Nhân Dân
still answers 200 with another section, so look at the items too.
"""

from __future__ import annotations

from datetime import timedelta

from .models import ReuseRights, Source

# (name, outlet, feed URL, site URL, language, ASEAN filter)
CENTRAL_PRESS = [
    (
        "VnExpress - Thế giới",
        "VnExpress",
        "https://vnexpress.net/rss/the-gioi.rss",
        "https://vnexpress.net",
        "vi",
        True,
    ),
    (
        "VietnamPlus - ASEAN",
        "VietnamPlus (TTXVN)",
        "https://www.vietnamplus.vn/rss/thegioi/asean-147.rss",
        "https://www.vietnamplus.vn",
        "vi",
        False,
    ),
    (
        "Báo Chính phủ - Quốc tế",
        "Báo Điện tử Chính phủ",
        "https://baochinhphu.vn/quoc-te.rss",
        "https://baochinhphu.vn",
        "vi",
        True,
    ),
    (
        "VOV - Thế giới",
        "Đài Tiếng nói Việt Nam (VOV)",
        "https://vov.vn/the-gioi/rss.xml",
        "https://vov.vn",
        "vi",
        True,
    ),
    (
        "Nhân Dân - Thế giới",
        "Báo Nhân Dân",
        "https://nhandan.vn/rss/thegioi-1231.rss",
        "https://nhandan.vn",
        "vi",
        True,
    ),
    (
        "Quân đội nhân dân - Quốc tế",
        "Báo Quân đội nhân dân",
        "https://www.qdnd.vn/rss/quoc-te.rss",
        "https://www.qdnd.vn",
        "vi",
        True,
    ),
    (
        "Tuổi Trẻ - Thế giới",
        "Báo Tuổi Trẻ",
        "https://tuoitre.vn/rss/the-gioi.rss",
        "https://tuoitre.vn",
        "vi",
        True,
    ),
    (
        "Thanh Niên - Thế giới",
        "Báo Thanh Niên",
        "https://thanhnien.vn/rss/the-gioi.rss",
        "https://thanhnien.vn",
        "vi",
        True,
    ),
    (
        "Báo Quốc tế - ASEAN",
        "Báo Thế giới & Việt Nam",
        "https://baoquocte.vn/rss_feed/asean",
        "https://baoquocte.vn",
        "vi",
        False,
    ),
    (
        "Báo Tin tức - Thế giới",
        "Báo Tin tức (TTXVN)",
        "https://baotintuc.vn/the-gioi.rss",
        "https://baotintuc.vn",
        "vi",
        True,
    ),
]


def add_central_press_sources() -> int:
    """Adds the central press sources that are missing (by feed URL), disabled. Returns how many."""
    created = 0
    for name, outlet, feed_url, site_url, language, asean_filter in CENTRAL_PRESS:
        _source, was_created = Source.objects.get_or_create(
            feed_url=feed_url,
            defaults={
                "name": name,
                "outlet": outlet,
                "site_url": site_url,
                "language": language,
                "enabled": False,
                "asean_filter": asean_filter,
                "poll_interval": timedelta(minutes=15),
                # Republishing needs the outlet's written agreement (3835/BTTTT, Decree 147/2024):
                # excerpt and link until an admin records one.
                "reuse_rights": ReuseRights.EXCERPT,
                "time_zone": "Asia/Ho_Chi_Minh",
            },
        )
        created += was_created
    return created
