"""Admin actions on sources: fetch now, OPML import and export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import opml, pipeline
from .models import ReuseRights, Source

INDEX = "aggregator_source:index"


def _require(request, codename: str) -> None:
    if not request.user.has_perm(f"aggregator.{codename}"):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def fetch_now(request, pk: int):
    _require(request, "change_source")
    source = get_object_or_404(Source.objects.feeds(), pk=pk)
    if request.method == "POST":
        counts = pipeline.run_pass([source], workers=1)
        source.refresh_from_db()
        if counts.errors:
            messages.error(
                request,
                _("Fetching “%(name)s” failed: %(error)s") % {"name": source, "error": source.last_error},
            )
        else:
            messages.success(
                request,
                _("“%(name)s” fetched: %(new)s new, %(updated)s updated, %(filtered)s filtered out%(unchanged)s.")
                % {
                    "name": source,
                    "new": counts.new,
                    "updated": counts.updated,
                    "filtered": counts.filtered,
                    "unchanged": _(" (not modified)") if counts.unchanged else "",
                },
            )
        return redirect(INDEX)
    return TemplateResponse(
        request,
        "aggregator/admin/confirm_fetch.html",
        {"source": source, "page_title": _("Fetch now"), "header_icon": "download"},
    )


class OpmlImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("OPML file"))
    keep_all = forms.BooleanField(label=gettext_lazy("Keep every item (ASEAN-only feeds)"), required=False)
    full_text = forms.BooleanField(label=gettext_lazy("Fetch full text"), required=False)
    reuse_rights = forms.ChoiceField(
        label=gettext_lazy("Reuse rights"),
        choices=ReuseRights.choices,
        initial=ReuseRights.EXCERPT,
        help_text=gettext_lazy("What the outlets allow: full text is fetched only where it is allowed."),
    )


@require_http_methods(["GET", "POST"])
def opml_import(request):
    _require(request, "add_source")
    form = OpmlImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            form.add_error("file", _("The file is larger than 2 MB."))
        else:
            try:
                report = opml.import_sources(
                    upload.read(),
                    keep_all=form.cleaned_data["keep_all"],
                    full_text=form.cleaned_data["full_text"],
                    reuse_rights=form.cleaned_data["reuse_rights"],
                )
            except Exception:
                form.add_error("file", _("This is not a valid OPML file."))
            else:
                messages.success(
                    request,
                    _("%(added)s sources added, %(skipped)s already known, %(invalid)s invalid.")
                    % {
                        "added": len(report.added),
                        "skipped": len(report.skipped),
                        "invalid": len(report.invalid),
                    },
                )
                if opml.full_text_waits_for_rights(
                    report, form.cleaned_data["full_text"], form.cleaned_data["reuse_rights"]
                ):
                    messages.warning(
                        request,
                        _(
                            "Full text is on, but it is fetched only from sources whose reuse rights are "
                            "“full text allowed”: change a source's rights once its outlet allows it."
                        ),
                    )
                return redirect(INDEX)
    return TemplateResponse(
        request,
        "aggregator/admin/opml_import.html",
        {"form": form, "page_title": _("Import OPML"), "header_icon": "upload"},
    )


def opml_export(request):
    _require(request, "view_source")
    response = HttpResponse(opml.export(), content_type="text/x-opml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="aggregator-sources.opml"'
    return response
