"""The shared content database's own records: newsrooms, attachments, the reuse ledger, API tokens and
saved searches. The shared items themselves are ``aggregator.Item`` rows: aggregated ones come from
feeds, contributed ones belong to the newsroom's own source (``Source.kind == "newsroom"``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aggregator.models import Item, ItemKind


class Newsroom(models.Model):
    """A newsroom that reuses and contributes (Báo Sóc Trăng, the radio-TV station)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    source = models.OneToOneField(
        "aggregator.Source",
        verbose_name=_("source of its contributions"),
        on_delete=models.PROTECT,
        related_name="newsroom",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("journalists"), blank=True, related_name="newsrooms"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("newsroom")
        verbose_name_plural = _("newsrooms")
        permissions = [
            ("access_shared", _("Can search and reuse the shared database")),
            ("contribute_shared", _("Can contribute items to the shared database")),
        ]

    def __str__(self) -> str:
        return self.name


class Attachment(models.Model):
    """A photo, video, audio file or link, or document that goes with a shared item."""

    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("link"), max_length=1000, blank=True)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.caption or self.get_kind_display()


class ReuseChannel(models.TextChoices):
    COLUMN = "column", _("ASEAN column")
    NEWSPAPER = "newspaper", _("newspaper")
    BROADCAST = "broadcast", _("radio-TV script")


class Reuse(models.Model):
    """One reuse of a shared item: the ledger behind the "used" filter and the monthly report."""

    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="reuses")
    channel = models.CharField(_("where"), max_length=10, choices=ReuseChannel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    newsroom = models.ForeignKey(
        Newsroom, verbose_name=_("newsroom"), null=True, blank=True, on_delete=models.SET_NULL, related_name="reuses"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("column article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("edition or programme"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # A column draft's reused parts as they were reused (part name -> SHA-256): edits to them are refused.
    fingerprints = models.JSONField(default=dict, blank=True, editable=False)
    not_before = models.DateTimeField(_("may be published from"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reuse")
        verbose_name_plural = _("reuse ledger")

    def __str__(self) -> str:
        return f"{self.item} → {self.get_channel_display()}"


class ApiToken(models.Model):
    """A newsroom system's key to the read-only API. Only a hash is stored; the key is shown once."""

    newsroom = models.ForeignKey(
        Newsroom, verbose_name=_("newsroom"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class SavedSearch(models.Model):
    """A journalist's search, with an RSS feed (secret token in its URL) and an optional daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="shared_searches"
    )
    name = models.CharField(_("name"), max_length=200)
    query = models.JSONField(_("search"), default=dict, help_text=_("The search box and filters, as in the URL."))
    feed_token = models.CharField(max_length=64, unique=True, editable=False)
    digest = models.BooleanField(_("daily e-mail digest"), default=False)
    digest_sent_at = models.DateTimeField(_("last digest"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name
