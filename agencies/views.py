"""The embeds: /embed/asean/ (an HTML list for an iframe), /embed/asean.json (its data), /embed/asean.js.

None of them reads or sets a cookie, each answers from the cache after its first rendering, and each keeps
other sites out unless the agency registered them: CSP ``frame-ancestors`` for the iframe, CORS for the JSON.
"""

import base64
import hashlib
from datetime import datetime
from functools import cache as memoize
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from agencies import embed

PUBLIC_CACHE = "public, max-age=300, stale-while-revalidate=60"
SCRIPT_CACHE = "public, max-age=86400, stale-while-revalidate=604800"

# Inline in the iframe document, allowed by their hashes in its Content-Security-Policy.
FRAME_STYLE = (
    ":root{color-scheme:light}body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,"
    "sans-serif;color:#1b2733;background:#fff}body.dark{color-scheme:dark;color:#e6edf3;background:#14212d}"
    ".w{padding:12px 14px}h2{font-size:16px;margin:0 0 6px;color:#0b3d6b}.dark h2{color:#9fd0ff}"
    "ul{list-style:none;margin:0;padding:0}li{padding:8px 0;border-top:1px solid #dde4ea}"
    ".dark li{border-color:#2d3f50}a{color:#0b4f8a;text-decoration:none;font-weight:600}"
    ".dark a{color:#8cc4ff}a:hover,a:focus{text-decoration:underline}.m{font-size:12px;color:#5a6a79;"
    "margin-top:2px}.dark .m{color:#a8b7c5}.p{display:inline-block;padding:0 6px;border-radius:8px;"
    "background:#e6f0fa;color:#0b3d6b}.dark .p{background:#22384d;color:#cfe6ff}.more{display:inline-block;"
    "margin-top:8px;font-size:13px}.e{color:#5a6a79}"
)
FRAME_SCRIPT = (
    "(function(){function s(){parent.postMessage({type:'asean-embed:height',"
    "height:Math.ceil(document.body.getBoundingClientRect().height)},'*')}addEventListener('load',s);"
    "if(window.ResizeObserver)new ResizeObserver(s).observe(document.body);else addEventListener('resize',s)})();"
)


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


FRAME_CSP = (
    f"default-src 'none'; style-src {_csp_hash(FRAME_STYLE)}; script-src {_csp_hash(FRAME_SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)
SCRIPT_PATH = Path(settings.BASE_DIR) / "static" / "agencies" / "embed.js"


def _respond(request, rendered: embed.Rendered, content_type: str, cache_control: str, vary: str) -> HttpResponse:
    """200 (gzipped when the client accepts it) or 304; each encoding has its own entity tag."""
    gzipped = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    etag = rendered.etag[:-1] + '-gz"' if gzipped else rendered.etag
    if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
        response = HttpResponse(status=304)
    elif gzipped:
        response = HttpResponse(rendered.gzipped, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(rendered.body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Vary"] = vary
    return response


def _unknown_column(params: embed.EmbedParams) -> HttpResponse:
    # 400 rather than 404: Django's LocaleMiddleware would turn a 404 of /embed/asean/ into a redirect to
    # /vi/embed/asean/ (a valid path of the page tree), which no embed wants.
    with translation.override(params.lang):
        message = translation.gettext("No ASEAN column answers to this code.")
    response = HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"  # lets the widget tell a wrong code from a refused origin
    return response


def _render_frame(params: embed.EmbedParams):
    def render(payload: dict) -> bytes:
        items = [
            {**item, "date_iso": item["date"], "date": datetime.fromisoformat(item["date"]).strftime("%d/%m/%Y")}
            for item in payload["items"]
        ]
        with translation.override(params.lang):
            html = render_to_string(
                "agencies/embed_frame.html",
                {
                    "payload": payload,
                    "items": items,
                    "lang": params.lang,
                    "theme": params.theme,
                    "style": mark_safe(FRAME_STYLE),  # a constant, hashed into the CSP
                    "script": mark_safe(FRAME_SCRIPT),
                },
            )
        return html.encode()

    return render


@require_safe
@xframe_options_exempt  # framing is governed by frame-ancestors, per agency
def embed_frame(request):
    try:
        entry = embed.cached_for_request(request, "html", _render_frame)
    except embed.UnknownColumn:
        return _unknown_column(embed.EmbedParams.from_query(request.GET))
    response = _respond(request, entry, "text/html; charset=utf-8", PUBLIC_CACHE, "Accept-Encoding")
    ancestors = " ".join(["'self'", *entry.origins])
    response["Content-Security-Policy"] = f"{FRAME_CSP}; frame-ancestors {ancestors}"
    response["Referrer-Policy"] = "strict-origin"
    return response


@require_safe
def embed_json(request):
    try:
        entry = embed.cached_for_request(request, "json", lambda params: embed.to_json)
    except embed.UnknownColumn:
        return _unknown_column(embed.EmbedParams.from_query(request.GET))
    response = _respond(request, entry, "application/json", PUBLIC_CACHE, "Accept-Encoding, Origin")
    origin = request.META.get("HTTP_ORIGIN")
    if origin and origin in entry.origins:
        response["Access-Control-Allow-Origin"] = origin
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    return response


@memoize
def _script() -> embed.Rendered:
    return embed.Rendered.of(SCRIPT_PATH.read_bytes())


@require_safe
def embed_script(request):
    script = _script() if not settings.DEBUG else embed.Rendered.of(SCRIPT_PATH.read_bytes())
    return _respond(request, script, "text/javascript; charset=utf-8", SCRIPT_CACHE, "Accept-Encoding")
