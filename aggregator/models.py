"""What the aggregator stores: sources and their health, items, story clusters, logs, tombstones, rules."""

from __future__ import annotations

import contextvars
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import soupsieve
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_POLL_INTERVAL = timedelta(minutes=5)

# Deleting items while pruning must not leave tombstones (only an editor's deletion does).
suppress_tombstones: contextvars.ContextVar[bool] = contextvars.ContextVar("suppress_tombstones", default=False)


class IdentityPolicy(models.TextChoices):
    GUID = "guid", _("guid")
    LINK = "link", _("link")
    HASH = "hash", _("content hash")


class ReuseRights(models.TextChoices):
    FULL_TEXT = "full", _("full text allowed")
    EXCERPT = "excerpt", _("excerpt and link")
    LINK_ONLY = "link", _("link only")


def fetches_full_text(full_text: bool, reuse_rights: str) -> bool:
    """Whether a source's articles are fetched in full: an admin asked for it and the outlet allows it."""
    return full_text and reuse_rights == ReuseRights.FULL_TEXT


class SourceKind(models.TextChoices):
    FEED = "feed", _("feed")
    NEWSROOM = "newsroom", _("newsroom contributions")


class Health(models.TextChoices):
    OK = "ok", _("ok")
    FAILING = "failing", _("failing")
    DISABLED = "disabled", _("disabled")
    NEW = "new", _("not fetched yet")


class SourceQuerySet(models.QuerySet):
    def feeds(self) -> SourceQuerySet:
        """Sources that are polled (a newsroom's contributions are not)."""
        return self.filter(kind=SourceKind.FEED)


class Source(models.Model):
    """One feed of one outlet, with its polling policy and its health; or a newsroom's contributions."""

    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=SourceKind.choices,
        default=SourceKind.FEED,
        help_text=_("A feed is polled; a newsroom's items are uploaded by its journalists."),
    )
    # Unique among feeds; a newsroom has none (NULLs are distinct in a unique column).
    feed_url = models.URLField(_("feed URL"), max_length=1000, unique=True, null=True, blank=True)
    site_url = models.URLField(_("site URL"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=8, default="vi")
    enabled = models.BooleanField(_("enabled"), default=True)
    poll_interval = models.DurationField(_("poll interval"), default=timedelta(minutes=15))
    asean_filter = models.BooleanField(
        _("ASEAN filter"),
        default=True,
        help_text=_("On for a general world-news feed (only ASEAN items are kept); off for an ASEAN-only feed."),
    )
    full_text = models.BooleanField(_("fetch full text"), default=False)
    body_selector = models.CharField(_("article body CSS selector"), max_length=300, blank=True)
    image_selector = models.CharField(_("lead image CSS selector"), max_length=300, blank=True)
    author_selector = models.CharField(_("author CSS selector"), max_length=300, blank=True)
    drop_selector = models.CharField(
        _("CSS selectors to drop"), max_length=500, blank=True, help_text=_("Comma-separated.")
    )
    reuse_rights = models.CharField(
        _("reuse rights"), max_length=10, choices=ReuseRights.choices, default=ReuseRights.EXCERPT
    )
    # Letter 3835/BTTTT and Decree 147/2024: a state site reuses press work only under a written agreement.
    agreement_number = models.CharField(_("reuse agreement number"), max_length=100, blank=True)
    agreement_date = models.DateField(_("reuse agreement date"), null=True, blank=True)
    reuse_delay = models.DurationField(
        _("reuse delay"),
        default=timedelta(hours=3),
        help_text=_("How long after the original a reuse may be published."),
    )
    time_zone = models.CharField(
        _("default time zone"),
        max_length=64,
        default="Asia/Ho_Chi_Minh",
        help_text=_("Used for dates the feed writes without a zone."),
    )
    identity_policy = models.CharField(
        _("item identity"), max_length=8, choices=IdentityPolicy.choices, default=IdentityPolicy.GUID
    )
    identity_note = models.CharField(_("identity note"), max_length=300, blank=True)

    # Health.
    last_fetch_at = models.DateTimeField(_("last fetch"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    etag = models.CharField(_("ETag"), max_length=300, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("consecutive failures"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    malformed = models.BooleanField(_("malformed feed"), default=False)
    next_fetch_at = models.DateTimeField(_("next fetch"), null=True, blank=True, db_index=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    last_new_item_at = models.DateTimeField(_("last new item"), null=True, blank=True)
    typical_gap = models.DurationField(_("usual gap between items"), null=True, blank=True)
    alerted_at = models.DateTimeField(_("alert sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("feed source")
        verbose_name_plural = _("feed sources")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind == SourceKind.FEED and not self.feed_url:
            errors["feed_url"] = _("A feed needs its URL.")
        if self.poll_interval is not None and self.poll_interval < MIN_POLL_INTERVAL:
            errors["poll_interval"] = _("Poll at most every 5 minutes: outlets block clients that poll faster.")
        try:
            ZoneInfo(self.time_zone or "")
        except (ZoneInfoNotFoundError, ValueError):
            errors["time_zone"] = _("Not a known time zone (e.g. Asia/Ho_Chi_Minh).")
        for name in ("body_selector", "image_selector", "author_selector", "drop_selector"):
            value = getattr(self, name)
            if value:
                try:
                    soupsieve.compile(value)
                except Exception:
                    errors[name] = _("Not a valid CSS selector.")
        if errors:
            raise ValidationError(errors)

    @property
    def health(self) -> str:
        if not self.enabled:
            return Health.DISABLED
        if self.consecutive_failures:
            return Health.FAILING
        if self.last_fetch_at is None:
            return Health.NEW
        return Health.OK

    def get_health_display(self) -> str:
        return Health(self.health).label


class StoryCluster(models.Model):
    """The same story told by several outlets."""

    title = models.CharField(_("title"), max_length=500)
    first_seen_at = models.DateTimeField(_("first seen"), default=timezone.now, db_index=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)

    class Meta:
        ordering = ["-first_seen_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title


class ItemStatus(models.TextChoices):
    VISIBLE = "visible", _("visible")
    FILTERED = "filtered", _("filtered out (not about ASEAN)")


class EnrichState(models.TextChoices):
    NONE = "none", _("not needed")
    PENDING = "pending", _("queued")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ItemKind(models.TextChoices):
    ARTICLE = "article", _("article")
    PHOTO = "photo", _("photo")
    VIDEO = "video", _("video")
    AUDIO = "audio", _("audio")
    DOCUMENT = "document", _("document")


class Item(models.Model):
    """One entry of one source. ``(source, key)`` is unique in the database."""

    # Not indexed on its own: the indexes on (source, key), (source, url) and (source, status) start with it.
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="items", db_index=False
    )
    key = models.CharField(_("key"), max_length=255)
    guid = models.CharField(_("guid"), max_length=1000, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Sanitised HTML."))
    content = models.TextField(_("content"), blank=True, help_text=_("Sanitised HTML."))
    author = models.CharField(_("author"), max_length=200, blank=True)
    original_source = models.CharField(_("original source (wire)"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices, default=ItemKind.ARTICLE)
    media_url = models.URLField(
        _("video or audio link"), max_length=1000, blank=True, help_text=_("Where the video or audio can be played.")
    )
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contributed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rights_note = models.CharField(_("rights note"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("published"), db_index=True)
    first_seen_at = models.DateTimeField(_("first seen"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    content_hash = models.CharField(_("content hash"), max_length=64)
    status = models.CharField(  # indexed with the date (Meta.indexes), which serves lookups by status too
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.VISIBLE
    )
    relevance = models.FloatField(_("ASEAN relevance"), default=0)
    classified_by_editor = models.BooleanField(
        _("classified by an editor"),
        default=False,
        help_text=_("Feed updates no longer change the status, pillar, topics or countries."),
    )
    pillar = models.ForeignKey(
        "cms.Pillar",
        verbose_name=_("pillar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = models.ManyToManyField("cms.Topic", verbose_name=_("topics"), blank=True, related_name="+")
    countries = models.ManyToManyField("cms.Country", verbose_name=_("countries"), blank=True, related_name="+")
    cluster = models.ForeignKey(
        StoryCluster,
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    title_signature = models.CharField(max_length=500, blank=True, editable=False)
    enrich_state = models.CharField(  # the queue's pending rows are indexed (Meta.indexes), the others need not be
        _("full text"), max_length=10, choices=EnrichState.choices, default=EnrichState.NONE
    )
    enrich_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    enrich_after = models.DateTimeField(null=True, blank=True, editable=False)  # retry back-off
    enrich_error = models.CharField(_("full-text error"), max_length=500, blank=True)
    image_url = models.URLField(_("image URL"), max_length=1000, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    # Written by a PostgreSQL trigger (migration 0004), never by Python; always null on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("aggregated item")
        verbose_name_plural = _("aggregated items")
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="aggregator_item_source_key")]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["source", "url"]),
            models.Index(fields=["source", "status"]),
            models.Index(
                fields=["first_seen_at"], name="aggregator_item_enrich_queue", condition=Q(enrich_state="pending")
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Tombstone(models.Model):
    """An item an editor deleted: never imported again from that feed, under its key or its link.

    The link matters as much as the key: an outlet that changes an article's guid, or a source that
    switches identity (guid to link or content hash), gives the same article another key.
    """

    feed_url = models.URLField(max_length=1000)
    key = models.CharField(max_length=255)
    url = models.URLField(max_length=1000, blank=True, default="")
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deleted item")
        verbose_name_plural = _("deleted items")
        constraints = [models.UniqueConstraint(fields=["feed_url", "key"], name="aggregator_tombstone_feed_key")]

    def __str__(self) -> str:
        return f"{self.feed_url} {self.key}"


class FetchStatus(models.TextChoices):
    OK = "ok", _("ok")
    NOT_MODIFIED = "not_modified", _("not modified (304)")
    ERROR = "error", _("error")
    BLOCKED = "blocked", _("blocked by a bot wall")


class FetchLog(models.Model):
    """One pass over one source."""

    wagtail_reference_index_ignore = True  # a log row is no "usage" of its source; indexing it cost 5 queries

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="fetch_logs")
    started_at = models.DateTimeField(_("started"), db_index=True)
    duration = models.DurationField(_("duration"))
    status = models.CharField(_("status"), max_length=16, choices=FetchStatus.choices)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    new = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    filtered = models.PositiveIntegerField(_("filtered out"), default=0)
    malformed = models.BooleanField(_("malformed"), default=False)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("fetch log")
        verbose_name_plural = _("fetch logs")

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"


class RuleTarget(models.TextChoices):
    NONE = "none", _("relevance only")
    PILLAR = "pillar", _("pillar")
    TOPIC = "topic", _("topic")
    COUNTRY = "country", _("country")


class KeywordRule(models.Model):
    """A word or phrase that makes an item more (or less) about ASEAN and points at a pillar/topic/country.

    A term written with Vietnamese marks matches only that spelling ("Lào" is not "lao động"); a term
    written in plain ASCII matches folded text too ("viet nam" matches "Việt Nam"). Longer terms win over
    shorter ones at the same place, so a zero-weight "Lào Cai" stops "Lào" counting there.
    """

    term = models.CharField(_("term"), max_length=200)
    language = models.CharField(_("language"), max_length=8, default="vi", choices=settings.LANGUAGES)
    weight = models.FloatField(_("weight"), default=1.0)
    target = models.CharField(_("target"), max_length=10, choices=RuleTarget.choices, default=RuleTarget.NONE)
    target_slug = models.CharField(
        _("target slug or code"), max_length=80, blank=True, help_text=_("Pillar/topic slug or country code.")
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("keyword rule")
        verbose_name_plural = _("keyword rules")
        constraints = [models.UniqueConstraint(fields=["term", "target", "target_slug"], name="aggregator_rule_unique")]

    def __str__(self) -> str:
        return self.term
