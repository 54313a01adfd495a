from datetime import UTC, datetime

import pytest

from aggregator.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # US style without a zone (ASP.NET sites): Vietnam time.
        ("9/14/2026 6:44:00 PM", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
        ("9/14/2026 12:05:00 AM", datetime(2026, 9, 13, 17, 5, tzinfo=UTC)),
        # Vietnamese day/month order without AM/PM.
        ("14/09/2026 18:44", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
        ("05/06/2026 08:00", datetime(2026, 6, 5, 1, 0, tzinfo=UTC)),
        # RFC 822 with and without a zone, two-digit years.
        ("Mon, 14 Sep 2026 18:44:00 +0700", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
        ("Mon, 14 Sep 2026 18:44:00 GMT", datetime(2026, 9, 14, 18, 44, tzinfo=UTC)),
        ("Mon, 14 Sep 2026 18:44:00", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
        ("14 Sep 26 18:44 +0700", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
        # ISO 8601.
        ("2026-09-14T18:44:00+07:00", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
        ("2026-09-14T11:44:00Z", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
        ("2026-09-14 18:44:00", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
        ("14/09/26 18:44 +07:00", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
        # As Vietnamese pages write it.
        ("Thứ Hai, 14/9/2026, 18:44 (GMT+7)", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
        ("Chủ nhật, 13/9/2026 - 07:05", datetime(2026, 9, 13, 0, 5, tzinfo=UTC)),
        ("14/09/2026 18h44", datetime(2026, 9, 14, 11, 44, tzinfo=UTC)),
    ],
)
def test_formats_of_the_vietnamese_press(text, expected):
    assert parse_date(text, "Asia/Ho_Chi_Minh") == expected


def test_zone_less_dates_use_the_source_zone():
    assert parse_date("2026-09-14 18:44:00", "Asia/Bangkok") == datetime(2026, 9, 14, 11, 44, tzinfo=UTC)
    assert parse_date("2026-09-14 18:44:00", "Europe/London") == datetime(2026, 9, 14, 17, 44, tzinfo=UTC)
    assert parse_date("2026-09-14 18:44:00", "Not/AZone") == datetime(2026, 9, 14, 11, 44, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", "   ", None, "hôm qua", "31/31/2026", "99:99"])
def test_unreadable_dates(text):
    assert parse_date(text, "Asia/Ho_Chi_Minh") is None
