"""The broadcast script, the text with its citation and the media downloads of a shared item."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model

from aggregator.models import ItemKind, ReuseRights
from cms.bootstrap.editorial import EDITORS, permission
from shared.broadcast import (
    WORDS_PER_MINUTE,
    BroadcastScript,
    broadcast_script,
    paragraphs,
    text_with_citation,
    without_urls,
)
from shared.models import Attachment
from shared.reuse import reuse_terms
from tests.cms.factories import ImageFactory, UserFactory
from tests.shared.factories import ItemFactory

CONTENT = (
    "<h2>Bối cảnh</h2>"
    '<p>Lãnh đạo ASEAN họp tại <a href="https://asean.example/hop">Kuala Lumpur</a>, xem https://asean.example/tin.</p>'
    '<figure><img src="https://x.example/a.jpg" alt=""><figcaption>Ảnh: TTXVN</figcaption></figure>'
    "<table><tr><td>Bảng số liệu</td></tr></table>"
    "<ul><li>Kinh tế số</li><li>Chuỗi cung ứng</li></ul>"
)


@pytest.fixture
def reporter(portal):
    user = UserFactory(username="dai-pt-th", groups=[EDITORS])
    user.user_permissions.add(permission("shared.access_shared"))
    return user


def english_item(**fields):
    defaults = {
        "title": "ASEAN leaders meet in Kuala Lumpur",
        "summary": "<p>The summit opens today.</p>",
        "content": "<p>Leaders meet today, see www.asean.example for details.</p><p>They discuss trade.</p>",
        "language": "en",
        "source__outlet": "VietnamPlus",
        "published_at": datetime(2026, 3, 12, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    }
    return ItemFactory(**(defaults | fields))


def test_paragraphs_are_plain_text_without_images_captions_or_tables():
    assert paragraphs(CONTENT) == [
        "Bối cảnh",
        "Lãnh đạo ASEAN họp tại Kuala Lumpur, xem https://asean.example/tin.",
        "Kinh tế số",
        "Chuỗi cung ứng",
    ]


def test_urls_are_not_read_aloud_but_the_sentence_ends():
    assert without_urls("Xem https://asean.example/tin. Hoặc (www.asean.example).") == "Xem. Hoặc ()."


def test_the_script_opens_with_the_spoken_citation_and_reads_no_urls(db):
    script = broadcast_script(english_item(), reuse_terms(english_item()))
    assert script.title == "ASEAN leaders meet in Kuala Lumpur"
    assert script.paragraphs == [
        "According to VietnamPlus, Leaders meet today, see for details.",
        "They discuss trade.",
    ]
    assert "http" not in script.as_text() and "www." not in script.as_text()


def test_the_spoken_citation_names_the_wire_agency(db):
    item = english_item(original_source="TTXVN")
    assert broadcast_script(item, reuse_terms(item)).paragraphs[0].startswith("According to VietnamPlus citing TTXVN, ")


def test_an_excerpt_agreement_gives_a_script_of_the_excerpt_only(db):
    item = english_item(source__reuse_rights=ReuseRights.EXCERPT)
    assert broadcast_script(item, reuse_terms(item)).paragraphs == ["According to VietnamPlus, The summit opens today."]


def test_read_time_follows_the_stated_pace():
    assert WORDS_PER_MINUTE == {"vi": 200, "en": 160}
    vietnamese = BroadcastScript(title="Tin", paragraphs=["một " * 199], language="vi")
    assert (vietnamese.words, vietnamese.seconds) == (200, 60)
    english = BroadcastScript(title="News", paragraphs=["word " * 79], language="en")
    assert (english.words, english.seconds) == (80, 30)
    with translation.override("en"):
        assert english.read_time() == "0 min 30 s"


def test_the_script_is_a_downloadable_utf8_text_file(client, reporter):
    item = ItemFactory(title="Hội nghị ASEAN tại Đà Nẵng", content="<p>Nội dung đọc trên sóng.</p>")
    client.force_login(reporter)
    response = client.get(reverse("shared:broadcast_script", args=(item.pk,)))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="hoi-nghi-asean-tai-da-nang-{item.pk}-script.txt"'
    text = response.content.decode("utf-8")
    assert text.startswith("Hội nghị ASEAN tại Đà Nẵng\n\n[")
    assert text.rstrip().endswith("Nội dung đọc trên sóng.")


def test_copy_text_carries_the_citation_with_link_and_date(client, reporter):
    item = english_item(author="Minh Anh")
    client.force_login(reporter)
    response = client.get(reverse("shared:copy_text", args=(item.pk,)))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline;")
    assert response.content.decode() == (
        "ASEAN leaders meet in Kuala Lumpur\n\n"
        "Leaders meet today, see www.asean.example for details.\n\n"
        "They discuss trade.\n\n"
        f"According to VietnamPlus ({item.url}, 12/03/2026) — Minh Anh\n"
    )
    download = client.get(reverse("shared:copy_text", args=(item.pk,)), {"download": "1"})
    assert download["Content-Disposition"].startswith("attachment;")


def test_link_only_text_has_the_title_and_citation_only(db):
    item = english_item(source__reuse_rights=ReuseRights.LINK_ONLY)
    assert text_with_citation(item, reuse_terms(item)) == (
        f"ASEAN leaders meet in Kuala Lumpur\n\nAccording to VietnamPlus ({item.url}, 12/03/2026)\n"
    )


@pytest.mark.parametrize("name", ["broadcast_script", "copy_text", "download_image"])
def test_nothing_without_an_agreement(client, reporter, name):
    item = ItemFactory(source__agreement_number="", image=ImageFactory())
    client.force_login(reporter)
    response = client.get(reverse(f"shared:{name}", args=(item.pk,)))
    assert response.status_code == 403
    assert "147/2024" in response.content.decode()  # the decree, in the message of either language


@pytest.mark.parametrize("name", ["broadcast_script", "copy_text", "download_image"])
def test_plain_text_and_media_need_shared_access(client, portal, name):
    item = ItemFactory(image=ImageFactory())
    url = reverse(f"shared:{name}", args=(item.pk,))
    assert "/login/" in client.get(url).url
    client.force_login(UserFactory(username="khach", groups=[EDITORS]))
    assert client.get(url).url == reverse("wagtailadmin_home")


# --- Media downloads -----------------------------------------------------------------------------------------


def test_the_original_image_file_is_downloaded(client, reporter):
    image = ImageFactory()
    item = ItemFactory(title="Ảnh hội nghị", image=image)
    client.force_login(reporter)
    response = client.get(reverse("shared:download_image", args=(item.pk,)))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="anh-hoi-nghi-{item.pk}.png"'
    image.file.open("rb")
    assert b"".join(response.streaming_content) == image.file.read()


def test_media_files_need_a_full_text_agreement(client, reporter):
    item = ItemFactory(image=ImageFactory(), source__reuse_rights=ReuseRights.EXCERPT)
    client.force_login(reporter)
    assert client.get(reverse("shared:download_image", args=(item.pk,))).status_code == 403


def test_attachments_download_their_file_or_open_their_link(client, reporter):
    item = ItemFactory()
    document = get_document_model().objects.create(
        title="Tuyên bố chung", file=ContentFile(b"%PDF-1.4", "tuyen-bo.pdf")
    )
    stored = Attachment.objects.create(item=item, kind=ItemKind.DOCUMENT, document=document)
    linked = Attachment.objects.create(item=item, kind=ItemKind.VIDEO, url="https://video.example/hoi-nghi")
    client.force_login(reporter)

    file_response = client.get(reverse("shared:download_attachment", args=(stored.pk,)))
    link_response = client.get(reverse("shared:download_attachment", args=(linked.pk,)))

    assert file_response["Content-Disposition"].startswith("attachment;")
    assert b"".join(file_response.streaming_content) == b"%PDF-1.4"
    assert (link_response.status_code, link_response.url) == (302, "https://video.example/hoi-nghi")
