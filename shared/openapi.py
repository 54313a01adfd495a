"""The OpenAPI 3.1 description of the shared API, served at /api/shared/v1/openapi.json.

Written by hand, as data: the API is small, and a test (tests/shared/test_api.py) holds this document and
the views to the same parameters and item fields.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from aggregator.models import ItemKind, ReuseRights
from shared.api import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from shared.filters import Sort
from shared.search import COUNT_CAP, MAX_QUERY_LENGTH, RANKED_MATCHES


def _nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


_STRING = {"type": "string"}
_YES_NO = {"type": "string", "enum": ["true", "false"]}
_NAMED = {
    "type": "object",
    "required": ["slug", "name_vi", "name_en"],
    "properties": {"slug": _STRING, "name_vi": _STRING, "name_en": _STRING},
}
_COUNTRY = {
    "type": "object",
    "required": ["code", "name_vi", "name_en"],
    "properties": {"code": {"type": "string", "examples": ["vn"]}, "name_vi": _STRING, "name_en": _STRING},
}

ITEM = {
    "type": "object",
    "required": [
        "id",
        "title",
        "url",
        "outlet",
        "published",
        "pillar",
        "topics",
        "countries",
        "kind",
        "summary",
        "citation",
        "image",
        "cluster",
        "author",
        "language",
        "reuse_rights",
    ],
    "properties": {
        "id": {"type": "integer"},
        "title": _STRING,
        "url": {"type": "string", "format": "uri", "description": "The original article."},
        "outlet": {"type": "string", "description": "The outlet, or the contributing newsroom."},
        "author": _STRING,
        "original_source": {"type": "string", "description": "The wire the outlet credits (e.g. TTXVN), if any."},
        "language": {"type": "string", "examples": ["vi", "en"]},
        "published": {"type": "string", "format": "date-time", "examples": ["2026-03-12T08:30:00+07:00"]},
        "kind": {"type": "string", "enum": ItemKind.values},
        "pillar": _nullable(_NAMED),
        "topics": {"type": "array", "items": _NAMED},
        "countries": {"type": "array", "items": _COUNTRY},
        "cluster": _nullable(
            {
                "type": "object",
                "description": "The story this item tells with other outlets' items.",
                "required": ["id", "title"],
                "properties": {"id": {"type": "integer"}, "title": _STRING},
            }
        ),
        "reuse_rights": {
            "type": "string",
            "enum": ReuseRights.values,
            "description": "full: text, images and files; excerpt: the summary and the link; link: the link only.",
        },
        "summary": _nullable({"type": "string", "description": "Sanitised HTML; null when only a link may be reused."}),
        "image": _nullable({"type": "string", "format": "uri", "description": "Only where full reuse is allowed."}),
        "image_credit": _STRING,
        "media_url": {"type": "string", "description": "Where a video or audio item plays (full reuse only)."},
        "citation": {
            "type": "object",
            "description": "The line to print under a reuse.",
            "required": ["vi", "en"],
            "properties": {
                "vi": {"type": "string", "examples": ["Theo VietnamPlus (https://..., 12/03/2026)"]},
                "en": {"type": "string", "examples": ["According to VietnamPlus (https://..., 12/03/2026)"]},
            },
        },
    },
}

ATTACHMENT = {
    "type": "object",
    "required": ["kind", "url", "caption", "credit"],
    "properties": {
        "kind": {"type": "string", "enum": ItemKind.values},
        "url": _nullable({"type": "string", "format": "uri"}),
        "caption": _STRING,
        "credit": _STRING,
    },
}

ITEM_DETAIL = {
    "allOf": [
        {"$ref": "#/components/schemas/Item"},
        {
            "type": "object",
            "required": ["content", "attachments"],
            "properties": {
                "content": _nullable({"type": "string", "description": "Sanitised HTML; full reuse only."}),
                "attachments": {"type": "array", "items": {"$ref": "#/components/schemas/Attachment"}},
            },
        },
    ]
}

PAGE = {
    "type": "object",
    "required": ["count", "next", "results"],
    "properties": {
        "count": {
            "type": "integer",
            "description": f"Items matching, on all pages: exact up to {COUNT_CAP}; {COUNT_CAP} with count_capped "
            "when more match.",
        },
        "count_capped": {
            "type": "boolean",
            "const": True,
            "description": f"Present (true) when more than {COUNT_CAP} items match. Sorted by relevance, the list "
            f"holds the {RANKED_MATCHES} newest matches; sorted by date, every match (follow next).",
        },
        "next": _nullable({"type": "string", "format": "uri"}),
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
    },
}

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {
                    "type": "string",
                    "enum": [
                        "invalid_parameters",
                        "unauthorized",
                        "invalid_token",
                        "not_found",
                        "method_not_allowed",
                        "rate_limited",
                    ],
                },
                "message": _STRING,
                "details": {
                    "type": "object",
                    "description": "Per parameter, what is wrong with it (400 only).",
                    "additionalProperties": {"type": "array", "items": _STRING},
                },
            },
        }
    },
}


def _query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


LIST_PARAMETERS = [
    _query(
        "q",
        "Full-text search over title, summary and text; accents and đ optional.",
        {"type": "string", "maxLength": MAX_QUERY_LENGTH},
    ),
    _query("source", "A source's id.", {"type": "integer"}),
    _query("outlet", "An outlet's exact name, e.g. VietnamPlus.", _STRING),
    _query("pillar", "A pillar's slug.", {"type": "string", "examples": ["kinh-te"]}),
    _query("topic", "A topic's slug.", _STRING),
    _query("country", "A member country's code.", {"type": "string", "examples": ["vn"]}),
    _query("kind", "The kind of item.", {"type": "string", "enum": ItemKind.values}),
    _query(
        "since",
        "Published at or after this ISO 8601 date or date-time (e.g. 2026-03-12T08:00:00+07:00).",
        {"type": "string", "format": "date-time"},
    ),
    _query("date_from", "Published on or after this day.", {"type": "string", "format": "date"}),
    _query("date_to", "Published on or before this day.", {"type": "string", "format": "date"}),
    _query("has_image", "Only items with (true) or without (false) an image.", _YES_NO),
    _query("used", "Only items already reused by a newsroom (true) or not yet (false).", _YES_NO),
    _query(
        "sort",
        f"Default: relevance when searching (the {RANKED_MATCHES} newest matches, best first), newest first otherwise.",
        {"type": "string", "enum": [value for value, _label in Sort.CHOICES]},
    ),
    _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "default": 1}),
    _query(
        "page_size",
        "Items per page.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    ),
]


def _error(description: str, **headers: dict) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if headers:
        response["headers"] = headers
    return response


_COMMON_ERRORS = {
    "401": _error(
        "No token, or an unknown or revoked one.",
        **{"WWW-Authenticate": {"schema": {"type": "string"}, "description": 'Bearer realm="shared-api"'}},
    ),
    "429": _error(
        "Too many requests for this token in the current window.",
        **{"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds until the next window."}},
    ),
}


def _json(ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


SCHEMA = {
    "openapi": "3.1.0",
    "info": {
        "title": "ASEAN shared content database",
        "version": "1.0.0",
        "description": (
            "Read-only access for newsroom systems to the shared ASEAN items: those aggregated from the press and "
            "those contributed by newsrooms. Only items kept by the ASEAN filter are listed. What an item carries "
            "follows its source's reuse rights; always print its citation under a reuse. See docs/shared-api.md."
        ),
    },
    "servers": [{"url": "/api/shared/v1"}],
    "security": [{"bearer": []}],
    "paths": {
        "/items/": {
            "get": {
                "operationId": "listItems",
                "summary": "Shared items, newest first (or by relevance when searching)",
                "parameters": LIST_PARAMETERS,
                "responses": {
                    "200": _json("#/components/schemas/Page", "A page of items."),
                    "400": _error("A parameter is not valid; `details` says which and why."),
                    **_COMMON_ERRORS,
                },
            }
        },
        "/items/{id}/": {
            "get": {
                "operationId": "getItem",
                "summary": "One shared item with its full text and attachments (as its reuse rights allow)",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {
                    "200": _json("#/components/schemas/ItemDetail", "The item."),
                    "404": _error("No such item, or not one the API shows."),
                    **_COMMON_ERRORS,
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "getSchema",
                "summary": "This document",
                "security": [],
                "responses": {"200": {"description": "The OpenAPI document."}},
            }
        },
    },
    "components": {
        "securitySchemes": {
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "A newsroom's token, issued in the admin or with `manage.py create_api_token`.",
            }
        },
        "schemas": {"Item": ITEM, "ItemDetail": ITEM_DETAIL, "Attachment": ATTACHMENT, "Page": PAGE, "Error": ERROR},
    },
}


@require_safe
def schema_view(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(SCHEMA, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Cache-Control"] = "public, max-age=3600"
    return response
