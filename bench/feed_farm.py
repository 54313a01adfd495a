"""A loopback farm of synthetic RSS 2.0 feeds for the aggregator benchmark (bench/aggregator_bench.py).

    .venv/bin/python bench/feed_farm.py --feeds 200 --items 50 --serve 60   # serve for 60 s, print the URL

Every feed is generated deterministically (``random.Random`` seeded with the feed number) from the word
lists below: original Vietnamese news-style text with diacritics, ``--items`` entries per feed, each with
guid, link, title, pubDate, author and an HTML description of several paragraphs, about 125 KB a feed with
the defaults. Dates are fixed (relative to ``ANCHOR``), so a feed's bytes, ETag and Last-Modified never
change from one pass to the next.

The server (``FeedFarm``) is a ``ThreadingHTTPServer`` on 127.0.0.1, random free port. It serves
``/feeds/NNN.xml`` with ``ETag`` and ``Last-Modified``, answers ``If-None-Match`` / ``If-Modified-Since``
with 304 like a real CMS behind a cache, gzips when asked (pre-compressed once), and counts requests,
304s and bytes sent. ``write_opml`` lists the feeds for ``manage.py import_opml``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import random
import threading
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape, quoteattr

HOST = "127.0.0.1"
ANCHOR = datetime(2026, 11, 25, 5, 0, tzinfo=UTC)  # newest item of feed 0; every date is fixed from here
DASH = "\u2013"  # the en dash of Vietnamese headlines
ITEM_SPACING = timedelta(minutes=55)  # ~50 items cover two days, like a busy section feed

# --- Word lists (original text written for this benchmark) ------------------------------------------

OUTLETS = [
    "Thời báo Mekong",
    "Tin Nhanh Đông Nam Á",
    "Báo Hội Nhập",
    "Nhịp Sống Khu Vực",
    "Diễn Đàn Kinh Tế Biển",
    "Cổng Tin Đồng Bằng",
    "Báo Sông Hồng",
    "Tạp Chí Láng Giềng",
    "Bản Tin Cửa Khẩu",
    "Thông Tấn Duyên Hải",
]
SECTIONS = [
    "Thời sự",
    "Kinh tế",
    "Thế giới",
    "Văn hóa",
    "Du lịch",
    "Giáo dục",
    "Môi trường",
    "Nông nghiệp",
    "Công nghệ",
    "Thể thao",
    "Pháp luật",
    "Sức khỏe",
    "Giao thông",
    "Năng lượng",
    "Đầu tư",
    "Lao động",
    "Biển đảo",
    "Xã hội",
    "Khoa học",
    "Đối ngoại",
]
# Titles: "<organisation> <province> <verb> <object> với/tại <partner> [<detail>]", ~24 x 34 x 30 x 40 x 20
# combinations, so two unrelated items rarely look alike; cross-outlet stories are added on purpose
# (``STORY_SHARE``, see ``_story_title``).
ORGS = [
    "Sở Công Thương",
    "Sở Nông nghiệp",
    "Hiệp hội doanh nghiệp",
    "Hợp tác xã",
    "Ủy ban nhân dân",
    "Trường đại học",
    "Bệnh viện đa khoa",
    "Cảng vụ",
    "Công ty điện lực",
    "Ban quản lý khu công nghiệp",
    "Hội nông dân",
    "Đoàn thanh niên",
    "Cục hải quan",
    "Trung tâm xúc tiến thương mại",
    "Quỹ tín dụng",
    "Liên đoàn lao động",
    "Câu lạc bộ doanh nhân",
    "Sở Du lịch",
    "Bộ đội biên phòng",
    "Viện nghiên cứu",
    "Tổng công ty vận tải",
    "Ngân hàng chính sách",
    "Trung tâm y tế",
    "Nhà hát",
]
PLACES = [
    "Cần Thơ",
    "An Giang",
    "Đồng Tháp",
    "Kiên Giang",
    "Cà Mau",
    "Bạc Liêu",
    "Sóc Trăng",
    "Trà Vinh",
    "Bến Tre",
    "Tiền Giang",
    "Long An",
    "Tây Ninh",
    "Bình Phước",
    "Đắk Nông",
    "Đắk Lắk",
    "Gia Lai",
    "Kon Tum",
    "Quảng Nam",
    "Đà Nẵng",
    "Huế",
    "Quảng Trị",
    "Quảng Bình",
    "Hà Tĩnh",
    "Nghệ An",
    "Thanh Hóa",
    "Sơn La",
    "Điện Biên",
    "Lai Châu",
    "Lào Cai",
    "Hà Giang",
    "Cao Bằng",
    "Lạng Sơn",
    "Quảng Ninh",
    "Hải Phòng",
]
VERBS = [
    "ký kết",
    "thúc đẩy",
    "mở rộng",
    "bàn về",
    "khởi động",
    "công bố",
    "hoàn thành",
    "triển khai",
    "đẩy mạnh",
    "tăng cường",
    "xem xét",
    "chuẩn bị",
    "giới thiệu",
    "hỗ trợ",
    "đầu tư vào",
    "kiểm tra",
    "nâng cấp",
    "thí điểm",
    "đánh giá",
    "tổng kết",
    "phát động",
    "kêu gọi vốn cho",
    "cam kết duy trì",
    "đề xuất",
    "thảo luận",
    "ra mắt",
    "tài trợ",
    "ưu tiên",
    "rà soát",
    "cải thiện",
]
OBJECTS = [
    "hợp đồng xuất khẩu gạo",
    "tuyến xe buýt liên tỉnh",
    "dự án điện gió ngoài khơi",
    "chương trình học bổng",
    "kho lạnh nông sản",
    "chợ biên giới",
    "mô hình nuôi tôm sinh thái",
    "lễ hội trái cây",
    "cảng cạn",
    "trung tâm dữ liệu",
    "nhà máy chế biến cà phê",
    "tuyến du lịch đường sông",
    "hệ thống cảnh báo lũ",
    "vùng trồng sầu riêng",
    "khu công nghiệp sinh thái",
    "đường cao tốc",
    "phòng khám lưu động",
    "sàn giao dịch nông sản",
    "chương trình đào tạo nghề",
    "giải chạy marathon",
    "bảo tàng ngoài trời",
    "kế hoạch chống sạt lở",
    "quỹ hỗ trợ khởi nghiệp",
    "trạm sạc xe điện",
    "trang trại điện mặt trời",
    "hợp tác xã thanh long",
    "tuyến phà",
    "làng nghề gốm",
    "hội chợ hàng Việt",
    "cửa hàng miễn thuế",
    "đội tàu cá xa bờ",
    "ngân hàng lúa giống",
    "khu bảo tồn rùa biển",
    "nhà máy nước sạch",
    "đề án chuyển đổi số",
    "giải bóng đá thiếu niên",
    "tuần văn hóa ẩm thực",
    "chuỗi siêu thị nông thôn",
    "mạng lưới y tế cơ sở",
    "trung tâm logistics",
]

PARTNERS = [
    "Lào",
    "Campuchia",
    "Thái Lan",
    "Myanmar",
    "Malaysia",
    "Singapore",
    "Indonesia",
    "Philippines",
    "Brunei",
    "Timor-Leste",
    "các nước ASEAN",
    "Ban Thư ký ASEAN",
    "vùng Nam Lào",
    "tỉnh Siem Reap",
    "bang Sabah",
    "đảo Bali",
    "thủ đô Viêng Chăn",
    "thành phố Yangon",
    "vịnh Thái Lan",
    "hành lang kinh tế Đông " + DASH + " Tây",
]
TOPICS = [
    "trong năm {year}",
    "về sầu riêng xuất khẩu",
    "cho mùa khô sắp tới",
    "với vốn {money} tỷ đồng",
    "sau {n} tháng chuẩn bị",
    "nhân dịp kỷ niệm {n} năm",
    "trước thềm hội nghị cấp cao",
    "trong lĩnh vực năng lượng tái tạo",
    "về an ninh lương thực",
    "nhằm giảm chi phí vận tải {pct}%",
    "cho {n} nghìn lao động",
    "về cà phê đặc sản",
    "trong khuôn khổ RCEP",
    "về xe điện và pin",
    "cho các hộ nuôi tôm",
    "về du lịch đường sông",
    "trong chuyển đổi số",
    "về quản lý nguồn nước",
]
SENTENCE_OPENERS = [
    "Theo đại diện ban tổ chức,",
    "Phát biểu tại buổi làm việc,",
    "Trao đổi với phóng viên,",
    "Trong báo cáo công bố sáng nay,",
    "Ông Nguyễn Văn Hùng, phó giám đốc, cho biết",
    "Bà Trần Thị Mai, chuyên gia kinh tế, nhận định",
    "Theo số liệu mới nhất,",
    "Các chuyên gia cho rằng",
    "Người dân địa phương phấn khởi cho biết",
    "Lãnh đạo tỉnh khẳng định",
    "Từ đầu năm đến nay,",
    "Đáng chú ý,",
    "Bên lề sự kiện,",
    "Cũng tại hội nghị,",
]
SENTENCE_BODIES = [
    "kim ngạch thương mại hai chiều đã tăng {pct}% so với cùng kỳ",
    "dự án sẽ tạo việc làm ổn định cho khoảng {n} nghìn người",
    "giá lúa tại ruộng dao động quanh mức {money} nghìn đồng mỗi ký",
    "các bên thống nhất đơn giản hóa thủ tục thông quan tại cửa khẩu",
    "lượng khách quốc tế đến vùng đồng bằng tăng mạnh trong quý vừa qua",
    "mô hình tưới tiết kiệm giúp nông dân giảm chi phí và tăng năng suất",
    "hợp tác đào tạo nguồn nhân lực chất lượng cao là ưu tiên hàng đầu",
    "nhiều doanh nghiệp nhỏ đã đưa sản phẩm lên sàn thương mại điện tử khu vực",
    "tình trạng xâm nhập mặn được dự báo sẽ đến sớm hơn mọi năm",
    "tuyến đường sắt liên vận dự kiến rút ngắn thời gian chở hàng xuống còn {n} giờ",
    "chương trình trao đổi sinh viên sẽ mở rộng thêm {n} trường đại học",
    "các hãng tàu đã điều chỉnh lịch trình để giảm ùn tắc tại cảng",
    "nguồn vốn ưu đãi sẽ được giải ngân theo từng giai đoạn đến năm {year}",
    "sản lượng điện mặt trời mái nhà tiếp tục tăng ở các tỉnh miền Trung",
    "người tiêu dùng ngày càng chuộng nông sản có truy xuất nguồn gốc",
    "lễ hội ẩm thực đường phố thu hút hàng chục nghìn lượt khách mỗi tối",
    "việc chia sẻ dữ liệu thủy văn giúp cảnh báo lũ sớm hơn cho người dân hạ lưu",
    "các chuyên gia khuyến nghị đầu tư mạnh hơn vào kho lạnh và logistics",
    "đội tuyển trẻ đã có buổi tập đầu tiên trên sân vận động mới",
    "bệnh viện tuyến tỉnh tiếp nhận thêm trang thiết bị chẩn đoán hình ảnh",
    "lực lượng chức năng đã cứu hộ thành công tàu cá cùng {n} thuyền viên",
    "giá vé máy bay chặng ngắn giảm nhờ cạnh tranh giữa các hãng",
    "hồ sơ di sản sẽ được hoàn thiện và trình lên tổ chức quốc tế vào năm {year}",
    "mức tăng trưởng tín dụng xanh đạt {pct}% trong chín tháng",
]
SENTENCE_TAILS = [
    ".",
    ", góp phần nâng cao đời sống người dân.",
    ", mở ra nhiều cơ hội cho doanh nghiệp trong nước.",
    ", theo kế hoạch đã được phê duyệt.",
    " trong bối cảnh kinh tế khu vực còn nhiều biến động.",
    ", đồng thời tăng cường kết nối giữa các địa phương.",
    ", bất chấp thời tiết không thuận lợi.",
    " và sẽ được đánh giá lại vào cuối năm.",
]
AUTHORS = ["Minh Anh", "Quốc Bảo", "Thu Hà", "Đức Thắng", "Phương Linh", "Hoàng Nam", "Ngọc Trâm", "Văn Lộc"]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        year=rng.choice([2025, 2026, 2027, 2030]),
        money=rng.randint(2, 950),
        n=rng.randint(2, 60),
        pct=rng.randint(3, 48),
    )


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "-".join("".join(c for c in ascii_text if c.isascii()).lower().split())


def _title(rng: random.Random) -> str:
    partner = f"{rng.choice(['với', 'tại'])} {rng.choice(PARTNERS)}"
    title = f"{rng.choice(ORGS)} {rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {partner}"
    return title if rng.random() < 0.5 else f"{title} {_fill(rng, rng.choice(TOPICS))}"


STORY_SHARE = 0.12  # items that retell a story other outlets carry too (same 6-hour window)
STORIES_PER_WINDOW = 20
STORY_PREFIXES = ["", "", "[Video] ", "Ảnh: ", "Infographic: "]


def _story_title(published: datetime, rng: random.Random) -> str:
    """One of the window's shared stories, as another outlet words it (prefix, detail kept or not)."""
    window = int(published.timestamp() // (6 * 3600))
    story = random.Random(f"story-{window}-{rng.randrange(STORIES_PER_WINDOW)}")
    title = _title(story)
    if rng.random() < 0.3 and " trong " not in title:
        title = f"{title} trong tuần này"
    return rng.choice(STORY_PREFIXES) + title


def _sentence(rng: random.Random) -> str:
    body = _fill(rng, rng.choice(SENTENCE_BODIES))
    return f"{rng.choice(SENTENCE_OPENERS)} {body}{rng.choice(SENTENCE_TAILS)}"


def _paragraphs(rng: random.Random, target_chars: int) -> str:
    parts, size = [], 0
    while size < target_chars:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 5)))
        paragraph = paragraph[0].upper() + paragraph[1:]
        parts.append(f"<p>{escape(paragraph)}</p>")
        size += len(parts[-1].encode()) + 1
    return "\n".join(parts)


# --- Feeds ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    number: int
    title: str
    path: str
    body: bytes
    gzipped: bytes
    etag: str
    last_modified: str
    items: int


def feed_path(number: int) -> str:
    return f"/feeds/{number:03d}.xml"


def make_feed(number: int, items: int = 50, target_bytes: int = 125_000, base_url: str = "http://127.0.0.1") -> Feed:
    """Feed ``number``: same arguments, same bytes."""
    rng = random.Random(f"asean-feed-farm-{number}")
    outlet = OUTLETS[number % len(OUTLETS)]
    section = SECTIONS[(number // len(OUTLETS)) % len(SECTIONS)]
    title = f"{outlet} {DASH} {section}" + (f" ({number // 200 + 1})" if number >= 200 else "")
    site = f"https://tin-{number % len(OUTLETS)}.example.vn"
    per_item = max(300, (target_bytes - 600) // max(items, 1) - 880)  # description bytes (escaping, envelope)
    newest = ANCHOR - timedelta(minutes=7 * (number % 60))
    entries = []
    for index in range(items):
        published = newest - index * ITEM_SPACING - timedelta(minutes=rng.randint(0, 20))
        item_title = _story_title(published, rng) if rng.random() < STORY_SHARE else _title(rng)
        slug = f"{number:03d}-{index:03d}-{hashlib.sha1(item_title.encode()).hexdigest()[:10]}"
        link = f"{site}/{_slug(section)}/{slug}.html"
        description = _paragraphs(rng, per_item)
        entries.append(
            "    <item>\n"
            f"      <title>{escape(item_title)}</title>\n"
            f"      <link>{escape(link)}</link>\n"
            f'      <guid isPermaLink="false">farm-{number:03d}-{index:04d}</guid>\n'
            f"      <pubDate>{format_datetime(published)}</pubDate>\n"
            f"      <author>toasoan@example.vn ({rng.choice(AUTHORS)})</author>\n"
            f"      <category>{escape(section)}</category>\n"
            f"      <description>{escape(description)}</description>\n"
            "    </item>\n"
        )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0">\n  <channel>\n'
        f"    <title>{escape(title)}</title>\n"
        f"    <link>{escape(site)}/</link>\n"
        f"    <description>{escape(section)} {DASH} tin tức do {escape(outlet)} tổng hợp</description>\n"
        "    <language>vi</language>\n"
        f"    <lastBuildDate>{format_datetime(newest)}</lastBuildDate>\n" + "".join(entries) + "  </channel>\n</rss>\n"
    )
    body = document.encode("utf-8")
    return Feed(
        number=number,
        title=title,
        path=feed_path(number),
        body=body,
        gzipped=gzip.compress(body, compresslevel=6, mtime=0),
        etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        last_modified=format_datetime(newest, usegmt=True),
        items=items,
    )


def make_feeds(count: int = 200, items: int = 50, target_bytes: int = 125_000) -> list[Feed]:
    return [make_feed(number, items, target_bytes) for number in range(count)]


# --- Server -----------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server_version = "FeedFarm/1.0"
    protocol_version = "HTTP/1.1"  # keep-alive, like a real server: clients reuse their pooled connections
    # TCP_NODELAY, as web servers set on keep-alive connections: with Nagle's algorithm the body, written
    # after the headers, waited for the client's delayed ACK of them, 40 ms on every reused connection.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        farm: FeedFarm = self.server.farm  # type: ignore[attr-defined]
        feed = farm.by_path.get(self.path.split("?", 1)[0])
        if feed is None:
            self._send(404, b"not found", {"Content-Type": "text/plain"})
            return
        headers = {
            "Content-Type": "application/rss+xml; charset=utf-8",
            "ETag": feed.etag,
            "Last-Modified": feed.last_modified,
            "Cache-Control": "max-age=60",
        }
        if self._not_modified(feed):
            farm.count(not_modified=True)
            self._send(304, b"", headers)
            return
        body = feed.body
        if "gzip" in self.headers.get("Accept-Encoding", "").lower():
            body = feed.gzipped
            headers["Content-Encoding"] = "gzip"
        headers["Vary"] = "Accept-Encoding"
        farm.count(sent=len(body))
        self._send(200, body, headers)

    def _not_modified(self, feed: Feed) -> bool:
        wanted = self.headers.get("If-None-Match")
        if wanted is not None:
            tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
            return feed.etag in tags or "*" in tags
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return parsedate_to_datetime(since) >= parsedate_to_datetime(feed.last_modified)
            except (TypeError, ValueError):
                return False
        return False

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


class FeedFarm:
    """Serves ``feeds`` on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self, feeds: list[Feed], port: int = 0):
        self.feeds = feeds
        self.by_path = {feed.path: feed for feed in feeds}
        self._lock = threading.Lock()
        self.stats = {"requests": 0, "not_modified": 0, "bytes_sent": 0}
        self.server = _Server((HOST, port), _Handler)
        self.server.farm = self  # type: ignore[attr-defined]
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="feed-farm", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def urls(self) -> list[str]:
        return [self.base_url + feed.path for feed in self.feeds]

    def count(self, *, not_modified: bool = False, sent: int = 0) -> None:
        with self._lock:
            self.stats["requests"] += 1
            self.stats["not_modified"] += int(not_modified)
            self.stats["bytes_sent"] += sent

    def reset_stats(self) -> dict:
        with self._lock:
            stats, self.stats = self.stats, {"requests": 0, "not_modified": 0, "bytes_sent": 0}
        return stats

    def __enter__(self) -> FeedFarm:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def write_opml(farm: FeedFarm, path) -> None:
    outlines = "\n".join(
        f'      <outline type="rss" text={quoteattr(feed.title)} title={quoteattr(feed.title)} '
        f'xmlUrl={quoteattr(farm.base_url + feed.path)} htmlUrl="https://tin-{feed.number % len(OUTLETS)}.example.vn/" '
        'language="vi"/>'
        for feed in farm.feeds
    )
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head><title>Feed farm</title></head>\n'
        f'  <body>\n    <outline text="Feed farm">\n{outlines}\n    </outline>\n  </body>\n</opml>\n'
    )
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate and serve the synthetic feed farm on 127.0.0.1.")
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--bytes", type=int, default=125_000, help="target size of one feed (default 125000)")
    parser.add_argument("--opml", help="write the OPML file here")
    parser.add_argument("--serve", type=float, default=0, help="serve for this many seconds (0: only generate)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    feeds = make_feeds(args.feeds, args.items, args.bytes)
    sizes = [len(feed.body) for feed in feeds]
    print(
        f"{len(feeds)} feeds x {args.items} items in {time.perf_counter() - started:.1f} s; "
        f"{min(sizes)}-{max(sizes)} bytes (mean {sum(sizes) / len(sizes):.0f}), "
        f"gzip mean {sum(len(f.gzipped) for f in feeds) / len(feeds):.0f}"
    )
    with FeedFarm(feeds) as farm:
        if args.opml:
            write_opml(farm, args.opml)
        print(f"serving {farm.base_url}/feeds/000.xml …")
        time.sleep(args.serve)
        print(f"stats: {farm.stats}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
