"""API tokens of newsroom systems: issue, authenticate, revoke, and the per-token rate limit.

A key is shown once, when issued; only its SHA-256 is stored, so a leaked database leaks no usable key.
Keys carry a fixed prefix so that secret scanners (and people) recognise one pasted in the wrong place.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from shared.models import ApiToken, Newsroom

KEY_PREFIX = "asn_"
PREFIX_LENGTH = 12  # what the admin shows of a key: "asn_" and 8 random characters
LAST_USED_PRECISION = timedelta(minutes=1)
RATE_PERIODS = {"s": 1, "sec": 1, "second": 1, "min": 60, "minute": 60, "h": 3600, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str  # the secret itself: show it once, never store it


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(newsroom: Newsroom, name: str, created_by=None) -> IssuedToken:
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        newsroom=newsroom, name=name, prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key), created_by=created_by
    )
    return IssuedToken(token=token, key=key)


def revoke(token: ApiToken, now: datetime | None = None) -> None:
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])


def key_from_header(header: str) -> str | None:
    """The key of an ``Authorization: Bearer <key>`` header (the scheme is case-insensitive, RFC 7235)."""
    scheme, _, key = header.strip().partition(" ")
    key = key.strip()
    return key if scheme.lower() == "bearer" and key else None


def authenticate(key: str, now: datetime | None = None) -> ApiToken | None:
    """The live token of ``key``, or None for an unknown or revoked key."""
    if not key.startswith(KEY_PREFIX):
        return None
    key_hash = hash_key(key)
    token = ApiToken.objects.select_related("newsroom").filter(key_hash=key_hash, revoked_at__isnull=True).first()
    # The lookup is by hash, which leaks nothing about the key through timing; comparing again in constant
    # time keeps that true whatever the database's index does with the value.
    if token is None or not hmac.compare_digest(token.key_hash, key_hash):
        return None
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        # At most one write a minute per token, not one per request.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


# --- Rate limit -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int

    @classmethod
    def parse(cls, value: str) -> Rate:
        """``"120/min"``, ``"10/s"``, ``"5000/day"`` or ``"100/15min"``."""
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([a-z]+)\s*", value.lower())
        if not match or match[3] not in RATE_PERIODS:
            raise ValueError(f"Not a rate: {value!r} (e.g. 120/min)")
        return cls(requests=int(match[1]), seconds=int(match[2] or 1) * RATE_PERIODS[match[3]])


def clock() -> float:
    return time.time()


def throttle(token: ApiToken, rate: Rate | None = None) -> int:
    """0 while ``token`` is within its rate, else how many seconds until its next window opens.

    A fixed-window counter in the shared cache: ``add`` then ``incr`` are atomic in Redis (and in the
    local-memory cache), so concurrent requests from several processes are all counted.
    """
    rate = rate or Rate.parse(settings.SHARED_API_RATE)
    now = clock()
    window = int(now // rate.seconds)
    key = f"shared-api:rate:{token.pk}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this request opens the count again
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.requests:
        return 0
    return max(1, math.ceil((window + 1) * rate.seconds - now))
