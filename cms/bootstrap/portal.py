"""Locales, the portal site, its home page and its ASEAN column, in Vietnamese and English."""

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.models import AseanColumnPage
from cms.settings.env import env_int, env_str
from home.models import HomePage, PortalSettings

DEFAULT_ORGANISATION = ("Ủy ban nhân dân tỉnh Sóc Trăng", "Soc Trang Provincial People's Committee")

RELATED_PORTALS = [
    ("Cổng Thông tin điện tử Chính phủ", "Government of Viet Nam portal", "https://chinhphu.vn"),
    ("Bộ Ngoại giao", "Ministry of Foreign Affairs", "https://mofa.gov.vn"),
    ("Cổng Dịch vụ công quốc gia", "National Public Service Portal", "https://dichvucong.gov.vn"),
    ("Ban Thư ký ASEAN", "ASEAN Secretariat", "https://asean.org"),
]


@dataclass(frozen=True)
class Portal:
    site: Site
    home_vi: HomePage
    home_en: HomePage
    column_vi: AseanColumnPage
    column_en: AseanColumnPage


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def ensure_translation(page: Page, locale: Locale, **fields) -> Page:
    """The page's translation into ``locale``, created and published with ``fields`` when missing."""
    translation = page.get_translation_or_none(locale)
    if translation is not None:
        return translation.specific
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation)


@transaction.atomic
def ensure_portal() -> Portal:
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()

    home_vi = HomePage.objects.filter(locale=vi, depth=2).first()
    if home_vi is None:
        home_vi = root.add_child(instance=HomePage(title="Thông tin ASEAN tỉnh Sóc Trăng", slug="trang-chu", locale=vi))
        publish(home_vi)
    site = _ensure_site(home_vi)
    _remove_wagtail_welcome_page(root)
    home_en = ensure_translation(home_vi, en, title="ASEAN information - Soc Trang", slug="home")

    column_vi = AseanColumnPage.objects.child_of(home_vi).first()
    if column_vi is None:
        column_vi = home_vi.add_child(
            instance=AseanColumnPage(
                title="Chuyên mục ASEAN",
                slug="chuyen-muc-asean",
                locale=vi,
                search_description="Tin tức, sự kiện về Cộng đồng ASEAN và hội nhập của tỉnh.",
            )
        )
        publish(column_vi)
    column_en = ensure_translation(
        column_vi,
        en,
        title="ASEAN Column",
        slug="asean-column",
        search_description="News and events of the ASEAN Community and the province's integration.",
    )
    _ensure_portal_settings(site)
    return Portal(site, home_vi, home_en, column_vi, column_en)


def _ensure_site(home: HomePage) -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    if site.root_page_id != home.pk:
        site.root_page = home
        # Full URLs in feeds and the sitemap come from these; `make run` serves on 127.0.0.1:8000.
        site.hostname = env_str("SITE_HOSTNAME", "127.0.0.1")
        site.port = env_int("SITE_PORT", 8000)
        site.site_name = "Chuyên mục ASEAN"
        site.save()
    return site


def _remove_wagtail_welcome_page(root: Page) -> None:
    """Wagtail's migrations create a placeholder home page; ours replaces it once the site points away."""
    for page in root.get_children().filter(content_type__model="page", content_type__app_label="wagtailcore"):
        if not Site.objects.filter(root_page=page).exists():
            page.delete()


def _ensure_portal_settings(site: Site) -> None:
    settings = PortalSettings.for_site(site)
    if settings.organisation_name_vi:
        return
    settings.organisation_name_vi, settings.organisation_name_en = DEFAULT_ORGANISATION
    settings.address_vi = "Số 1 Châu Văn Tiếp, Phường 2, thành phố Sóc Trăng"
    settings.address_en = "1 Chau Van Tiep Street, Ward 2, Soc Trang"
    settings.phone = "0299 3 000 000"
    settings.email = "asean@example.gov.vn"
    settings.responsible_person = "Văn phòng UBND tỉnh"
    settings.related_portals = [
        ("portal", {"name_vi": name_vi, "name_en": name_en, "url": url}) for name_vi, name_en, url in RELATED_PORTALS
    ]
    settings.save()
