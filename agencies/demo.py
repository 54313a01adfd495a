"""Two demo agencies for `bootstrap --demo`: one with a host name of its own, one as a section of the portal.

All text was written for this project; the events are illustrative, the people are identified only by
their role, and figures are approximate.
"""

from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Locale

from agencies.models import Agency
from agencies.provisioning import ensure_agency, ensure_portal_agency
from cms.bootstrap.demo import demo_password
from cms.bootstrap.portal import Portal, publish
from cms.models import AseanArticlePage, Country, Pillar, Topic

# Demo embeds are tried from a page served at http://127.0.0.1:8013 (see docs/agencies.md).
DEMO_ORIGIN = "http://127.0.0.1:8013"


@dataclass(frozen=True)
class DemoArticle:
    key: str
    pillar: str
    topics: tuple[str, ...]
    countries: tuple[str, ...]
    days_ago: int
    hue: int
    title_vi: str
    title_en: str
    lead_vi: str
    lead_en: str
    body_vi: tuple[str, ...]
    body_en: tuple[str, ...]


@dataclass(frozen=True)
class DemoAgency:
    code: str
    name_vi: str
    name_en: str
    kind: str
    hostname: str
    moderation: str
    include_pillars: tuple[str, ...] | None  # None: the portal's articles are not listed
    users: tuple[tuple[str, str, str], ...]  # username, first name, "editors" or "approvers"
    articles: tuple[DemoArticle, ...]


VHTTDL = DemoAgency(
    code="sovhttdl",
    name_vi="Sở Văn hóa, Thể thao và Du lịch",
    name_en="Department of Culture, Sports and Tourism",
    kind=Agency.Kind.DEPARTMENT,
    hostname="vhttdl.localhost",
    moderation=Agency.Moderation.AGENCY,
    include_pillars=None,
    users=(("bientap_vhttdl", "Biên tập Sở VHTTDL", "editors"), ("duyet_vhttdl", "Lãnh đạo Sở VHTTDL", "approvers")),
    articles=(
        DemoArticle(
            key="tuan-van-hoa-khmer-nam-bo",
            pillar="van-hoa-xa-hoi",
            topics=("van-hoa", "du-lich"),
            countries=("kh", "th"),
            days_ago=1,
            hue=28,
            title_vi="Tuần văn hóa Khmer Nam Bộ đón nghệ sĩ Campuchia và Thái Lan",
            title_en="Southern Khmer culture week welcomes artists from Cambodia and Thailand",
            lead_vi="Ba đoàn nghệ thuật của tỉnh và hai đoàn khách mời cùng biểu diễn múa Rô-băm, nhạc ngũ âm "
            "và trưng bày trang phục truyền thống tại khu vực chùa Dơi.",
            lead_en="Three of the province's troupes and two visiting companies perform Robam dance and pinpeat "
            "music and show traditional dress around the Bat Pagoda.",
            body_vi=(
                "Tuần văn hóa năm nay mở rộng phần giao lưu: mỗi buổi tối, một đoàn của tỉnh và một đoàn khách mời "
                "dựng chung một tiết mục, tập cùng nhau trong hai ngày trước khi lên sân khấu.",
                "Theo đại diện Sở, khán giả có thể nhận ra những điểm chung giữa các làn điệu, nhạc cụ và tích truyện "
                "của ba nước, đồng thời thấy rõ nét riêng của người Khmer ở đồng bằng.",
                "Các buổi diễn miễn phí; chương trình chi tiết được niêm yết tại nhà văn hóa các phường.",
            ),
            body_en=(
                "This year's week puts exchange first: every evening one provincial troupe and one guest company "
                "stage a piece together, rehearsed jointly over two days.",
                "A representative of the Department says audiences can hear what the three countries' melodies, "
                "instruments and stories share, and what is particular to the Khmer of the delta.",
                "Performances are free; the programme is posted at every ward's cultural house.",
            ),
        ),
        DemoArticle(
            key="tuyen-du-lich-duong-song-mekong",
            pillar="kinh-te",
            topics=("du-lich", "hop-tac-tieu-vung"),
            countries=("kh", "la", "th", "vn"),
            days_ago=4,
            hue=195,
            title_vi="Thử nghiệm tuyến du lịch đường sông nối Sóc Trăng với các điểm đến Mê Kông",
            title_en="A trial river route links Sóc Trăng with Mekong destinations",
            lead_vi="Hai doanh nghiệp lữ hành chạy thử tuyến năm ngày theo sông Hậu, ghé chợ nổi, vườn cây ăn "
            "trái và làng nghề trước khi nối sang Phnôm Pênh.",
            lead_en="Two tour operators are trialling a five-day trip along the Hậu river, stopping at a floating "
            "market, orchards and craft villages before continuing to Phnom Penh.",
            body_vi=(
                "Sở đã cùng doanh nghiệp khảo sát bến bãi, thời gian con nước và các điểm dừng an toàn cho khách.",
                "Trong giai đoạn thử nghiệm, mỗi chuyến nhận tối đa hai mươi khách; ý kiến của khách sẽ được dùng để "
                "điều chỉnh lịch trình trước khi mở bán rộng rãi.",
            ),
            body_en=(
                "The Department and the operators surveyed landing stages, tide times and safe stops for visitors.",
                "During the trial each trip takes at most twenty guests; their feedback will shape the itinerary "
                "before it goes on general sale.",
            ),
        ),
        DemoArticle(
            key="ghe-ngo-giao-luu-cau-lac-bo-lao",
            pillar="van-hoa-xa-hoi",
            topics=("van-hoa",),
            countries=("la",),
            days_ago=9,
            hue=350,
            title_vi="Đội ghe ngo của tỉnh giao lưu với câu lạc bộ đua thuyền Lào",
            title_en="The province's ngo boat crew meets a Lao racing club",
            lead_vi="Hai đội trao đổi kinh nghiệm tập luyện và cùng bơi biểu diễn trên sông Maspero.",
            lead_en="The two crews compared training methods and rowed an exhibition race on the Maspero river.",
            body_vi=(
                "Đua ghe ngo và đua thuyền truyền thống của Lào đều gắn với mùa nước và lễ hội cuối năm; mỗi đội có "
                "cách giữ nhịp riêng.",
                "Huấn luyện viên hai bên thống nhất sẽ tiếp tục trao đổi video buổi tập trong mùa giải tới.",
            ),
            body_en=(
                "Ngo boat racing and Laos's traditional boat races both follow the water season and year-end "
                "festivals; each crew keeps the rhythm its own way.",
                "The coaches agreed to keep exchanging training videos through the coming season.",
            ),
        ),
    ),
)

TINH_DOAN = DemoAgency(
    code="tinhdoan",
    name_vi="Tỉnh Đoàn",
    name_en="Provincial Youth Union",
    kind=Agency.Kind.MASS_ORGANISATION,
    hostname="",
    moderation=Agency.Moderation.PORTAL,
    include_pillars=("van-hoa-xa-hoi",),
    users=(("bientap_tinhdoan", "Biên tập Tỉnh Đoàn", "editors"),),
    articles=(
        DemoArticle(
            key="tinh-nguyen-vien-ven-bien",
            pillar="van-hoa-xa-hoi",
            topics=("giao-duc", "moi-truong-phat-trien-ben-vung"),
            countries=("id", "my", "ph"),
            days_ago=2,
            hue=140,
            title_vi="Thanh niên tình nguyện đưa sinh viên ASEAN tìm hiểu rừng phòng hộ ven biển",
            title_en="Youth volunteers show ASEAN students the coastal protection forest",
            lead_vi="Trong ba ngày, nhóm sinh viên đến từ Indonesia, Malaysia và Philippines cùng đoàn viên trồng "
            "bần, đo độ mặn và nghe người dân kể chuyện giữ đất.",
            lead_en="Over three days, students from Indonesia, Malaysia and the Philippines planted mangrove "
            "apple with Youth Union members, measured salinity and heard residents on holding back the sea.",
            body_vi=(
                "Các đội hình tình nguyện chuẩn bị tài liệu song ngữ và chia nhóm theo chuyên ngành của sinh viên.",
                "Kết thúc chương trình, mỗi nhóm trình bày một đề xuất nhỏ về giáo dục môi trường cho học sinh "
                "vùng ven biển.",
            ),
            body_en=(
                "Volunteer teams prepared bilingual material and grouped the students by their field of study.",
                "At the end, each group presented a small proposal for environmental lessons in coastal schools.",
            ),
        ),
        DemoArticle(
            key="cuoc-thi-tim-hieu-cong-dong-asean-2026",
            pillar="chinh-tri-an-ninh",
            topics=("giao-duc",),
            countries=("vn",),
            days_ago=6,
            hue=220,
            title_vi="Phát động cuộc thi tìm hiểu Cộng đồng ASEAN năm 2026 trong đoàn viên",
            title_en="2026 ASEAN Community quiz opens for Youth Union members",
            lead_vi="Cuộc thi trực tuyến gồm bốn tuần, mỗi tuần hai mươi câu hỏi về lịch sử, thể chế và các "
            "trụ cột của Cộng đồng ASEAN.",
            lead_en="The online quiz runs for four weeks, with twenty questions a week on the history, institutions "
            "and pillars of the ASEAN Community.",
            body_vi=(
                "Câu hỏi được biên soạn từ tài liệu chính thức và có phần giải thích sau mỗi tuần để người dự thi "
                "tự ôn tập.",
                "Các cơ sở đoàn được khuyến khích tổ chức buổi sinh hoạt chung để cùng thảo luận đáp án.",
            ),
            body_en=(
                "Questions are drawn from official material, and explanations are published after each week so "
                "that entrants can revise.",
                "Youth Union branches are encouraged to hold group sessions to discuss the answers together.",
            ),
        ),
        DemoArticle(
            key="thanh-nien-ban-dac-san-qua-san-khu-vuc",
            pillar="kinh-te",
            topics=("kinh-te-so-chuyen-doi-so", "dac-san"),
            countries=("sg", "vn"),
            days_ago=11,
            hue=45,
            title_vi="Thanh niên nông thôn học bán đặc sản qua sàn thương mại điện tử khu vực",
            title_en="Rural youth learn to sell local specialities on regional marketplaces",
            lead_vi="Lớp tập huấn hướng dẫn chụp ảnh sản phẩm, ghi nhãn song ngữ và tính chi phí vận chuyển "
            "khi bán bánh pía, mè láng cho khách ở các nước ASEAN.",
            lead_en="A training course covers product photos, bilingual labels and shipping costs for selling "
            "pía cakes and sesame brittle to buyers across ASEAN.",
            body_vi=(
                "Học viên được thực hành đăng sản phẩm thử và trả lời câu hỏi của khách bằng tiếng Anh.",
                "Tỉnh Đoàn sẽ theo dõi kết quả bán hàng của các học viên trong sáu tháng để điều chỉnh nội dung lớp "
                "học sau.",
            ),
            body_en=(
                "Participants practised listing a trial product and answering buyers' questions in English.",
                "The Youth Union will follow the participants' sales for six months to adjust the next course.",
            ),
        ),
    ),
)

DEMO_AGENCIES = (VHTTDL, TINH_DOAN)


def _body(paragraphs: tuple[str, ...]) -> list:
    return [("paragraph", "".join(f"<p>{escape(text)}</p>" for text in paragraphs))]


def _image(article: DemoArticle, collection):
    from cms.demo.images import demo_image_bytes

    Image = get_image_model()
    existing = Image.objects.filter(title=article.title_vi, collection=collection).first()
    if existing:
        return existing
    data = demo_image_bytes(article.title_vi, article.hue)
    return Image.objects.create(
        title=article.title_vi,
        collection=collection,
        file=ImageFile(BytesIO(data), name=f"demo-{article.key}.jpg"),
    )


def _ensure_articles(agency: Agency, demo: DemoAgency) -> int:
    english = Locale.objects.get(language_code="en")
    now = timezone.now()
    created = 0
    for article in demo.articles:
        if AseanArticlePage.objects.child_of(agency.column).filter(slug=article.key).exists():
            continue
        page = AseanArticlePage(
            title=article.title_vi,
            slug=article.key,
            lead=article.lead_vi,
            body=_body(article.body_vi),
            featured_image=_image(article, agency.collection),
            date=now - timedelta(days=article.days_ago, hours=3),
            pillar=Pillar.objects.get(slug=article.pillar),
        )
        page.topics.set(Topic.objects.filter(slug__in=article.topics))
        page.countries.set(Country.objects.filter(code__in=article.countries))
        agency.column.add_child(instance=page)
        publish(page)
        translation = page.copy_for_translation(english)
        translation.title, translation.lead = article.title_en, article.lead_en
        translation.body = _body(article.body_en)
        publish(translation)
        created += 1
    return created


def _include_portal_articles(agency: Agency, pillars: tuple[str, ...]) -> bool:
    changed = False
    for language in ("vi", "en"):
        column = agency.column_in(language)
        if column is None or column.include_portal_articles:
            continue
        column.include_portal_articles = True
        column.included_pillars.set(Pillar.objects.filter(slug__in=pillars))
        publish(column)
        changed = True
    return changed


def _ensure_users(agency: Agency, demo: DemoAgency) -> list[tuple[str, str]]:
    password = demo_password()
    logins = []
    for username, first_name, role in demo.users:
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": first_name})
        if created:
            user.set_password(password)
            user.save()
            user.groups.set([agency.editors_group if role == "editors" else agency.approvers_group])
        if user.check_password(password):
            logins.append((username, password))
    return logins


@transaction.atomic
def ensure_demo_agencies(portal: Portal) -> list[str]:
    """Creates the demo agencies, their articles and users once; returns lines saying what was done."""
    lines = []
    for demo in DEMO_AGENCIES:
        result = ensure_agency(
            demo.code,
            demo.name_vi,
            name_en=demo.name_en,
            kind=demo.kind,
            hostname=demo.hostname,
            moderation=demo.moderation,
        )
        agency = result.agency
        if agency.add_origin(DEMO_ORIGIN):
            agency.save(update_fields=["allowed_origins"])
        if demo.include_pillars is not None and _include_portal_articles(agency, demo.include_pillars):
            lines.append(f"{demo.code}: lists the portal's articles of {', '.join(demo.include_pillars)}")
        created = _ensure_articles(agency, demo)
        summary = f"{len(result.changes)} set-up steps; {created} articles"
        lines.append(f"Agency {demo.code} ({demo.name_vi}): {agency.column.full_url}; {summary}")
        for username, password in _ensure_users(agency, demo):
            lines.append(f"Agency login: {username} / {password} ({demo.code})")
    portal_agency = ensure_portal_agency(portal)
    if portal_agency.add_origin(DEMO_ORIGIN):
        portal_agency.save(update_fields=["allowed_origins"])
    lines.append(f"Embeds may be tried from {DEMO_ORIGIN} (manage.py embed_snippet sovhttdl | tinhdoan | portal)")
    return lines
