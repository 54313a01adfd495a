from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Site, Workflow, WorkflowPage

from aggregator.models import Source
from cms.bootstrap.editorial import ADMINS, EDITORS, MODERATORS, WORKFLOW_NAME
from cms.models import AseanColumnPage, Country, Pillar, Topic
from home.models import PortalSettings


def _snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "path", "slug", "live")),
        "sites": list(Site.objects.values_list("pk", "root_page_id", "hostname")),
        "groups": list(Group.objects.order_by("name").values_list("name", flat=True)),
        "page_permissions": GroupPagePermission.objects.count(),
        "workflows": list(WorkflowPage.objects.values_list("page_id", "workflow_id")),
        "taxonomy": (Pillar.objects.count(), Topic.objects.count(), Country.objects.count()),
        "sources": list(Source.objects.order_by("pk").values_list("feed_url", "enabled")),
    }


def test_bootstrap_creates_the_portal_column_in_both_languages(db):
    call_command("bootstrap", stdout=StringIO())
    column_vi = AseanColumnPage.objects.get(locale__language_code="vi")
    column_en = AseanColumnPage.objects.get(locale__language_code="en")
    assert column_vi.url == "/vi/chuyen-muc-asean/"
    assert column_en.url == "/en/asean-column/"
    assert column_en.translation_key == column_vi.translation_key
    assert (Pillar.objects.count(), Topic.objects.count(), Country.objects.count()) == (3, 12, 11)
    assert Country.objects.filter(code="tl").exists()
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, MODERATORS, ADMINS}
    assert WorkflowPage.objects.get(page=column_vi).workflow.name == WORKFLOW_NAME
    assert PortalSettings.for_site(Site.objects.get(is_default_site=True)).organisation_name_vi
    # Wagtail's placeholder welcome page is gone, and its default groups and workflow with it.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    # The central press, for an admin to enable: none is polled until then.
    assert Source.objects.feeds().count() == 10 and not Source.objects.feeds().filter(enabled=True).exists()


def test_bootstrap_twice_changes_nothing(db):
    call_command("bootstrap", stdout=StringIO())
    first = _snapshot()
    call_command("bootstrap", stdout=StringIO())
    assert _snapshot() == first


def test_bootstrap_keeps_an_editors_rename_of_the_province(db):
    """Names are data: a rename made by editors survives later bootstrap runs."""
    call_command("bootstrap", stdout=StringIO())
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name_vi = "Ủy ban nhân dân thành phố Cần Thơ"
    settings.save()
    call_command("bootstrap", stdout=StringIO())
    settings.refresh_from_db()
    assert settings.organisation_name_vi == "Ủy ban nhân dân thành phố Cần Thơ"
