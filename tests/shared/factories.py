"""Shared items and newsrooms for the shared-database tests."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from aggregator.models import Item, ItemStatus, ReuseRights, Source
from shared.bootstrap import ensure_newsroom
from shared.models import Newsroom


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Nguồn {n}")
    outlet = factory.Sequence(lambda n: f"Báo {n}")
    feed_url = factory.Sequence(lambda n: f"https://outlet{n}.example/rss.xml")
    site_url = factory.Sequence(lambda n: f"https://outlet{n}.example/")
    reuse_rights = ReuseRights.FULL_TEXT
    agreement_number = factory.Sequence(lambda n: f"{n}/TTHT")
    agreement_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    source = factory.SubFactory(SourceFactory)
    key = factory.Sequence(lambda n: f"item-{n}")
    url = factory.Sequence(lambda n: f"https://outlet.example/tin-{n}.html")
    title = factory.Sequence(lambda n: f"Tin ASEAN số {n}")
    summary = "<p>Một đoạn mở đầu ngắn.</p>"
    content = "<p>Nội dung bài viết.</p>"
    language = "vi"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=6))
    content_hash = factory.Sequence(lambda n: f"{n:064d}")
    status = ItemStatus.VISIBLE
    relevance = 5


def make_newsroom(name: str = "Báo Sóc Trăng", slug: str = "bao-soc-trang", members=()) -> Newsroom:
    newsroom = ensure_newsroom(name, slug)
    newsroom.members.set(members)
    return newsroom
