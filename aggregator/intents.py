"""Frozen data passed between the stages: what a source looks like to a worker, what a pass produced."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .classify import Classification
from .normalize import NormalizedItem


@dataclass(frozen=True)
class SourceSnapshot:
    id: int
    name: str
    feed_url: str
    etag: str
    last_modified: str
    time_zone: str
    identity_policy: str
    asean_filter: bool
    poll_interval: timedelta
    consecutive_failures: int
    reuse_rights: str

    @classmethod
    def of(cls, source) -> SourceSnapshot:
        return cls(
            id=source.pk,
            name=source.name,
            feed_url=source.feed_url,
            etag=source.etag,
            last_modified=source.last_modified,
            time_zone=source.time_zone,
            identity_policy=str(source.identity_policy),  # a plain str: workers cannot import models
            asean_filter=source.asean_filter,
            poll_interval=source.poll_interval,
            consecutive_failures=source.consecutive_failures,
            reuse_rights=str(source.reuse_rights),
        )


@dataclass(frozen=True)
class ClassifiedItem:
    item: NormalizedItem
    classification: Classification
    relevant: bool
    signature: str = ""  # dedupe.title_signature of the title, for story clustering
    search_vector: str | None = None  # search_vector.search_vector of the stored text, if asked for


@dataclass(frozen=True)
class PassOutcome:
    """Everything a worker learnt about one source, before touching the database."""

    source_id: int
    started_at: datetime
    duration: timedelta
    status: str  # ok | not_modified | error | blocked
    http_status: int | None = None
    etag: str = ""
    last_modified: str = ""
    max_age: int | None = None
    retry_after: int | None = None
    error: str = ""
    malformed: bool = False
    identity_policy: str = ""
    identity_note: str = ""
    items: list[ClassifiedItem] = field(default_factory=list)
    poll_interval: timedelta | None = None  # the source's, when the pass began (a 304 is stored without reading it)

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "not_modified")


@dataclass
class Counts:
    sources: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0  # sources answering 304
    filtered: int = 0
    errors: int = 0

    def add(self, other: Counts) -> None:
        for name in ("sources", "new", "updated", "unchanged", "filtered", "errors"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
