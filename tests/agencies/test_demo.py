"""`bootstrap --demo` adds two demo agencies, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from agencies.models import Agency
from cms.models import AseanArticlePage


@pytest.fixture
def demo_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_bootstrap_demo_adds_two_agencies_once(db, demo_media, client, settings):
    out = StringIO()
    call_command("bootstrap", "--demo", stdout=out)
    text = out.getvalue()
    assert "Agency sovhttdl (Sở Văn hóa, Thể thao và Du lịch): http://vhttdl.localhost:8000/vi/" in text
    assert "Agency tinhdoan (Tỉnh Đoàn): http://127.0.0.1:8000/vi/tinhdoan/chuyen-muc-asean/" in text
    assert "Agency login: bientap_vhttdl" in text
    own, section = Agency.objects.get(code="sovhttdl"), Agency.objects.get(code="tinhdoan")
    assert own.site.hostname == "vhttdl.localhost" and section.site is None
    for agency in (own, section):
        assert AseanArticlePage.objects.child_of(agency.column).live().count() == 3
        assert AseanArticlePage.objects.child_of(agency.column_in("en")).live().count() == 3
        assert agency.origins == ["http://127.0.0.1:8013"]
    assert Agency.objects.get(code="portal").origins == ["http://127.0.0.1:8013"]
    # Tỉnh Đoàn lists the portal's socio-cultural articles beside its own.
    response = client.get("/vi/tinhdoan/chuyen-muc-asean/")
    marked = [a for a in response.context["articles"] if a.from_portal]
    assert marked and {a.pillar.slug for a in marked} == {"van-hoa-xa-hoi"}
    assert len(response.context["articles"]) > 3

    pages = AseanArticlePage.objects.count()
    again = StringIO()
    call_command("bootstrap", "--demo", stdout=again)
    assert AseanArticlePage.objects.count() == pages
    assert "0 set-up steps; 0 articles" in again.getvalue()
