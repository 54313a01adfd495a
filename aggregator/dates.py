"""Dates as the Vietnamese press writes them, to aware UTC.

Feeds write RFC 822 dates, ISO 8601, and US-style dates without a zone ("9/14/2026 6:44:00 PM", from
ASP.NET sites). A date without a zone is in the source's zone (Asia/Ho_Chi_Minh by default).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from datetime import timezone as fixed_zone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_NUMERIC = re.compile(
    r"^\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4})"
    r"(?:(?:[ T]+|\s*[,|-]\s*)(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
    r"\s*(?:(Z|GMT|UTC|[+-]\d{2}:?\d{2}))?\s*$"
)
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")
# "Thứ Hai, 14/9/2026, 18:44 (GMT+7)": the weekday goes, "(GMT+7)" becomes "+07:00".
_WEEKDAY = re.compile(r"^\s*(?:thứ\s+\w+|chủ\s+nhật|t[2-7]|cn)\s*[,-]?\s*", re.IGNORECASE)
_GMT_OFFSET = re.compile(r"\(?\s*(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*\)?", re.IGNORECASE)


def _tidy(value: str) -> str:
    value = _WEEKDAY.sub("", value)
    return _GMT_OFFSET.sub(lambda m: f" {m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}", value).strip()


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "Asia/Ho_Chi_Minh")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Ho_Chi_Minh")


def _year(value: int) -> int:
    if value < 100:
        return 2000 + value if value < 70 else 1900 + value
    return value


def _tz_from(token: str | None):
    if not token:
        return None
    if token.upper() in ("Z", "GMT", "UTC"):
        return UTC
    match = _OFFSET.fullmatch(token)
    sign = -1 if match.group(1) == "-" else 1
    return fixed_zone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))


def _numeric(value: str) -> datetime | None:
    match = _NUMERIC.match(value)
    if not match:
        return None
    a, b, c, hour, minute, second, ampm, tz = match.groups()
    hour_i, minute_i, second_i = int(hour or 0), int(minute or 0), int(second or 0)
    if ampm:
        hour_i = hour_i % 12 + (12 if ampm.lower() == "pm" else 0)
    if len(a) == 4:  # 2026-09-14
        candidates = [(int(a), int(b), int(c))]
    elif ampm:  # US style first: month/day/year
        candidates = [(_year(int(c)), int(a), int(b)), (_year(int(c)), int(b), int(a))]
    else:  # Vietnamese style first: day/month/year
        candidates = [(_year(int(c)), int(b), int(a)), (_year(int(c)), int(a), int(b))]
    for year, month, day in candidates:
        try:
            return datetime(year, month, day, hour_i, minute_i, second_i, tzinfo=_tz_from(tz))
        except ValueError:
            continue
    return None


def parse_date(value: str | None, default_zone: str | None = None) -> datetime | None:
    """Aware UTC datetime from a feed's date text, or None when it cannot be read."""
    if not value or not value.strip():
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = parsedate_to_datetime(value)
        # email.utils reads "-0000" (and a missing zone) as naive: no zone given.
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            parsed = _numeric(_tidy(value))
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone(default_zone))
    return parsed.astimezone(UTC)
