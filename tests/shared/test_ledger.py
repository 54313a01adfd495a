"""The reuse ledger: one-click records of newspaper and radio-TV use, the admin list, its filters and exports."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.bootstrap.editorial import EDITORS, permission
from shared.models import Reuse, ReuseChannel
from tests.cms.factories import UserFactory
from tests.shared.factories import ItemFactory, make_newsroom


def journalist(username: str, *, shared_access: bool = True):
    user = UserFactory(username=username, groups=[EDITORS])
    if shared_access:
        user.user_permissions.add(permission("shared.access_shared"))
    return user


@pytest.fixture
def reporter(portal):
    return journalist("phongvien")


def record_url(item, channel: str) -> str:
    return reverse("shared:record_reuse", args=(item.pk, channel))


def test_one_click_records_newspaper_use_with_the_newsroom_and_note(client, reporter):
    newsroom = make_newsroom(members=[reporter])
    item = ItemFactory()
    client.force_login(reporter)
    back = reverse("shared:item", args=(item.pk,))

    response = client.post(record_url(item, "newspaper"), {"note": "Số 1234, trang 8", "next": back})

    assert response.status_code == 302 and response.url == back
    reuse = Reuse.objects.get()
    assert (reuse.item, reuse.channel, reuse.user, reuse.newsroom) == (item, ReuseChannel.NEWSPAPER, reporter, newsroom)
    assert reuse.note == "Số 1234, trang 8" and reuse.page is None


def test_radio_tv_use_is_recorded_and_unsafe_next_urls_are_ignored(client, reporter):
    item = ItemFactory()
    client.force_login(reporter)
    response = client.post(record_url(item, "broadcast"), {"next": "https://evil.example/"})
    assert response.url == reverse("shared:ledger")
    assert Reuse.objects.get().channel == ReuseChannel.BROADCAST


def test_only_newspaper_and_broadcast_are_recorded_by_hand(client, reporter):
    client.force_login(reporter)
    item = ItemFactory()
    client.post(record_url(item, "newspaper").replace("newspaper", "column"))
    assert client.get(record_url(item, "newspaper")).status_code == 405
    assert not Reuse.objects.exists()


def test_use_without_an_agreement_is_not_recorded(client, reporter):
    client.force_login(reporter)
    client.post(record_url(ItemFactory(source__agreement_number=""), "newspaper"))
    assert not Reuse.objects.exists()


def test_recording_needs_shared_access(client, portal):
    item = ItemFactory()
    assert "/login/" in client.post(record_url(item, "newspaper")).url
    client.force_login(journalist("khach", shared_access=False))
    assert client.post(record_url(item, "newspaper")).url == reverse("wagtailadmin_home")
    assert not Reuse.objects.exists()


# --- The admin list ------------------------------------------------------------------------------------------


@pytest.fixture
def ledger(reporter):
    """Three reuses: this month's newspaper and broadcast use by two newsrooms, a column draft last month."""
    paper = make_newsroom("Báo Sóc Trăng", "bao-soc-trang", members=[reporter])
    station = make_newsroom("Đài PT-TH Sóc Trăng", "dai-soc-trang")
    other = journalist("biensoan")
    now = timezone.now()
    rows = {
        "printed": Reuse.objects.create(
            item=ItemFactory(title="Tin in báo"),
            channel=ReuseChannel.NEWSPAPER,
            user=reporter,
            newsroom=paper,
            note="Số 1234",
        ),
        "aired": Reuse.objects.create(
            item=ItemFactory(title="Tin phát thanh"),
            channel=ReuseChannel.BROADCAST,
            user=other,
            newsroom=station,
            note="Thời sự 18h",
        ),
        "old": Reuse.objects.create(
            item=ItemFactory(title="Tin tháng trước"),
            channel=ReuseChannel.COLUMN,
            user=reporter,
            created_at=now - timedelta(days=40),
        ),
    }
    return {"paper": paper, "station": station, "other": other, **rows}


def listed(client, **params) -> set[str]:
    response = client.get(reverse("shared:ledger"), params)
    assert response.status_code == 200
    return {reuse.item.title for reuse in response.context["object_list"]}


def test_the_ledger_lists_every_reuse_with_filters(client, reporter, ledger):
    client.force_login(reporter)
    assert listed(client) == {"Tin in báo", "Tin phát thanh", "Tin tháng trước"}
    assert listed(client, channel="broadcast") == {"Tin phát thanh"}
    assert listed(client, newsroom=ledger["paper"].pk) == {"Tin in báo"}
    assert listed(client, user=ledger["other"].pk) == {"Tin phát thanh"}
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert listed(client, created_at_from=since) == {"Tin in báo", "Tin phát thanh"}
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert listed(client, created_at_to=until) == {"Tin tháng trước"}


def test_the_ledger_filters_also_apply_to_the_results_view(client, reporter, ledger):
    client.force_login(reporter)
    response = client.get(reverse("shared:ledger_results"), {"channel": "newspaper"})
    assert response.status_code == 200
    assert [reuse.item.title for reuse in response.context["object_list"]] == ["Tin in báo"]


def test_csv_export_of_the_filtered_month(client, reporter, ledger):
    client.force_login(reporter)
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    response = client.get(reverse("shared:ledger"), {"export": "csv", "created_at_from": since})
    assert response.status_code == 200
    assert 'filename="reuse-ledger.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    header, *data = rows
    assert len(header) == 9 and len(data) == 2
    by_item = {row[2]: row for row in data}
    paper = by_item["Tin in báo"]
    assert paper[0] == timezone.localtime(ledger["printed"].created_at).strftime("%Y-%m-%d %H:%M")
    assert paper[4] == ledger["printed"].item.url
    assert (paper[6], paper[7], paper[8]) == ("Số 1234", "Báo Sóc Trăng", "phongvien")
    assert by_item["Tin phát thanh"][7] == "Đài PT-TH Sóc Trăng"


def test_xlsx_export_keeps_local_times_and_every_row(client, reporter, ledger):
    client.force_login(reporter)
    response = client.get(reverse("shared:ledger"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *data = list(sheet.values)
    assert len(header) == 9 and len(data) == 3
    old = next(row for row in data if row[2] == "Tin tháng trước")
    assert old[0] == timezone.make_naive(ledger["old"].created_at).replace(microsecond=0)  # Asia/Ho_Chi_Minh
    assert (old[5], old[7], old[8]) == (None, None, "phongvien")  # no column article, no newsroom


def test_the_ledger_needs_shared_access(client, portal):
    assert "/login/" in client.get(reverse("shared:ledger")).url
    client.force_login(journalist("khach", shared_access=False))
    assert client.get(reverse("shared:ledger")).url == reverse("wagtailadmin_home")
    assert client.get(reverse("shared:ledger"), {"export": "csv"}).url == reverse("wagtailadmin_home")


def test_the_ledger_is_in_the_shared_menu_for_journalists_only(client, reporter):
    client.force_login(reporter)
    assert reverse("shared:ledger") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(journalist("khach", shared_access=False))
    assert reverse("shared:ledger") not in client.get(reverse("wagtailadmin_home")).content.decode()
