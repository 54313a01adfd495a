"""Plain-text versions of a shared item (the broadcast script, the text with its citation) and its media files.

Each follows the item's reuse terms: nothing when reuse is refused, the excerpt only when that is all the
agreement allows, media files only under a full-text agreement.
"""

from __future__ import annotations

import mimetypes
import os

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify

from aggregator.models import Item
from cms.text import fold
from shared.broadcast import broadcast_script, text_with_citation
from shared.models import Attachment
from shared.reuse import ReuseTerms, reuse_terms

TEXT_PLAIN = "text/plain; charset=utf-8"
requires_shared_access = permission_required("shared.access_shared", raise_exception=True)


def _item_and_terms(item_id: int) -> tuple[Item, ReuseTerms]:
    item = get_object_or_404(Item.objects.select_related("source"), pk=item_id)
    return item, reuse_terms(item)


def _refused(terms: ReuseTerms) -> HttpResponseForbidden:
    return HttpResponseForbidden(terms.reason, content_type=TEXT_PLAIN)


def _file_name(item: Item, suffix: str) -> str:
    return f"{slugify(fold(item.title))[:60].strip('-') or 'item'}-{item.pk}{suffix}"


def _text_response(text: str, file_name: str, download: bool) -> HttpResponse:
    response = HttpResponse(text, content_type=TEXT_PLAIN)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{file_name}"'
    return response


@requires_shared_access
def broadcast_script_view(request, item_id: int) -> HttpResponse:
    item, terms = _item_and_terms(item_id)
    if not terms.allowed:
        return _refused(terms)
    script = broadcast_script(item, terms)
    return _text_response(script.as_text(), _file_name(item, "-script.txt"), download=True)


@requires_shared_access
def copy_text_view(request, item_id: int) -> HttpResponse:
    """Inline for the copy button; ``?download=1`` saves it as a file."""
    item, terms = _item_and_terms(item_id)
    if not terms.allowed:
        return _refused(terms)
    return _text_response(text_with_citation(item, terms), _file_name(item, ".txt"), "download" in request.GET)


def _file_response(field_file, name: str) -> FileResponse:
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=name, content_type=content_type)


@requires_shared_access
def item_image_view(request, item_id: int) -> FileResponse | HttpResponse:
    """The item's original image file, as stored (not a rendition)."""
    item, terms = _item_and_terms(item_id)
    if not terms.includes_body:
        return _refused(terms)
    if item.image is None:
        raise Http404
    return _file_response(item.image.file, _file_name(item, os.path.splitext(item.image.file.name)[1]))


@requires_shared_access
def attachment_view(request, attachment_id: int) -> FileResponse | HttpResponse:
    """An attachment's file (image or document), or a redirect to its video or audio link."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("item__source", "image", "document"), pk=attachment_id
    )
    terms = reuse_terms(attachment.item)
    if not terms.includes_body:
        return _refused(terms)
    stored = attachment.image or attachment.document
    if stored is not None:
        return _file_response(stored.file, os.path.basename(stored.file.name))
    if attachment.url:
        return redirect(attachment.url)
    raise Http404
