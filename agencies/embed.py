"""What embeds show and who may show them: parameters, the article list, the allowed origins, the snippets.

Views (``agencies.views``) only turn these into responses. A payload is computed once per combination of
parameters and content version (``cms.cache.content_version``, bumped by any publish, unpublish, move or
delete and by any change to an agency), so a repeat request costs no query, and within one process no cache
read either (see ``cached_for_request``).
"""

import gzip
import hashlib
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import Site

from agencies.models import PORTAL_CODE, Agency
from cms.cache import content_version
from cms.listing import ColumnFilters

DEFAULT_LIMIT = 5
MAX_LIMIT = 20
LANGUAGES = ("vi", "en")
THEMES = ("light", "dark")
PAYLOAD_SECONDS = 600


@dataclass(frozen=True)
class EmbedParams:
    agency: str
    limit: int = DEFAULT_LIMIT
    lang: str = "vi"
    pillar: str = ""
    theme: str = "light"

    @classmethod
    def from_query(cls, params: QueryDict) -> "EmbedParams":
        """Lenient: anything out of range falls back to the default rather than failing the host's page."""
        try:
            limit = int(params.get("limit", DEFAULT_LIMIT))
        except ValueError:
            limit = DEFAULT_LIMIT
        lang = params.get("lang", "vi")
        theme = params.get("theme", "light")
        return cls(
            agency=params.get("agency", "").strip().lower()[:30],
            limit=min(max(limit, 1), MAX_LIMIT),
            lang=lang if lang in LANGUAGES else "vi",
            pillar=params.get("pillar", "").strip()[:60],
            theme=theme if theme in THEMES else "light",
        )

    def query(self, *, theme: bool = True) -> str:
        values = {"agency": self.agency, "limit": self.limit, "lang": self.lang}
        if self.pillar:
            values["pillar"] = self.pillar
        if theme:
            values["theme"] = self.theme
        return urlencode(values)

    def cache_key(self, kind: str) -> str:
        digest = hashlib.sha256(self.query().encode()).hexdigest()[:24]
        return f"embed:{content_version()}:{kind}:{digest}"


class UnknownColumn(LookupError):
    pass


def find_agency(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first()


def resolve_column(code: str, language: str):
    """(agency or None, column in ``language``); the portal's column answers to the code ``portal``."""
    from cms.models import AseanColumnPage

    agency = find_agency(code) if code else None
    if agency is not None:
        column = agency.column_in(language)
    elif code == PORTAL_CODE:
        site = Site.objects.filter(is_default_site=True).first()
        home = site.root_page if site else None
        home = home.get_translations(inclusive=True).filter(locale__language_code=language).first() if home else None
        column = AseanColumnPage.objects.live().child_of(home).first() if home else None
    else:
        column = None
    if column is None:
        raise UnknownColumn(code)
    return agency, column


def build_payload(params: EmbedParams) -> dict:
    """The JSON document of docs/agencies.md: the column and its latest articles (the agency's and marked ones)."""
    agency, column = resolve_column(params.agency, params.lang)
    with translation.override(params.lang):
        articles = ColumnFilters(pillar=params.pillar).apply(column.articles())[: params.limit]
        items = [
            {
                "title": article.title,
                "url": article.get_full_url(),
                "date": timezone.localtime(article.date).isoformat(),
                "lead": article.lead,
                "pillar": {"slug": article.pillar.slug, "name": article.pillar.name},
                "from_portal": bool(getattr(article, "from_portal", False)),
            }
            for article in articles
        ]
        name = agency.name if agency is not None else _portal_name(column)
    return {
        "version": 1,
        "agency": {"code": params.agency, "name": name},
        "column": {"title": column.title, "url": column.get_full_url(), "lang": params.lang},
        "pillar": params.pillar or None,
        "items": items,
    }


def _portal_name(column) -> str:
    from home.models import PortalSettings

    site = column.get_site()
    return PortalSettings.for_site(site).organisation_name or site.site_name


def allowed_origins(code: str) -> list[str]:
    agency = find_agency(code)
    return agency.origins if agency is not None else []


@dataclass(frozen=True)
class Rendered:
    """A finished embed body, with what every response of it needs computed once."""

    body: bytes
    gzipped: bytes
    etag: str
    origins: tuple[str, ...]

    @classmethod
    def of(cls, body: bytes, origins=()) -> "Rendered":
        return cls(
            body=body,
            gzipped=gzip.compress(body, compresslevel=9, mtime=0),
            etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
            origins=tuple(origins),
        )


def cached(params: EmbedParams, kind: str, render) -> Rendered:
    """The rendered embed for these parameters, rendered once per content version."""
    key = params.cache_key(kind)
    entry = cache.get(key)
    if entry is None:
        entry = Rendered.of(render(build_payload(params)), allowed_origins(params.agency))
        cache.set(key, entry, PAYLOAD_SECONDS)
    return entry


# This process's copies, keyed by the raw query string and the content version (an old version is simply
# never asked for again): a repeat request is answered without parsing, hashing or a cache round trip.
_recent: dict[tuple[str, int, str], Rendered] = {}
RECENT_LIMIT = 256


def cached_for_request(request, kind: str, render_for) -> Rendered:
    """``cached`` for this request's parameters; ``render_for(params)`` gives the renderer. May raise UnknownColumn."""
    key = (kind, content_version(), request.META.get("QUERY_STRING", ""))
    entry = _recent.get(key)
    if entry is None:
        params = EmbedParams.from_query(request.GET)
        entry = cached(params, kind, render_for(params))
        if len(_recent) >= RECENT_LIMIT:
            _recent.clear()
        _recent[key] = entry
    return entry


def to_json(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


# --- Snippets --------------------------------------------------------------------------------------------


def service_base_url() -> str:
    """Where the embeds are served from: the portal's site (the default one)."""
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else "http://127.0.0.1:8000"


def resize_script(base_url: str) -> str:
    """The one line a host page adds so the iframe takes the height of its content (postMessage)."""
    origin = json.dumps(base_url.rstrip("/"))
    return (
        '<script>addEventListener("message",function(e){if(e.origin!==' + origin + '||!e.data||e.data.type!=="'
        'asean-embed:height")return;document.querySelectorAll("iframe[data-asean-embed]").forEach(function(f)'
        '{if(f.contentWindow===e.source)f.style.height=e.data.height+"px"})});</script>'
    )


def iframe_snippet(base_url: str, params: EmbedParams, title: str) -> str:
    base = base_url.rstrip("/")
    return (
        f'<iframe data-asean-embed src="{base}/embed/asean/?{escape(params.query())}" title="{escape(title)}" '
        'style="width:100%;height:420px;border:0" loading="lazy" referrerpolicy="strict-origin"></iframe>\n'
        + resize_script(base)
    )


def script_snippet(base_url: str, params: EmbedParams) -> str:
    base = base_url.rstrip("/")
    attributes = f'data-agency="{escape(params.agency)}" data-limit="{params.limit}" data-lang="{params.lang}"'
    if params.pillar:
        attributes += f' data-pillar="{escape(params.pillar)}"'
    attributes += f' data-theme="{params.theme}"'
    return f'<div data-asean-embed {attributes}></div>\n<script src="{base}/embed/asean.js" async></script>'
