"""Sample feeds for the demo sources, with dates relative to today so the demo always looks fresh.

A date is written ``@@D-1 09:30@@`` in the files: yesterday at 09:30 Vietnam time, RFC 822 (``@@ISO ...@@``
for Atom). The document only changes once a day, and the view answers conditional GETs with 304.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils import timezone

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_feeds"
_TOKEN = re.compile(r"@@(ISO )?D-(\d+) (\d{2}):(\d{2})@@")
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def render_sample(text: str, today=None) -> str:
    today = today or timezone.localtime(timezone.now(), VN).date()

    def replace(match: re.Match) -> str:
        day = today - timedelta(days=int(match.group(2)))
        when = datetime(day.year, day.month, day.day, int(match.group(3)), int(match.group(4)), tzinfo=VN)
        return when.isoformat() if match.group(1) else when.strftime("%a, %d %b %Y %H:%M:%S +0700")

    return _TOKEN.sub(replace, text)


def sample_feed(request, name: str):
    path = SAMPLE_DIR / f"{name}.xml"
    if not re.fullmatch(r"[a-z0-9-]+", name) or not path.is_file():
        raise Http404
    body = render_sample(path.read_text(encoding="utf-8")).encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    kind = "application/atom+xml" if b"<feed" in body[:300] else "application/rss+xml"
    return HttpResponse(body, content_type=f"{kind}; charset=utf-8", headers={"ETag": etag})
