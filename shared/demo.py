"""Demo contributions for `bootstrap --demo`: what the two newsrooms put into the shared database.

The text was written for this project; the events are illustrative and people are named only by their
role. Pictures are drawn with Pillow, the radio clip is a synthesised tone and the document a PDF that
Pillow writes, so no third-party file is shipped. Every item goes through the same forms as an upload.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import escape
from PIL import Image
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from aggregator.models import Item, ItemKind
from cms.bootstrap.demo import demo_password
from cms.models import Country, Pillar, Topic
from shared.bootstrap import JOURNALISTS, ensure_shared
from shared.contribute import BODY_FEATURES, FORMS, create_contribution
from shared.models import Newsroom

NEWSPAPER = ("bao-soc-trang", "Báo Sóc Trăng")  # (slug, name) as in shared.bootstrap.NEWSROOMS
BROADCASTER = ("dai-phat-thanh-truyen-hinh", "Đài Phát thanh và Truyền hình Sóc Trăng")


@dataclass(frozen=True)
class DemoContribution:
    newsroom: str  # slug
    kind: str
    title: str
    description: str
    author: str
    pillar: str
    topics: tuple[str, ...]
    countries: tuple[str, ...]
    rights_note: str = ""
    body: tuple[str, ...] = ()
    pictures: tuple[tuple[str, int], ...] = ()  # (label, hue) of each drawn photo, or of the PDF's page
    caption: str = ""
    credit: str = ""
    file_name: str = ""


DEMO_CONTRIBUTIONS = (
    DemoContribution(
        newsroom=NEWSPAPER[0],
        kind=ItemKind.ARTICLE,
        title="Đoàn nghệ nhân Campuchia và Thái Lan dự Lễ hội Oóc Om Bóc",
        description="Hai đoàn nghệ nhân từ Campuchia và Thái Lan lần đầu cùng biểu diễn trên sân khấu chính "
        "của lễ hội, bên cạnh các đội ghe Ngo của tỉnh.",
        author="Phóng viên Ban Văn hóa - Xã hội",
        pillar="van-hoa-xa-hoi",
        topics=("van-hoa", "du-lich"),
        countries=("kh", "th"),
        body=(
            "Tối khai mạc, đoàn múa cung đình đến từ Campuchia và nhóm nhạc cụ dân gian Thái Lan lần lượt "
            "biểu diễn xen kẽ với các tiết mục Rô-băm, Dù-kê của nghệ nhân Khmer trong tỉnh.",
            "Trưởng đoàn khách Campuchia cho biết các nghệ sĩ đã dành nhiều ngày tìm hiểu nghi thức cúng trăng "
            "để chọn tiết mục phù hợp với tinh thần tạ ơn mùa màng của lễ hội.",
            "Ban tổ chức dự kiến mở rộng giao lưu nghệ thuật với các địa phương trong khu vực ở những mùa lễ "
            "hội tới, gắn với quảng bá du lịch sông nước.",
        ),
        pictures=(("Nghệ nhân ba nước bên đội ghe Ngo", 28),),
        caption="Nghệ nhân Campuchia, Thái Lan và Sóc Trăng chụp ảnh lưu niệm bên ghe Ngo",
        credit="Ảnh: Ban Văn hóa - Xã hội",
    ),
    DemoContribution(
        newsroom=NEWSPAPER[0],
        kind=ItemKind.PHOTO,
        title="Sinh viên Lào nhận học bổng tại Sóc Trăng",
        description="Các sinh viên Lào đang theo học ngành nông nghiệp và điều dưỡng tại tỉnh nhận học bổng "
        "hỗ trợ học tập năm học mới.",
        author="Nhóm phóng viên ảnh",
        pillar="van-hoa-xa-hoi",
        topics=("giao-duc",),
        countries=("la", "vn"),
        rights_note="Ghi rõ tên tác giả ảnh khi sử dụng lại.",
        pictures=(("Trao học bổng cho sinh viên Lào", 210), ("Sinh viên Lào tại giảng đường", 190)),
        caption="Sinh viên Lào nhận học bổng năm học mới",
        credit="Ảnh: Báo Sóc Trăng",
    ),
    DemoContribution(
        newsroom=BROADCASTER[0],
        kind=ItemKind.AUDIO,
        title="Bản tin phát thanh: tọa đàm đưa gạo thơm Sóc Trăng vào thị trường ASEAN",
        description="Doanh nghiệp, hợp tác xã và chuyên gia trao đổi về tiêu chuẩn chất lượng và truy xuất "
        "nguồn gốc để gạo thơm của tỉnh đứng vững ở các thị trường trong khu vực.",
        author="Phòng Thời sự",
        pillar="kinh-te",
        topics=("dau-tu-thuong-mai", "dac-san"),
        countries=("ph", "sg", "my"),
        rights_note="Được phát lại trọn bản tin; không cắt ghép lời phỏng vấn.",
        file_name="ban-tin-toa-dam-gao-asean.wav",
    ),
    DemoContribution(
        newsroom=BROADCASTER[0],
        kind=ItemKind.DOCUMENT,
        title="Chương trình tọa đàm xuất khẩu gạo sang các nước ASEAN",
        description="Chương trình và danh sách chủ đề của buổi tọa đàm do Đài phối hợp tổ chức, để các tòa "
        "soạn chuẩn bị câu hỏi và lịch đưa tin.",
        author="Ban Chuyên đề",
        pillar="kinh-te",
        topics=("dau-tu-thuong-mai", "hiep-dinh-thuong-mai-tu-do"),
        countries=("vn",),
        file_name="chuong-trinh-toa-dam-gao-asean.pdf",
        pictures=(("Tọa đàm xuất khẩu gạo sang ASEAN", 45),),  # drawn onto the PDF page
    ),
)


DEMO_JOURNALISTS = [
    # username, first name, newsroom slug
    ("phongvien", "Phóng viên Báo Sóc Trăng", NEWSPAPER[0]),
    ("phongvien_dai", "Phóng viên Đài PT-TH", BROADCASTER[0]),
]


def ensure_newsrooms() -> dict[str, Newsroom]:
    return {newsroom.slug: newsroom for newsroom in ensure_shared().newsrooms}


def ensure_demo_journalists() -> list[tuple[str, str]]:
    """One journalist per newsroom; returns (username, password) for those that use the demo password."""
    newsrooms = ensure_newsrooms()
    password = demo_password()
    journalists = Group.objects.get(name=JOURNALISTS)
    logins = []
    for username, first_name, slug in DEMO_JOURNALISTS:
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": first_name})
        if created:
            user.set_password(password)
            user.save()
            user.groups.add(journalists)
            newsrooms[slug].members.add(user)
        if user.check_password(password):
            logins.append((username, password))
    return logins


@transaction.atomic
def ensure_demo_contributions() -> list[str]:
    """Creates each demo contribution once; returns lines saying what was created."""
    newsrooms = ensure_newsrooms()
    lines = []
    for demo in DEMO_CONTRIBUTIONS:
        newsroom = newsrooms[demo.newsroom]
        if Item.objects.filter(source=newsroom.source, title=demo.title).exists():
            continue
        form_class = FORMS[demo.kind]
        form = form_class(
            data=_data(demo, newsroom),
            files=_files(demo),
            newsrooms=Newsroom.objects.filter(pk=newsroom.pk),
        )
        if not form.is_valid():  # the demo content is ours: a failure here is a bug to see at once
            raise ValueError(f"Demo contribution {demo.title!r}: {form.errors.as_json()}")
        item = create_contribution(form, newsroom.members.first())
        lines.append(f"Shared item ({item.get_kind_display()}) from {newsroom.name}: {item.title}")
    return lines


def _data(demo: DemoContribution, newsroom: Newsroom) -> dict:
    data = {
        "newsroom": newsroom.pk,
        "title": demo.title,
        "description": demo.description,
        "author": demo.author,
        "language": "vi",
        "pillar": Pillar.objects.get(slug=demo.pillar).pk,
        "topics": list(Topic.objects.filter(slug__in=demo.topics).values_list("pk", flat=True)),
        "countries": list(Country.objects.filter(code__in=demo.countries).values_list("pk", flat=True)),
        "rights_note": demo.rights_note,
        "caption": demo.caption,
        "credit": demo.credit,
    }
    if demo.body:
        html = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in demo.body)
        data["body"] = ContentstateConverter(BODY_FEATURES).from_database_format(html)
    return data


def _files(demo: DemoContribution) -> dict:
    from cms.demo.images import demo_image_bytes

    if demo.kind == ItemKind.AUDIO:
        return {"file": SimpleUploadedFile(demo.file_name, _tone_wav(), content_type="audio/wav")}
    if demo.kind == ItemKind.DOCUMENT:
        label, hue = demo.pictures[0]
        return {"file": SimpleUploadedFile(demo.file_name, _pdf(demo_image_bytes(label, hue)), "application/pdf")}
    photos = [
        SimpleUploadedFile(f"{demo.newsroom}-{index}.jpg", demo_image_bytes(label, hue), content_type="image/jpeg")
        for index, (label, hue) in enumerate(demo.pictures, start=1)
    ]
    return {"photos": photos} if photos else {}


def _tone_wav(seconds: float = 2.0, rate: int = 16_000) -> bytes:
    """A short, quiet 440 Hz tone: a valid WAV file standing in for a radio clip."""
    samples = b"".join(
        struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * n / rate))) for n in range(int(seconds * rate))
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(rate)
        clip.writeframes(samples)
    return buffer.getvalue()


def _pdf(picture: bytes) -> bytes:
    """A one-page PDF of a drawn picture (Pillow writes PDF)."""
    buffer = io.BytesIO()
    with Image.open(io.BytesIO(picture)) as page:
        page.convert("RGB").save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()
