"""Our Vietnamese overrides in locale/wagtail/ fill the gaps in Wagtail's own admin translation."""

import gettext
import json
from pathlib import Path

import pytest
import wagtail.admin
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.users.models import UserProfile

WAGTAIL_ADMIN_VI_MO = Path(wagtail.admin.__file__).parent / "locale" / "vi" / "LC_MESSAGES" / "django.mo"

# Daily-screen strings Wagtail leaves untranslated in Vietnamese, and our wording.
OURS = {
    "Save draft": "Lưu bản nháp",  # page editor action menu
    "Your most recent edits": "Các chỉnh sửa gần đây của bạn",  # dashboard panel
    "Site summary": "Tổng quan website",  # dashboard panel
    "Workflows": "Quy trình duyệt",  # side menu
    "Snippets": "Nội dung dùng chung",  # side menu
    "Add multiple images": "Thêm nhiều hình ảnh",  # images
}


def test_wagtail_itself_leaves_these_strings_untranslated():
    with open(WAGTAIL_ADMIN_VI_MO, "rb") as fp:
        wagtail_vi = gettext.GNUTranslations(fp)
    for msgid in OURS:
        assert wagtail_vi.gettext(msgid) == msgid


def test_gettext_in_vietnamese_returns_our_translation():
    with translation.override("vi"):
        for msgid, ours in OURS.items():
            assert translation.gettext(msgid) == ours
        assert translation.ngettext("%(count)s image", "%(count)s images", 3) % {"count": 3} == "3 hình ảnh"
    with translation.override("en"):
        assert translation.gettext("Save draft") == "Save draft"


@pytest.fixture
def vietnamese_superuser(db, client):
    user = get_user_model().objects.create_superuser("bientapvien", "bientapvien@example.org", "secret-pass-123")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(user)
    return user


def test_dashboard_is_in_vietnamese(client, vietnamese_superuser):
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert OURS["Site summary"] in html


def test_admin_javascript_catalogue_serves_our_translations(client, vietnamese_superuser):
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    body = response.content.decode()
    # JavaScriptCatalog writes the catalogue as ASCII-escaped JSON.
    assert json.dumps("Autosave in progress…") in body
    assert json.dumps("Đang tự động lưu…") in body
    assert json.dumps("Chèn khối") in body


def test_time_since_reads_in_vietnamese():
    """Django's own vi catalogue misses the "%(num)d minute" forms that admin listings use."""
    from datetime import timedelta

    from django.utils import timezone
    from django.utils.timesince import timesince

    with translation.override("vi"):
        assert timesince(timezone.now() - timedelta(hours=2, minutes=5)) == "2\xa0giờ, 5\xa0phút"
