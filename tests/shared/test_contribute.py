"""Contributions: each kind becomes a shared item with its attachments; bad uploads are refused whole."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from aggregator.models import Item, ItemKind, ItemStatus, Tombstone
from cms.models import Country, Pillar, Topic
from shared.contribute import BODY_FEATURES, SHARED_COLLECTION_NAME, ArticleForm, create_contribution
from shared.demo import ensure_demo_contributions
from shared.models import Attachment, Newsroom
from tests.cms.factories import UserFactory
from tests.shared.factories import ItemFactory, make_newsroom

pytestmark = pytest.mark.django_db

CONTRIBUTE_URL = "shared:contribute_kind"


# --- Files built at test time ---------------------------------------------------------------------


def picture(fmt: str = "JPEG", size=(60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format=fmt)
    return buffer.getvalue()


def blank_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of ``width`` x ``height`` white pixels, compressed row by row (never held whole)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def office_file(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
ODT = {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"}
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 32


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def rich_text(html: str) -> str:
    return ContentstateConverter(BODY_FEATURES).from_database_format(html)


def stored_files(root) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()]


# --- Fixtures -------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


def grant(user, *dotted: str):
    for name in dotted:
        app_label, codename = name.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.fixture
def journalist(portal):
    user = UserFactory(first_name="Lâm", last_name="Thị Sa Rê")
    return grant(user, "wagtailadmin.access_admin", "shared.contribute_shared", "shared.access_shared")


@pytest.fixture
def newsroom(journalist):
    return make_newsroom(members=[journalist])


@pytest.fixture
def client_in(client, journalist, newsroom):
    client.force_login(journalist)
    return client


def metadata(**overrides) -> dict:
    data = {
        "title": "Lễ hội Oóc Om Bóc đón đoàn nghệ nhân Campuchia",
        "description": "Hai đoàn nghệ nhân cùng biểu diễn.",
        "author": "",
        "language": "vi",
        "pillar": Pillar.objects.get(slug="van-hoa-xa-hoi").pk,
        "topics": [Topic.objects.get(slug="van-hoa").pk],
        "countries": [Country.objects.get(code="kh").pk, Country.objects.get(code="th").pk],
        "rights_note": "Ghi rõ tác giả ảnh.",
    }
    data.update(overrides)
    return data


def contribute(client, kind: str, **fields):
    return client.post(reverse(CONTRIBUTE_URL, args=[kind]), {**metadata(), **fields})


# --- Each kind ------------------------------------------------------------------------------------


def test_an_article_with_a_photo_becomes_a_visible_item_of_the_newsroom(client_in, journalist, newsroom):
    response = contribute(
        client_in,
        "article",
        body=rich_text('<p>Đêm khai mạc <b>rực rỡ</b>.</p><p><a href="https://example.org/x">Chi tiết</a></p>'),
        photos=[upload("oc-om-boc.jpg", picture())],
        caption="Ghe Ngo trên sông Maspero",
        credit="Ảnh: Lâm Sa Rê",
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("shared:contributions")
    item = Item.objects.get()
    assert item.source == newsroom.source and item.source.outlet == "Báo Sóc Trăng"
    assert item.kind == ItemKind.ARTICLE
    assert item.status == ItemStatus.VISIBLE and item.classified_by_editor
    assert item.contributed_by == journalist and item.author == "Lâm Thị Sa Rê"
    assert "<b>rực rỡ</b>" in item.content and 'href="https://example.org/x"' in item.content
    assert item.summary == "<p>Hai đoàn nghệ nhân cùng biểu diễn.</p>"
    assert item.rights_note == "Ghi rõ tác giả ảnh." and item.language == "vi"
    assert item.pillar.slug == "van-hoa-xa-hoi"
    assert set(item.countries.values_list("code", flat=True)) == {"kh", "th"}
    assert list(item.topics.values_list("slug", flat=True)) == ["van-hoa"]
    assert len(item.content_hash) == 64 and item.key.startswith("contribution-")
    assert abs((timezone.now() - item.published_at).total_seconds()) < 60
    assert item.first_seen_at == item.published_at
    attachment = Attachment.objects.get(item=item)
    assert attachment.kind == ItemKind.PHOTO and attachment.credit == "Ảnh: Lâm Sa Rê"
    assert item.image == attachment.image and item.image_credit == "Ảnh: Lâm Sa Rê"
    assert item.image.collection.name == SHARED_COLLECTION_NAME
    assert item.image.title == "Ghe Ngo trên sông Maspero" and item.image.uploaded_by_user == journalist
    assert item.image.file_hash and (item.image.width, item.image.height) == (60, 40)


def test_article_html_is_sanitised(client_in):
    contribute(client_in, "article", body=rich_text('<p>An toàn</p><p><a href="javascript:alert(1)">x</a></p>'))

    content = Item.objects.get().content
    assert "An toàn" in content and "javascript" not in content


def test_photos_become_images_in_order_with_caption_and_credit(client_in):
    photos = [upload("a.jpg", picture()), upload("b.png", picture("PNG")), upload("c.webp", picture("WEBP"))]
    contribute(client_in, "photo", photos=photos, caption="Sinh viên Lào", credit="Ảnh: Báo Sóc Trăng")

    item = Item.objects.get(kind=ItemKind.PHOTO)
    attachments = list(item.attachments.all())
    assert [a.image.title for a in attachments] == [f"Sinh viên Lào ({n}/3)" for n in (1, 2, 3)]
    assert {a.credit for a in attachments} == {"Ảnh: Báo Sóc Trăng"}
    assert item.image == attachments[0].image
    assert get_image_model().objects.filter(collection__name=SHARED_COLLECTION_NAME).count() == 3


def test_a_video_file_becomes_a_document(client_in, media_root):
    contribute(client_in, "video", file=upload("phong-su.mp4", MP4))

    item = Item.objects.get(kind=ItemKind.VIDEO)
    attachment = item.attachments.get()
    assert attachment.kind == ItemKind.VIDEO and attachment.document.collection.name == SHARED_COLLECTION_NAME
    assert attachment.document.file.read() == MP4
    assert item.media_url == ""


def test_an_audio_link_is_the_items_media_url(client_in):
    contribute(client_in, "audio", link="https://radio.example/ban-tin-asean")

    item = Item.objects.get(kind=ItemKind.AUDIO)
    assert item.media_url == "https://radio.example/ban-tin-asean"
    assert item.attachments.get().url == "https://radio.example/ban-tin-asean"


def test_an_audio_file(client_in):
    contribute(client_in, "audio", file=upload("ban-tin.mp3", MP3))

    assert Item.objects.get(kind=ItemKind.AUDIO).attachments.get().document.file_size == len(MP3)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ke-hoach.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"),
        ("bao-cao.docx", office_file(DOCX)),
        ("ban.odt", office_file(ODT)),
    ],
)
def test_documents(client_in, name, content):
    contribute(client_in, "document", file=upload(name, content))

    item = Item.objects.get(kind=ItemKind.DOCUMENT)
    assert item.attachments.get().document.file.name.endswith(Path(name).suffix)


def test_with_several_newsrooms_the_journalist_chooses(client_in, journalist, newsroom):
    station = make_newsroom("Đài PT-TH", "dai-phat-thanh-truyen-hinh", members=[journalist])
    make_newsroom("Khác", "khac")

    assert len(client_in.get(reverse(CONTRIBUTE_URL, args=["audio"])).context["form"].fields["newsroom"].queryset) == 2
    contribute(client_in, "audio", newsroom=station.pk, link="https://radio.example/a")

    assert Item.objects.get().source == station.source


@pytest.mark.parametrize("kind", ["article", "photo", "video", "audio", "document"])
def test_each_upload_page_renders_a_multipart_form(client_in, kind):
    response = client_in.get(reverse(CONTRIBUTE_URL, args=[kind]))

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_the_admin_pages_render(client_in, newsroom):
    item = ItemFactory(source=newsroom.source)
    for url in (
        reverse("shared:contribute"),
        reverse("shared:contributions"),
        reverse("shared:contribution_edit", args=[item.pk]),
        reverse("shared:contribution_delete", args=[item.pk]),
    ):
        assert client_in.get(url).status_code == 200, url


# --- Refusals: field errors, nothing saved, nothing on disk ---------------------------------------


def assert_refused(response, field: str, code: str, media_root) -> None:
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error(field, code), form.errors.as_data()
    assert not Item.objects.exists() and not Attachment.objects.exists()
    assert not get_image_model().objects.exists() and not get_document_model().objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("kind", "files", "field", "code"),
    [
        ("photo", {"photos": [upload("anh.jpg", b"just some text, not a picture")]}, "photos", "file_content"),
        ("photo", {"photos": [upload("anh.jpg", picture("PNG"))]}, "photos", "file_content"),
        ("photo", {"photos": [upload("anh.bmp", picture("BMP"))]}, "photos", "file_type"),
        ("document", {"file": upload("ke-hoach.pdf", picture("PNG"))}, "file", "file_content"),
        ("document", {"file": upload("bao-cao.docx", office_file({"readme.txt": b"x"}))}, "file", "file_content"),
        ("document", {"file": upload("ban.odt", office_file(DOCX))}, "file", "file_content"),
        ("document", {"file": upload("chay.exe", b"MZ\x90\x00")}, "file", "file_type"),
        ("audio", {"file": upload("ban-tin.mp3", b"<html>not audio</html>")}, "file", "file_content"),
        ("video", {"file": upload("phong-su.webm", MP4)}, "file", "file_content"),
        ("video", {"link": "javascript:alert(1)"}, "link", "invalid"),
        ("video", {"link": "ftp://files.example/v.mp4"}, "link", "invalid"),
    ],
)
def test_wrong_types_are_refused(client_in, media_root, kind, files, field, code):
    assert_refused(contribute(client_in, kind, **files), field, code, media_root)


def test_one_bad_photo_refuses_the_whole_submission(client_in, media_root):
    photos = [upload("tot.jpg", picture()), upload("xau.jpg", b"text")]
    assert_refused(contribute(client_in, "photo", photos=photos), "photos", "file_content", media_root)


def test_too_large_files_are_refused(client_in, media_root, settings):
    settings.SHARED_MAX_DOCUMENT_MB = 1
    big_pdf = b"%PDF-1.7\n" + b"0" * (1024 * 1024)
    assert_refused(contribute(client_in, "document", file=upload("lon.pdf", big_pdf)), "file", "file_size", media_root)


def test_images_over_the_pixel_limit_are_refused(client_in, media_root, settings):
    settings.SHARED_MAX_IMAGE_PIXELS = 1000
    photos = [upload("rong.png", picture("PNG", size=(50, 50)))]
    assert_refused(contribute(client_in, "photo", photos=photos), "photos", "image_pixels", media_root)


@pytest.mark.parametrize("size", [(7000, 7000), (20000, 20000)])
def test_decompression_bombs_are_refused_from_the_header(client_in, media_root, size):
    # 49 Mpx passes Pillow's own guard but not ours; 400 Mpx trips Pillow's DecompressionBombError.
    bomb = blank_png(*size)
    assert len(bomb) < 200_000
    photos = [upload("bom.png", bomb, "image/png")]
    assert_refused(contribute(client_in, "photo", photos=photos), "photos", "image_pixels", media_root)


def test_too_many_photos_are_refused(client_in, media_root, settings):
    settings.SHARED_MAX_PHOTOS = 2
    photos = [upload(f"{n}.jpg", picture()) for n in range(3)]
    assert_refused(contribute(client_in, "photo", photos=photos), "photos", "too_many", media_root)


def test_title_and_files_are_required(client_in, media_root):
    assert_refused(contribute(client_in, "photo", title=""), "title", "required", media_root)
    assert_refused(contribute(client_in, "photo"), "photos", "required", media_root)
    assert_refused(contribute(client_in, "document"), "file", "required", media_root)
    assert_refused(contribute(client_in, "article", body=rich_text("<p></p>")), "body", "required", media_root)


def test_media_needs_a_file_or_a_link_not_both(client_in, media_root):
    assert_refused(contribute(client_in, "video"), "file", "no_media", media_root)
    both = {"file": upload("v.mp4", MP4), "link": "https://tv.example/v"}
    assert_refused(contribute(client_in, "video", **both), "link", "file_and_link", media_root)


def test_a_failure_while_storing_removes_the_files_already_written(journalist, newsroom, media_root, monkeypatch):
    form = ArticleForm(
        data={**metadata(), "newsroom": newsroom.pk, "body": rich_text("<p>Nội dung</p>")},
        files={"photos": [upload("a.jpg", picture()), upload("b.jpg", picture())]},
        newsrooms=Newsroom.objects.all(),
    )
    assert form.is_valid(), form.errors

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Attachment, "save", fail)
    with pytest.raises(RuntimeError):
        create_contribution(form, journalist)

    assert not Item.objects.exists() and not get_image_model().objects.exists()
    assert stored_files(media_root) == []


# --- Who may contribute ---------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login(client, portal):
    for url in (
        reverse("shared:contribute"),
        reverse(CONTRIBUTE_URL, args=["article"]),
        reverse("shared:contributions"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))


def test_users_without_the_contribute_permission_are_refused(client, portal, media_root):
    user = grant(UserFactory(), "wagtailadmin.access_admin", "shared.access_shared")
    make_newsroom(members=[user])
    client.force_login(user)

    assert client.get(reverse("shared:contribute"))["Location"] == reverse("wagtailadmin_home")
    response = contribute(client, "audio", link="https://radio.example/a")

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not Item.objects.exists()


def test_a_non_member_is_told_to_ask_an_admin_and_cannot_post(client, journalist, portal):
    make_newsroom(members=[])
    client.force_login(journalist)

    index = client.get(reverse("shared:contribute"))
    assert index.status_code == 200 and not index.context["newsrooms"]
    assert "help-warning" in index.content.decode()
    assert client.get(reverse(CONTRIBUTE_URL, args=["audio"]))["Location"] == reverse("shared:contribute")
    response = contribute(client, "audio", link="https://radio.example/a")
    assert response.status_code == 302 and not Item.objects.exists()


def test_a_journalist_cannot_contribute_to_another_newsroom(client_in, journalist):
    other = make_newsroom("Khác", "khac")
    response = contribute(client_in, "audio", newsroom=other.pk, link="https://radio.example/a")

    assert response.context["form"].has_error("newsroom", "invalid_choice")
    assert not Item.objects.exists()


def test_unknown_kind_is_not_found(client_in):
    assert client_in.get(reverse(CONTRIBUTE_URL, args=["hologram"])).status_code == 404


# --- My contributions -----------------------------------------------------------------------------


def test_the_list_shows_the_newsrooms_items_only(client_in, newsroom):
    own = ItemFactory(source=newsroom.source, title="Bài của tòa soạn")
    ItemFactory(source=make_newsroom("Khác", "khac").source, title="Bài của nơi khác")
    ItemFactory(title="Bài từ báo trung ương")

    response = client_in.get(reverse("shared:contributions"))

    assert response.status_code == 200
    assert [item.pk for item in response.context["object_list"]] == [own.pk]
    assert reverse("shared:contribution_edit", args=[own.pk]) in response.content.decode()


def test_editing_changes_the_metadata(client_in, newsroom):
    contribute(client_in, "audio", link="https://radio.example/a")
    item = Item.objects.get()
    old_hash = item.content_hash

    response = client_in.post(
        reverse("shared:contribution_edit", args=[item.pk]),
        metadata(title="Tiêu đề mới", description="Mô tả mới", topics=[], countries=[], rights_note=""),
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Tiêu đề mới" and item.summary == "<p>Mô tả mới</p>"
    assert not item.topics.exists() and item.content_hash != old_hash
    assert item.media_url == "https://radio.example/a" and item.kind == ItemKind.AUDIO


def test_items_of_other_newsrooms_cannot_be_edited_or_deleted(client_in):
    foreign = ItemFactory(source=make_newsroom("Khác", "khac").source)

    assert client_in.get(reverse("shared:contribution_edit", args=[foreign.pk]), follow=True).status_code == 404
    assert client_in.post(reverse("shared:contribution_delete", args=[foreign.pk]), follow=True).status_code == 404
    assert Item.objects.filter(pk=foreign.pk).exists()


def test_deleting_removes_the_item_and_its_unused_files_without_a_tombstone(client_in, media_root):
    contribute(client_in, "photo", photos=[upload("a.jpg", picture())])
    item = Item.objects.get()

    response = client_in.post(reverse("shared:contribution_delete", args=[item.pk]))

    assert response.status_code == 302
    assert not Item.objects.exists() and not Attachment.objects.exists()
    assert not get_image_model().objects.exists()
    assert not Tombstone.objects.exists()


# --- Demo -----------------------------------------------------------------------------------------


def test_demo_contributions_are_created_once(portal):
    first = ensure_demo_contributions()
    counts = (Item.objects.count(), Attachment.objects.count(), get_image_model().objects.count())

    assert ensure_demo_contributions() == []
    assert (Item.objects.count(), Attachment.objects.count(), get_image_model().objects.count()) == counts
    assert len(first) == 4
    assert set(Item.objects.values_list("kind", flat=True)) == {"article", "photo", "audio", "document"}
    assert set(Item.objects.values_list("source__newsroom__slug", flat=True)) == {
        "bao-soc-trang",
        "dai-phat-thanh-truyen-hinh",
    }
    assert all(item.attachments.exists() for item in Item.objects.all())


def test_the_menu_offers_contributing_to_contributors_only(client, journalist, portal):
    outsider = grant(UserFactory(), "wagtailadmin.access_admin", "shared.access_shared")
    url = reverse("shared:contribute")

    client.force_login(journalist)
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(outsider)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
