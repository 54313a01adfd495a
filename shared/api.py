"""The read-only JSON API for newsroom systems (docs/shared-api.md, schema in ``shared.openapi``).

``GET /api/shared/v1/items/`` lists the shared items kept by the ASEAN filter, searched and filtered by
``SharedItemFilter`` exactly as in the admin list; ``GET /api/shared/v1/items/<id>/`` is one of them with
its full text and attachments. Every request carries a newsroom's token (``Authorization: Bearer``) and
counts against its rate; every answer, errors included, is JSON and never stored by a cache.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aggregator.models import Item, ItemStatus, ReuseRights
from cms.citation import citation_line
from shared import tokens
from shared.filters import SharedItemFilter
from shared.models import Attachment
from shared.reuse import outlet_name

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PAGING_PARAMETERS = ("page", "page_size")
# Query parameters of the list: the shared list's filters, and paging.
ACCEPTED_PARAMETERS = (*SharedItemFilter.base_filters, *PAGING_PARAMETERS)
BEARER_REALM = 'Bearer realm="shared-api"'


# --- Responses ------------------------------------------------------------------------------------


def error_response(
    status: int, code: str, message: str, *, details: dict | None = None, headers: dict | None = None
) -> JsonResponse:
    body = {"error": {"code": code, "message": message}}
    if details:
        body["error"]["details"] = details
    return JsonResponse(body, status=status, headers=headers, json_dumps_params={"ensure_ascii": False})


def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return _no_store(request, error_response(404, "not_found", _("Not found.")))


def _no_store(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"  # answers depend on the token: no shared cache may keep them
    return response


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET only, from a live token within its rate; errors in JSON, nothing kept by caches."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return _no_store(request, _guarded(view, request, *args, **kwargs))

    return wrapper


def _guarded(view, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return error_response(405, "method_not_allowed", _("Only GET is allowed."), headers={"Allow": "GET, HEAD"})
    key = tokens.key_from_header(request.headers.get("Authorization", ""))
    if not key:
        return error_response(
            401,
            "unauthorized",
            _("Send a token: Authorization: Bearer <token>."),
            headers={"WWW-Authenticate": BEARER_REALM},
        )
    token = tokens.authenticate(key)
    if token is None:
        return error_response(
            401,
            "invalid_token",
            _("The token is unknown or revoked."),
            headers={"WWW-Authenticate": f'{BEARER_REALM}, error="invalid_token"'},
        )
    retry_after = tokens.throttle(token)
    if retry_after:
        return error_response(
            429, "rate_limited", _("Too many requests: try again later."), headers={"Retry-After": str(retry_after)}
        )
    try:
        return view(request, *args, **kwargs)
    except Http404:
        return error_response(404, "not_found", _("Not found."))


# --- Items ----------------------------------------------------------------------------------------


def shared_items() -> QuerySet[Item]:
    """What the API may show: the items kept by the ASEAN filter, with everything a page of them needs."""
    return (
        Item.objects.filter(status=ItemStatus.VISIBLE)
        .defer("search_vector")  # the search index, large and never shown
        .select_related("source", "pillar", "cluster", "image")
        .prefetch_related("topics", "countries")
    )


def outlet_of(item: Item) -> str:
    return outlet_name(item.source)


def citations(item: Item) -> dict[str, str]:
    """The citation line in each language: ``Theo VietnamPlus (https://..., 12/03/2026)``."""
    lines = {}
    for language in ("vi", "en"):
        with translation.override(language):
            lines[language] = citation_line(outlet_of(item), item.url, item.published_at)
    return lines


def _absolute(request: HttpRequest, url: str) -> str | None:
    return request.build_absolute_uri(url) if url else None


def _named(obj, key: str = "slug") -> dict | None:
    if obj is None:
        return None
    return {key: getattr(obj, key), "name_vi": obj.name_vi, "name_en": obj.name_en}


def serialize_item(item: Item, request: HttpRequest, *, detail: bool = False) -> dict:
    """An item as the API shows it, within its source's reuse rights.

    Full text: everything. Excerpt and link: the summary, no full text, no image or files. Link only:
    nothing of the work itself, only what is needed to find and cite it.
    """
    rights = item.source.reuse_rights
    full = rights == ReuseRights.FULL_TEXT
    data = {
        "id": item.pk,
        "title": item.title,
        "url": item.url,
        "outlet": outlet_of(item),
        "author": item.author,
        "original_source": item.original_source,
        "language": item.language,
        "published": timezone.localtime(item.published_at).isoformat(),
        "kind": item.kind,
        "pillar": _named(item.pillar),
        "topics": [_named(topic) for topic in item.topics.all()],
        "countries": [_named(country, "code") for country in item.countries.all()],
        "cluster": {"id": item.cluster_id, "title": item.cluster.title} if item.cluster else None,
        "reuse_rights": rights,
        "summary": item.summary if rights != ReuseRights.LINK_ONLY else None,
        "image": _image_url(item, request) if full else None,
        "image_credit": item.image_credit if full else "",
        "media_url": item.media_url if full else "",
        "citation": citations(item),
    }
    if detail:
        data["content"] = item.content if full else None
        data["attachments"] = (
            [_attachment(attachment, request) for attachment in item.attachments.all()] if full else []
        )
    return data


def _image_url(item: Item, request: HttpRequest) -> str | None:
    """The stored copy of the lead image, else the outlet's own address of it."""
    if item.image:
        return _absolute(request, item.image.file.url)
    return item.image_url or None


def _attachment(attachment: Attachment, request: HttpRequest) -> dict:
    if attachment.image:
        url = _absolute(request, attachment.image.file.url)
    elif attachment.document:
        url = _absolute(request, attachment.document.url)
    else:
        url = attachment.url or None
    return {"kind": attachment.kind, "url": url, "caption": attachment.caption, "credit": attachment.credit}


def _whole_number(value: str | None, default: int, maximum: int | None = None) -> int | None:
    """``value`` as a number from 1 to ``maximum``; ``default`` when absent, None when not valid."""
    if value in (None, ""):
        return default
    if not value.isdigit() or int(value) < 1 or (maximum and int(value) > maximum):
        return None
    return int(value)


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@api_view
def item_list(request: HttpRequest) -> HttpResponse:
    filters = SharedItemFilter(request.GET, queryset=shared_items().defer("content"))
    errors = {} if filters.is_valid() else {name: list(messages) for name, messages in filters.errors.items()}
    page = _whole_number(request.GET.get("page"), 1)
    page_size = _whole_number(request.GET.get("page_size"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    if page is None:
        errors["page"] = [_("A whole number from 1.")]
    if page_size is None:
        errors["page_size"] = [_("A whole number from 1 to %(max)s.") % {"max": MAX_PAGE_SIZE}]
    if errors:
        return error_response(400, "invalid_parameters", _("Some parameters are not valid."), details=errors)
    # Counted up to COUNT_CAP: an exact count of a common word would read every match (docs/shared-api.md).
    count, count_exact = filters.count_matches()
    start = (page - 1) * page_size
    # Past the last page: an empty page, not an error (a client pages until `next` is null). One row more
    # than the page says whether there is a next one, whether the count is exact or not.
    rows = list(filters.qs[start : start + page_size + 1]) if start < count or not count_exact else []
    body = {
        "count": count,
        "next": _page_url(request, page + 1) if len(rows) > page_size else None,
        "results": [serialize_item(item, request) for item in rows[:page_size]],
    }
    if not count_exact:
        body["count_capped"] = True
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@api_view
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = shared_items().prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.select_related("image", "document"))
    )
    item = get_object_or_404(queryset, pk=pk)
    return JsonResponse(serialize_item(item, request, detail=True), json_dumps_params={"ensure_ascii": False})
