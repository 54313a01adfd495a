"""One idempotent step that gives an agency everything it needs: used by `add_agency` and the admin.

``provision(agency)`` makes the database match the agency's configuration (its own site or a section of the
portal, its column in Vietnamese and English, a media collection, an editors group and an approvers group with
permissions on those only, the moderation workflow) and returns one line per change: a second run returns
an empty list and writes nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Collection, Locale, Page, Site

from agencies import permissions
from agencies.models import PORTAL_CODE, Agency, AgencyPage
from cms.bootstrap.editorial import EDITORS
from cms.bootstrap.portal import Portal, ensure_portal, ensure_translation, publish
from cms.models import AseanColumnPage
from cms.settings.env import env_int
from home.models import HomePage, PortalSettings

APPROVERS_PREFIX = "Duyệt bài"
COLUMN_VI = {"title": "Chuyên mục ASEAN", "slug": "chuyen-muc-asean"}
COLUMN_EN = {"title": "ASEAN Column", "slug": "asean-column"}


@dataclass
class Provisioned:
    agency: Agency
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def editors_group_name(agency: Agency) -> str:
    return f"{EDITORS} · {agency.code.upper()}"


def approvers_group_name(agency: Agency) -> str:
    return f"{APPROVERS_PREFIX} · {agency.code.upper()}"


@transaction.atomic
def ensure_agency(code: str, name_vi: str, **fields) -> Provisioned:
    """The agency ``code``, created with ``name_vi`` and ``fields`` (or updated to them), then provisioned."""
    code = code.strip().lower()
    fields = {key: value for key, value in fields.items() if value is not None}
    agency = Agency.objects.filter(code=code).first()
    changes = []
    if agency is None:
        agency = Agency(code=code, name_vi=name_vi, name_en=fields.pop("name_en", None) or name_vi, **fields)
        agency.full_clean()
        agency.save()
        changes.append(_("created agency “%(code)s” (%(name)s)") % {"code": code, "name": name_vi})
    else:
        wanted = {"name_vi": name_vi, **fields}
        updated = [key for key, value in wanted.items() if getattr(agency, key) != value]
        if updated:
            for key in updated:
                setattr(agency, key, wanted[key])
            agency.full_clean()
            agency.save()
            changes.append(_("agency “%(code)s”: updated %(fields)s") % {"code": code, "fields": ", ".join(updated)})
    result = provision(agency)
    result.changes[:0] = changes
    return result


@transaction.atomic
def provision(agency: Agency) -> Provisioned:
    if agency.is_portal or agency.code == PORTAL_CODE:
        raise ValueError("The portal's own column is provisioned by `bootstrap`, not as an agency.")
    portal = ensure_portal()
    vi, en = Locale.objects.get(language_code="vi"), Locale.objects.get(language_code="en")
    changes: list[str] = []
    before = _pointers(agency)

    if agency.hostname:
        root_vi, root_en = _ensure_own_site(agency, vi, en, changes)
    else:
        root_vi, root_en = _ensure_section(agency, portal, vi, en, changes)
    column_vi, column_en = _ensure_column(agency, root_vi, en, changes)
    agency.root_page, agency.column = root_vi, column_vi

    agency.collection = _ensure_collection(agency, changes)
    editors, group_changes = permissions.ensure_group(editors_group_name(agency))
    changes += group_changes
    approvers, group_changes = permissions.ensure_group(approvers_group_name(agency))
    changes += group_changes
    agency.editors_group, agency.approvers_group = editors, approvers

    columns, roots = [column_vi, column_en], [root_vi, root_en]
    board_moderates = agency.moderation == Agency.Moderation.PORTAL
    for group in (editors, approvers):
        changes += permissions.sync_model_permissions(group, permissions.AGENCY_MODEL_PERMISSIONS)
    changes += permissions.sync_page_permissions(editors, columns, permissions.EDITOR_PAGE_PERMISSIONS)
    if board_moderates:
        # Publishing rights would let the agency's approvers bypass the board: they edit like editors.
        changes += permissions.sync_page_permissions(approvers, columns, permissions.EDITOR_PAGE_PERMISSIONS)
    else:
        changes += permissions.sync_page_permissions(approvers, roots, permissions.APPROVER_PAGE_PERMISSIONS)
    changes += permissions.sync_board_permissions(columns, board_moderates)
    changes += permissions.sync_collection_permissions(editors, agency.collection, permissions.EDITOR_MEDIA_PERMISSIONS)
    changes += permissions.sync_collection_permissions(
        approvers, agency.collection, permissions.APPROVER_MEDIA_PERMISSIONS
    )

    if board_moderates:
        workflow = permissions.portal_workflow()
    else:
        workflow, workflow_changes = permissions.ensure_agency_workflow(
            f"Duyệt bài Chuyên mục ASEAN · {agency.code.upper()}",
            f"{agency.name_vi} duyệt bài",
            approvers,
            agency.workflow,
        )
        changes += workflow_changes
    agency.workflow = workflow
    changes += permissions.assign_workflow(workflow, columns)
    changes += permissions.ensure_admin_permissions()

    if _pointers(agency) != before:
        agency.save()
    return Provisioned(agency, changes)


def ensure_portal_agency(portal: Portal | None = None) -> Agency:
    """The row that lets the portal's own column be embedded like an agency's, under the code ``portal``."""
    agency = Agency.objects.filter(is_portal=True).first()
    if agency is not None:
        return agency
    portal = portal or ensure_portal()
    settings = PortalSettings.for_site(portal.site)
    return Agency.objects.create(
        code=PORTAL_CODE,
        is_portal=True,
        name_vi=settings.organisation_name_vi or portal.site.site_name,
        name_en=settings.organisation_name_en or portal.site.site_name,
        kind=Agency.Kind.OTHER,
        moderation=Agency.Moderation.PORTAL,
        site=portal.site,
        root_page=portal.home_vi,
        column=portal.column_vi,
    )


def _pointers(agency: Agency) -> tuple:
    return (
        agency.site_id,
        agency.root_page_id,
        agency.column_id,
        agency.collection_id,
        agency.editors_group_id,
        agency.approvers_group_id,
        agency.workflow_id,
    )


def _ensure_section(agency: Agency, portal: Portal, vi: Locale, en: Locale, changes: list[str]) -> tuple:
    page = AgencyPage.objects.filter(pk=agency.root_page_id).first()
    if page is None:
        page = AgencyPage.objects.child_of(portal.home_vi).filter(slug=agency.code).first()
    if page is None:
        page = portal.home_vi.add_child(
            instance=AgencyPage(title=agency.name_vi, slug=agency.code, locale=vi, live=False)
        )
        publish(page)
        changes.append(
            _("created the portal section “%(path)s” (%(name)s)") % {"path": page.url_path, "name": agency.name_vi}
        )
    translation = page.get_translation_or_none(en)
    page_en = ensure_translation(page, en, title=agency.name_en, slug=agency.code)
    if translation is None:
        changes.append(_("created its English version (%(name)s)") % {"name": agency.name_en})
    return page, page_en


def _ensure_own_site(agency: Agency, vi: Locale, en: Locale, changes: list[str]) -> tuple:
    home = HomePage.objects.filter(pk=agency.root_page_id).first()
    if home is None:
        home = HomePage.objects.filter(depth=2, locale=vi, slug=f"trang-chu-{agency.code}").first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title=agency.name_vi, slug=f"trang-chu-{agency.code}", locale=vi, live=False)
        )
        publish(home)
        changes.append(_("created the home page “%(name)s”") % {"name": agency.name_vi})
    translation = home.get_translation_or_none(en)
    home_en = ensure_translation(home, en, title=agency.name_en, slug=f"home-{agency.code}")
    if translation is None:
        changes.append(_("created its English version (%(name)s)") % {"name": agency.name_en})

    site = Site.objects.filter(pk=agency.site_id).first() or Site.objects.filter(root_page=home).first()
    port = env_int("SITE_PORT", 8000)
    if site is None:
        site = Site.objects.create(hostname=agency.hostname, port=port, root_page=home, site_name=agency.name_vi)
        changes.append(_("created the site %(host)s:%(port)s") % {"host": agency.hostname, "port": port})
    elif site.hostname != agency.hostname:
        site.hostname = agency.hostname
        site.save()
        changes.append(_("the site now answers to %(host)s") % {"host": agency.hostname})
    agency.site = site

    settings = PortalSettings.for_site(site)
    if not settings.organisation_name_vi:
        settings.organisation_name_vi, settings.organisation_name_en = agency.name_vi, agency.name_en
        settings.save()
        changes.append(_("filled the site settings of %(host)s with the agency's names") % {"host": agency.hostname})
    return home, home_en


def _ensure_column(agency: Agency, root_vi: Page, en: Locale, changes: list[str]) -> tuple:
    column = AseanColumnPage.objects.child_of(root_vi).first()
    if column is None:
        column = root_vi.add_child(
            instance=AseanColumnPage(
                **COLUMN_VI,
                locale=root_vi.locale,
                search_description=f"Tin tức, sự kiện về Cộng đồng ASEAN của {agency.name_vi}.",
                live=False,
            )
        )
        publish(column)
        changes.append(_("created the column “%(path)s”") % {"path": column.url_path})
    translation = column.get_translation_or_none(en)
    column_en = ensure_translation(
        column, en, **COLUMN_EN, search_description=f"ASEAN Community news and events from {agency.name_en}."
    )
    if translation is None:
        changes.append(_("created the English column"))
    return column, column_en


def _ensure_collection(agency: Agency, changes: list[str]) -> Collection:
    collection = Collection.objects.filter(pk=agency.collection_id).first()
    if collection is not None:
        return collection
    root = Collection.get_first_root_node()
    name = f"{agency.name_vi} ({agency.code.upper()})"
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
        changes.append(_("created the media collection “%(name)s”") % {"name": name})
    return collection
