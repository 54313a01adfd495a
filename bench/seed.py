"""Fills a database with N original Vietnamese articles under the portal's ASEAN column, fast.

    .venv/bin/python bench/seed.py [--count 10000] [--images 12] [--random-seed 2045]

The first few articles go through Wagtail's normal API (add_child, save_revision, publish), so the
column holds real editorial pages; the rest are bulk-inserted as real Wagtail pages: treebeard
``path``/``depth`` computed with ``MP_Node._get_path``, the column's ``numchild`` fixed, ``url_path``,
``live``, ``first/last_published_at``, the folded ``search_text`` the model's ``save()`` would compute,
and the topic/country links written straight into the through tables. Bulk pages have no revisions
and are not in Wagtail's search index (the column's own search reads ``search_text``, not that
index). ``--verify`` (on by default) fetches the column and some articles through Django and checks
the tree with treebeard's ``find_problems()``.

Uses DJANGO_SETTINGS_MODULE (default ``bench.settings``); bench/run.py sets up its environment.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

# --- Word lists (original) --------------------------------------------------------------------------

SUBJECTS = [
    "Sóc Trăng",
    "Tỉnh Sóc Trăng",
    "Doanh nghiệp Sóc Trăng",
    "Nông dân Vĩnh Châu",
    "Thanh niên tỉnh",
    "Sở Công Thương",
    "Sở Ngoại vụ",
    "Các hợp tác xã",
    "Trường Đại học Cần Thơ",
    "Ngành du lịch Sóc Trăng",
    "Đồng bào Khmer Sóc Trăng",
    "Ủy ban nhân dân tỉnh",
    "Hiệp hội Doanh nghiệp tỉnh",
    "Ngư dân Trần Đề",
]
ACTIONS = [
    "đẩy mạnh hợp tác với",
    "ký kết biên bản ghi nhớ với",
    "xúc tiến thương mại tại",
    "đón đoàn công tác đến từ",
    "mở rộng xuất khẩu gạo ST25 sang",
    "tham gia hội chợ quốc tế tại",
    "chia sẻ kinh nghiệm chuyển đổi số với",
    "tăng cường giao lưu văn hóa với",
    "kết nối đầu tư với đối tác",
    "đào tạo nguồn nhân lực cùng",
    "thúc đẩy du lịch cộng đồng với",
    "học hỏi mô hình kinh tế xanh của",
]
# (code, name) of the countries a title may name; codes match cms.bootstrap.taxonomy.COUNTRIES.
PARTNERS = [
    ("kh", "Campuchia"),
    ("la", "Lào"),
    ("th", "Thái Lan"),
    ("my", "Malaysia"),
    ("sg", "Singapore"),
    ("id", "Indonesia"),
    ("ph", "Philippines"),
    ("mm", "Myanmar"),
    ("bn", "Brunei"),
    ("tl", "Timor-Leste"),
]
TAILS = [
    "trong giai đoạn mới",
    "hướng tới Cộng đồng ASEAN 2045",
    "nhân dịp kỷ niệm ngày thành lập ASEAN",
    "trong khuôn khổ Hiệp định RCEP",
    "để phát triển bền vững vùng ven biển",
    "sau đại dịch",
    "năm {year}",
    "quý {quarter} năm {year}",
]
ORGS = [
    "Sở Kế hoạch và Đầu tư",
    "Trung tâm Xúc tiến Thương mại",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Hiệp hội Doanh nghiệp tỉnh",
    "Ban Thư ký ASEAN",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Tài nguyên và Môi trường",
]
PRODUCTS = [
    "gạo ST25",
    "bánh pía",
    "tôm sú",
    "hành tím Vĩnh Châu",
    "bưởi năm roi",
    "lạp xưởng",
    "cá tra phi lê",
    "mắm cá lóc",
    "kẹo mè",
]
BENEFICIARIES = [
    "doanh nghiệp nhỏ và vừa",
    "người lao động",
    "nông dân vùng ven biển",
    "học sinh, sinh viên",
    "các hợp tác xã",
    "đồng bào dân tộc thiểu số",
    "phụ nữ khởi nghiệp",
]
PLANS = [
    "cải thiện môi trường đầu tư",
    "hỗ trợ doanh nghiệp tiếp cận thị trường khu vực",
    "nâng cao chất lượng nguồn nhân lực",
    "phát triển du lịch cộng đồng gắn với văn hóa Khmer",
    "ứng dụng công nghệ số trong quản lý nhà nước",
    "xây dựng thương hiệu nông sản chủ lực",
    "bảo vệ rừng ngập mặn và thích ứng biến đổi khí hậu",
]
PERIODS = ["chín tháng đầu năm", "quý I", "sáu tháng đầu năm", "năm qua", "tháng vừa qua"]
SENTENCES = [
    "Theo {org}, hội nhập ASEAN đang mở ra nhiều cơ hội mới cho {beneficiary} của tỉnh.",
    "Trong {period}, kim ngạch xuất khẩu {product} sang {country} đạt {amount} triệu USD, tăng {pct}% so với cùng kỳ.",
    "Đại diện {org} cho biết thời gian tới tỉnh sẽ tiếp tục {plan}.",
    "Hội thảo thu hút hơn {people} đại biểu đến từ {states} quốc gia thành viên ASEAN.",
    "Các sản phẩm đặc trưng như {product} được giới thiệu rộng rãi tới bạn bè {country}.",
    "Nhiều ý kiến đề nghị cần {plan} để tận dụng ưu đãi thuế quan của các hiệp định thương mại tự do.",
    "Chương trình đã hỗ trợ {people} {beneficiary} tham gia các khóa tập huấn về thị trường {country}.",
    "Lãnh đạo tỉnh đánh giá cao sự phối hợp của {org} trong việc {plan}.",
    "Đến nay, tỉnh đã có {states} dự án đầu tư từ các nước ASEAN với tổng vốn đăng ký khoảng {amount} triệu USD.",
    "Ý kiến bạn đọc xin gửi về Chuyên mục ASEAN của Cổng thông tin điện tử tỉnh.",
]
OUTLETS = ["Báo Sóc Trăng", "Đài Phát thanh và Truyền hình Sóc Trăng", "Báo Nhân Dân", "Thông tấn xã Việt Nam"]
IMAGE_LABELS = [
    "Cánh đồng lúa ST25",
    "Chùa Dơi",
    "Lễ hội Oóc Om Bóc",
    "Cảng Trần Đề",
    "Chợ nổi Ngã Năm",
    "Rừng ngập mặn Cù Lao Dung",
    "Ruộng hành tím",
    "Nhà máy điện gió",
]


@dataclass
class SeedResult:
    created: int
    api_created: int
    bulk_created: int
    images: int
    seconds: float
    column_path: str
    sample_urls: list[str]

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _fill(template: str, rng: random.Random, country: str) -> str:
    return template.format(
        org=rng.choice(ORGS),
        beneficiary=rng.choice(BENEFICIARIES),
        period=rng.choice(PERIODS),
        product=rng.choice(PRODUCTS),
        country=country,
        amount=rng.randint(2, 480),
        pct=rng.randint(3, 65),
        plan=rng.choice(PLANS),
        people=rng.randint(40, 900),
        states=rng.randint(2, 10),
    )


def make_article(rng: random.Random, index: int, now) -> dict:
    """The content of one article: Vietnamese title, lead, body paragraphs, classification."""
    code, country = rng.choice(PARTNERS)
    date = now - timedelta(minutes=37 * index + rng.randint(0, 30))
    tail = rng.choice(TAILS).format(year=date.year, quarter=["I", "II", "III", "IV"][(date.month - 1) // 3])
    title = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {country} {tail}"
    lead = " ".join(_fill(rng.choice(SENTENCES), rng, country) for _ in range(2))
    paragraphs = [
        " ".join(_fill(rng.choice(SENTENCES), rng, country) for _ in range(rng.randint(3, 6)))
        for _ in range(rng.randint(4, 7))
    ]
    countries = {code} | {rng.choice(PARTNERS)[0] for _ in range(rng.randint(0, 2))}
    if rng.random() < 0.5:
        countries.add("vn")
    return {
        "title": title,
        "lead": lead,
        "paragraphs": paragraphs,
        "date": date,
        "countries": countries,
        "topic_count": rng.randint(1, 3),
        "outlet": rng.choice(OUTLETS) if rng.random() < 0.3 else "",
    }


def _body_html(paragraphs: list[str]) -> str:
    from django.utils.html import escape

    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def make_images(count: int, rng: random.Random) -> list:
    """``count`` small JPEG images (coloured bands with a label), created through Wagtail's image model."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images import get_image_model

    Image = get_image_model()
    images = []
    for number in range(count):
        title = f"{IMAGE_LABELS[number % len(IMAGE_LABELS)]} ({number + 1})"
        existing = Image.objects.filter(title=title).first()
        if existing is not None:
            images.append(existing)
            continue
        picture = PILImage.new("RGB", (1600, 900), (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)))
        draw = ImageDraw.Draw(picture)
        for band in range(0, 900, 60):
            draw.rectangle([0, band, 1600, band + 30], fill=(rng.randint(0, 255), rng.randint(0, 255), 120))
        draw.text((40, 40), title, fill=(255, 255, 255))
        data = BytesIO()
        picture.save(data, "JPEG", quality=80)
        images.append(Image.objects.create(title=title, file=ImageFile(data, name=f"bench-{number + 1}.jpg")))
    return images


def _slug(title: str, index: int) -> str:
    from django.utils.text import slugify

    from cms.text import fold

    return f"{slugify(fold(title))[:70].rstrip('-')}-{index}"


def _search_text(page) -> str:
    # The same expression as AseanArticlePage.save(): bulk inserts do not call save().
    from cms.text import fold

    return fold(" ".join([page.title, page.lead, page.body_text(), page.source_outlet]))


def seed(count: int = 10_000, images: int = 12, api_count: int = 3, random_seed: int = 2045) -> SeedResult:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from cms.bootstrap.portal import ensure_portal, publish
    from cms.bootstrap.taxonomy import ensure_taxonomy
    from cms.cache import bump_content_version
    from cms.models import AseanArticlePage, Country, Pillar, Topic

    started = time.perf_counter()
    rng = random.Random(random_seed)
    ensure_taxonomy()
    column = ensure_portal().column_vi
    pillars = list(Pillar.objects.values_list("pk", flat=True))
    topics = list(Topic.objects.values_list("pk", flat=True))
    country_ids = dict(Country.objects.values_list("code", "pk"))
    image_ids = [image.pk for image in make_images(images, rng)]
    vi = Locale.objects.get(language_code="vi")
    now = timezone.now()
    existing = column.get_children().count()
    api_count = min(api_count, count)

    def build(index: int) -> tuple[AseanArticlePage, dict]:
        spec = make_article(rng, existing + index, now)
        page = AseanArticlePage(
            title=spec["title"],
            slug=_slug(spec["title"], existing + index + 1),
            lead=spec["lead"],
            body=[("paragraph", _body_html(spec["paragraphs"]))],
            date=spec["date"],
            pillar_id=rng.choice(pillars),
            featured_image_id=image_ids[index % len(image_ids)] if image_ids and rng.random() < 0.9 else None,
            source_outlet=spec["outlet"],
            locale=vi,
        )
        return page, spec

    # 1. The first few through the normal API: revisions, publish signals, search index and all.
    api_urls = []
    for index in range(api_count):
        page, spec = build(index)
        page.topics.set(Topic.objects.filter(pk__in=rng.sample(topics, spec["topic_count"])))
        page.countries.set(Country.objects.filter(code__in=spec["countries"]))
        column.add_child(instance=page)
        publish(page)
        api_urls.append(page.url_path)

    # 2. The rest in bulk, in one transaction, 500 pages per INSERT batch.
    column = Page.objects.get(pk=column.pk)
    last = column.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last is not None else 0
    content_type = ContentType.objects.get_for_model(AseanArticlePage)
    base_fields = [field.attname for field in Page._meta.local_concrete_fields if field.attname != "id"]
    topic_through = AseanArticlePage.topics.through
    country_through = AseanArticlePage.countries.through
    bulk_urls = []
    batch_size = 500
    with transaction.atomic():
        for start in range(api_count, count, batch_size):
            articles, links = [], []
            for index in range(start, min(start + batch_size, count)):
                page, spec = build(index)
                step += 1
                page.path = Page._get_path(column.path, column.depth + 1, step)
                page.depth = column.depth + 1
                page.numchild = 0
                page.url_path = f"{column.url_path}{page.slug}/"
                page.content_type = content_type
                page.draft_title = page.title
                page.live = True
                page.has_unpublished_changes = False
                page.first_published_at = page.last_published_at = spec["date"]
                page.search_text = _search_text(page)
                articles.append(page)
                links.append((rng.sample(topics, spec["topic_count"]), spec["countries"]))
            bases = Page.objects.bulk_create(
                [Page(**{name: getattr(article, name) for name in base_fields}) for article in articles]
            )
            if any(base.pk is None for base in bases):  # databases that cannot return ids from bulk inserts
                ids = dict(Page.objects.filter(path__in=[b.path for b in bases]).values_list("path", "pk"))
                for base in bases:
                    base.pk = ids[base.path]
            for article, base in zip(articles, bases, strict=True):
                article.id = article.page_ptr_id = base.pk
            AseanArticlePage._base_manager._insert(
                articles, fields=AseanArticlePage._meta.local_concrete_fields, using=connection.alias
            )
            topic_through.objects.bulk_create(
                topic_through(aseanarticlepage_id=article.pk, topic_id=topic_id)
                for article, (topic_ids, _) in zip(articles, links, strict=True)
                for topic_id in topic_ids
            )
            country_through.objects.bulk_create(
                country_through(aseanarticlepage_id=article.pk, country_id=country_ids[code])
                for article, (_, codes) in zip(articles, links, strict=True)
                for code in sorted(codes)
            )
            bulk_urls.extend(article.url_path for article in articles[:: max(1, len(articles) // 3)])
        Page.objects.filter(pk=column.pk).update(
            numchild=Page.objects.filter(path__startswith=column.path, depth=column.depth + 1).count()
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    bump_content_version()
    return SeedResult(
        created=count,
        api_created=api_count,
        bulk_created=count - api_count,
        images=len(image_ids),
        seconds=round(time.perf_counter() - started, 2),
        column_path=column.url_path,
        sample_urls=api_urls[:1] + bulk_urls[:1] + bulk_urls[-1:],
    )


def verify(expected_at_least: int) -> list[str]:
    """Problems found (empty when all is well): tree integrity, counts, pages served and listed."""
    from django.test import Client
    from django.utils.html import escape
    from wagtail.models import Page

    from cms.models import AseanArticlePage, AseanColumnPage

    problems = []
    names = ["evil characters", "bad step length", "orphans", "wrong depth", "wrong numchild"]
    for name, ids in zip(names, Page.find_problems(), strict=True):
        if ids:
            problems.append(f"treebeard {name}: {list(ids)[:5]}")
    column = AseanColumnPage.objects.get(locale__language_code="vi")
    live = column.articles().count()
    if live < expected_at_least:
        problems.append(f"column lists {live} live articles, expected at least {expected_at_least}")
    if column.numchild != column.get_children().count():
        problems.append(f"column numchild {column.numchild} != {column.get_children().count()} children")

    client = Client(HTTP_HOST="127.0.0.1")
    newest = column.articles()[: column.per_page]
    response = client.get(column.url)
    html = response.content.decode()
    if response.status_code != 200:
        problems.append(f"GET {column.url}: {response.status_code}")
    missing = [article.title for article in newest if escape(article.title) not in html]
    if missing:
        problems.append(f"column page 1 misses {len(missing)} of the newest articles, e.g. {missing[0]!r}")
    last_page = (live + column.per_page - 1) // column.per_page
    oldest = column.articles().last()
    response = client.get(f"{column.url}?page={last_page}")
    if response.status_code != 200 or escape(oldest.title) not in response.content.decode():
        problems.append(f"oldest article not on the last column page ({last_page})")
    bulk = AseanArticlePage.objects.child_of(column).filter(latest_revision__isnull=True)
    for article in [bulk.first(), bulk.order_by("-path").first(), bulk.order_by("?").first()]:
        if article is None:
            continue
        response = client.get(article.url)
        if response.status_code != 200 or escape(article.title) not in response.content.decode():
            problems.append(f"GET {article.url}: {response.status_code}, title missing")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles to create (default 10000)")
    parser.add_argument("--images", type=int, default=12, help="featured images shared by the articles")
    parser.add_argument("--api-count", type=int, default=3, help="articles created through Wagtail's API")
    parser.add_argument("--random-seed", type=int, default=2045)
    parser.add_argument("--no-verify", dest="verify", action="store_false")
    parser.add_argument("--json", help="write the result as JSON to this file")
    args = parser.parse_args(argv)

    import django

    django.setup()
    result = seed(args.count, args.images, args.api_count, args.random_seed)
    print(
        f"seeded {result.created} articles ({result.api_created} via API, {result.bulk_created} bulk, "
        f"{result.images} images) in {result.seconds} s"
    )
    problems = verify(args.count) if args.verify else []
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    if args.verify and not problems:
        print("verified: tree consistent, column lists every article, pages served with status 200")
    if args.json:
        import json

        Path(args.json).write_text(json.dumps({**result.as_dict(), "problems": problems}, indent=2))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
