"""add_agency / ensure_agency: what one step makes, and that a second run changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from agencies.models import Agency, AgencyPage, normalize_origin
from agencies.provisioning import ensure_agency
from cms.bootstrap.editorial import MODERATORS, WORKFLOW_NAME
from cms.models import AseanColumnPage
from home.models import HomePage, PortalSettings


def _snapshot() -> dict:
    """Everything provisioning may write, row by row."""
    return {
        "pages": list(Page.objects.values_list("pk", "path", "title", "slug", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("pk", "hostname", "port", "root_page_id", "site_name")),
        "collections": list(Collection.objects.values_list("pk", "path", "name")),
        "groups": list(Group.objects.values_list("pk", "name")),
        "group_model_permissions": list(Group.permissions.through.objects.values_list("pk", flat=True)),
        "page_permissions": list(GroupPagePermission.objects.values_list("pk", "group_id", "page_id", "permission_id")),
        "media_permissions": list(GroupCollectionPermission.objects.values_list("pk", flat=True)),
        "workflows": list(Workflow.objects.values_list("pk", "name")),
        "workflow_pages": list(WorkflowPage.objects.values_list("page_id", "workflow_id")),
        "workflow_tasks": list(WorkflowTask.objects.values_list("pk", flat=True)),
        "agencies": list(Agency.objects.values()),
        "settings": list(PortalSettings.objects.values_list("pk", "site_id", "organisation_name_vi")),
    }


def test_a_portal_section_agency_gets_everything_in_one_step(portal):
    result = ensure_agency("soa", "Sở Ngoại vụ", name_en="Department of Foreign Affairs")
    agency = result.agency
    assert result.changed
    section = agency.root_page.specific
    assert isinstance(section, AgencyPage)
    assert section.get_parent().pk == portal.home_vi.pk
    assert agency.column.get_parent().pk == section.pk and agency.column.live
    assert agency.column.url == "/vi/soa/chuyen-muc-asean/"
    column_en = agency.column_in("en")
    assert column_en.url == "/en/soa/asean-column/"
    assert column_en.get_parent().get_parent().pk == portal.home_en.pk
    assert agency.site is None
    assert agency.collection.get_parent().is_root()
    assert agency.editors_group.name == "Biên tập viên · SOA"
    assert agency.approvers_group.name == "Duyệt bài · SOA"
    # Moderated by its own approvers through its own workflow.
    assert agency.column.get_workflow().pk == agency.workflow.pk
    assert column_en.get_workflow().pk == agency.workflow.pk
    task = agency.workflow.tasks.get().specific
    assert list(task.groups.all()) == [agency.approvers_group]
    # The portal column keeps the portal's workflow.
    assert portal.column_vi.get_workflow().name == WORKFLOW_NAME


def test_an_agency_with_its_own_host_name_gets_a_site(portal):
    agency = ensure_agency(
        "phuongb", "Phường Vĩnh Phước", name_en="Vinh Phuoc Ward", hostname="vinhphuoc.localhost"
    ).agency
    site = agency.site
    assert site.hostname == "vinhphuoc.localhost" and not site.is_default_site
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.depth == 2 and home.title == "Phường Vĩnh Phước"
    assert home.get_translation(portal.home_en.locale).title == "Vinh Phuoc Ward"
    assert agency.column.get_parent().pk == home.pk
    assert agency.column.full_url == "http://vinhphuoc.localhost:8000/vi/chuyen-muc-asean/"
    assert agency.column_in("en").full_url == "http://vinhphuoc.localhost:8000/en/asean-column/"
    settings = PortalSettings.for_site(site)
    assert (settings.organisation_name_vi, settings.organisation_name_en) == ("Phường Vĩnh Phước", "Vinh Phuoc Ward")
    # The portal's own settings are untouched.
    assert PortalSettings.for_site(portal.site).organisation_name_vi != "Phường Vĩnh Phước"


def test_the_agency_site_serves_its_column(client, portal, settings):
    settings.ALLOWED_HOSTS = ["*"]
    ensure_agency("phuongb", "Phường Vĩnh Phước", name_en="Vinh Phuoc Ward", hostname="vinhphuoc.localhost")
    response = client.get("/vi/chuyen-muc-asean/", HTTP_HOST="vinhphuoc.localhost:8000")
    assert response.status_code == 200
    assert response.context["page"].get_site().hostname == "vinhphuoc.localhost"
    assert "Phường Vĩnh Phước" in response.content.decode()  # the site's own settings (footer)


@pytest.mark.parametrize("hostname", [None, "vinhphuoc.localhost"])
def test_a_second_run_changes_nothing(portal, hostname):
    first = ensure_agency("soa", "Sở Ngoại vụ", name_en="Foreign Affairs", hostname=hostname)
    assert first.changed
    before = _snapshot()
    second = ensure_agency("soa", "Sở Ngoại vụ", name_en="Foreign Affairs", hostname=hostname)
    assert second.changes == []
    assert _snapshot() == before


def test_add_agency_command_prints_what_it_did_and_is_idempotent(portal):
    out = StringIO()
    with translation.override("en"):
        call_command("add_agency", "tdtn", "Tỉnh Đoàn", "--name-en", "Provincial Youth Union", stdout=out)
    text = out.getvalue()
    assert "- created agency “tdtn” (Tỉnh Đoàn)" in text
    assert "- created the column “/trang-chu/tdtn/chuyen-muc-asean/”" in text
    assert "- created group “Biên tập viên · TDTN”" in text
    assert "- created the media collection “Tỉnh Đoàn (TDTN)”" in text
    assert "Column: http://127.0.0.1:8000/vi/tdtn/chuyen-muc-asean/ and " in text
    before = _snapshot()
    out = StringIO()
    call_command("add_agency", "tdtn", "Tỉnh Đoàn", "--name-en", "Provincial Youth Union", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert "- " not in out.getvalue()
    assert _snapshot() == before


def test_add_agency_with_hostname_and_origin(portal):
    out = StringIO()
    with translation.override("en"):
        call_command(
            "add_agency",
            "sovhttdl",
            "Sở Văn hóa, Thể thao và Du lịch",
            "--hostname",
            "vhttdl.localhost",
            "--origin",
            "http://127.0.0.1:8013/",
            stdout=out,
        )
    agency = Agency.objects.get(code="sovhttdl")
    assert agency.site.hostname == "vhttdl.localhost"
    assert agency.origins == ["http://127.0.0.1:8013"]
    assert "created the site vhttdl.localhost:8000" in out.getvalue()


def test_board_moderation_is_configurable(portal):
    agency = ensure_agency("soa", "Sở Ngoại vụ", moderation="portal").agency
    assert agency.column.get_workflow().name == WORKFLOW_NAME
    board = Group.objects.get(name=MODERATORS)
    assert agency.column.permissions_for_user(_member(board)).can_publish()
    # The agency's approvers do not publish around the board.
    assert not agency.column.permissions_for_user(_member(agency.approvers_group)).can_publish()

    switched = ensure_agency("soa", "Sở Ngoại vụ", moderation="agency")
    assert switched.changed
    agency.refresh_from_db()
    assert agency.column.get_workflow().pk == agency.workflow.pk != Workflow.objects.get(name=WORKFLOW_NAME).pk
    assert not agency.column.permissions_for_user(_member(board)).can_publish()
    assert agency.column.permissions_for_user(_member(agency.approvers_group)).can_publish()


def _member(group):
    from tests.cms.factories import UserFactory

    return UserFactory(groups=[group.name])


def test_the_portal_code_is_reserved(portal):
    with pytest.raises(ValidationError):
        ensure_agency("portal", "Cổng")
    with pytest.raises(CommandError):
        call_command("add_agency", "portal", "Cổng", stdout=StringIO())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://127.0.0.1:8013", "http://127.0.0.1:8013"),
        ("HTTPS://Example.GOV.vn/", "https://example.gov.vn"),
        ("https://example.gov.vn:443", "https://example.gov.vn"),
    ],
)
def test_origins_are_normalised(value, expected):
    assert normalize_origin(value) == expected


@pytest.mark.parametrize("value", ["example.gov.vn", "ftp://example.gov.vn", "https://example.gov.vn/path", "*"])
def test_bad_origins_are_refused(value):
    with pytest.raises(ValidationError):
        normalize_origin(value)


def test_allow_embed_origin_command(portal):
    ensure_agency("soa", "Sở Ngoại vụ")
    out = StringIO()
    call_command("allow_embed_origin", "soa", "http://127.0.0.1:8013", stdout=out)
    assert "now allowed: http://127.0.0.1:8013" in out.getvalue()
    call_command("allow_embed_origin", "soa", "http://127.0.0.1:8013/", stdout=(out := StringIO()))
    assert "nothing changed" in out.getvalue()
    assert Agency.objects.get(code="soa").origins == ["http://127.0.0.1:8013"]
    # The portal's own column is embedded the same way.
    call_command("allow_embed_origin", "portal", "https://tinh.example.vn", stdout=StringIO())
    assert Agency.objects.get(code="portal").origins == ["https://tinh.example.vn"]
    with pytest.raises(CommandError):
        call_command("allow_embed_origin", "khong-co", "https://x.vn", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("allow_embed_origin", "soa", "not an origin", stdout=StringIO())


@pytest.mark.parametrize("code", ["soa", "portal"])
def test_embed_snippet_command_prints_both_snippets(portal, code):
    ensure_agency("soa", "Sở Ngoại vụ", name_en="Department of Foreign Affairs")
    out = StringIO()
    call_command("embed_snippet", code, "--lang", "en", "--limit", "7", stdout=out)
    text = out.getvalue()
    assert f'src="http://127.0.0.1:8000/embed/asean/?agency={code}&amp;limit=7&amp;lang=en&amp;theme=light"' in text
    assert "<iframe data-asean-embed" in text and 'addEventListener("message"' in text
    assert f'<div data-asean-embed data-agency="{code}" data-limit="7" data-lang="en"' in text
    assert '<script src="http://127.0.0.1:8000/embed/asean.js" async></script>' in text
    assert "allow_embed_origin" in text  # none registered yet


def test_embed_snippet_refuses_unknown_codes(portal):
    with pytest.raises(CommandError):
        call_command("embed_snippet", "khong-co", stdout=StringIO())


def test_columns_are_created_only_once_per_agency(portal):
    ensure_agency("soa", "Sở Ngoại vụ")
    ensure_agency("soa", "Sở Ngoại vụ")
    assert AseanColumnPage.objects.filter(slug="chuyen-muc-asean").count() == 2  # the portal's and the agency's
