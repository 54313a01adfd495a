"""Template helpers of the public site: language switcher, structured data, filter links."""

import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page

register = template.Library()

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


@register.simple_tag(takes_context=True)
def language_links(context, page: Page | None = None):
    """One link per site language: the page's translation when it exists, else that language's home."""
    request = context.get("request")
    page = page or context.get("page")
    links = []
    current = page.locale.language_code if page is not None else None
    translations = {}
    if page is not None:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    for locale in Locale.objects.all():
        code = locale.language_code
        target = translations.get(code)
        url = target.get_url(request) if target is not None else f"/{code}/"
        links.append({"code": code, "name": LANGUAGE_NAMES.get(code, code), "url": url, "current": code == current})
    return links


@register.simple_tag
def json_ld(data: dict):
    """``<script type="application/ld+json">`` with ``<``, ``>`` and ``&`` escaped so text cannot close it."""
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    request = context.get("request")
    settings = context.get("settings")
    portal = getattr(getattr(settings, "home", None), "PortalSettings", None)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.lead,
        "datePublished": article.date.isoformat(),
        "dateModified": (article.last_published_at or article.date).isoformat(),
        "inLanguage": article.locale.language_code,
        "mainEntityOfPage": article.get_full_url(request),
        "articleSection": article.pillar.name,
        "keywords": [topic.name for topic in article.topics.all()],
    }
    if article.featured_image:
        rendition = article.featured_image.get_rendition("fill-1200x630|format-jpeg")
        data["image"] = [request.build_absolute_uri(rendition.url)]
    if portal is not None and portal.organisation_name:
        data["publisher"] = {"@type": "GovernmentOrganization", "name": portal.organisation_name}
    if article.source_outlet:
        data["isBasedOn"] = article.source_url or article.source_outlet
        data["author"] = {"@type": "Organization", "name": article.source_outlet}
    return json_ld(data)


@register.simple_tag(takes_context=True)
def filter_query(context, **overrides):
    """The current filters with some replaced, as ``?...`` (an empty value removes a filter)."""
    filters = context["filters"]
    query = filters.as_query(**{key: str(value) for key, value in overrides.items()})
    return f"?{query}" if query else "?"
