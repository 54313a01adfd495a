"""The one set of search parameters over shared items, used by the admin list and the JSON API alike.

Parameters: ``q``, ``source`` (id), ``outlet`` (exact name), ``pillar`` (slug), ``topic`` (slug),
``country`` (code), ``kind``, ``since`` (ISO date or date-time), ``date_from``/``date_to`` (dates),
``has_image`` and ``used`` (``true``/``false``), ``sort`` (``relevance``, ``newest``, ``oldest``).
An invalid value makes the filter set invalid (``is_valid()`` is false, ``errors`` says why) rather than
being ignored, so the API can answer 400. The base queryset is the caller's (which statuses it shows).

Sorted by relevance, the list is the newest ``RANKED_MATCHES`` matches ranked (shared.search explains
why); ``count_matches`` counts every match, exactly up to ``COUNT_CAP``.
"""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aggregator.models import Item, ItemKind, Source
from cms.models import Country, Pillar, Topic
from shared.models import Attachment, Reuse
from shared.search import (
    COUNT_CAP,
    MAX_QUERY_LENGTH,
    RANKED_MATCHES,
    capped_count,
    matching,
    newest_matches,
    query_words,
    rank_among,
)

YES_NO = [("true", _("yes")), ("false", _("no"))]


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    CHOICES = [(RELEVANCE, _("Relevance")), (NEWEST, _("Newest first")), (OLDEST, _("Oldest first"))]


def validate_searchable(value: str) -> None:
    if value.strip() and not query_words(value):
        raise ValidationError(_("Search for at least one word of two or more letters or digits."))


def start_of_day(day: datetime.date) -> datetime.datetime:
    """The first instant of ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def has_image() -> Q:
    photo = Attachment.objects.filter(item=OuterRef("pk"), kind=ItemKind.PHOTO)
    return Q(image__isnull=False) | ~Q(image_url="") | Q(Exists(photo))


def used() -> Q:
    return Q(Exists(Reuse.objects.filter(item=OuterRef("pk"))))


class SharedItemFilterForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        date_from, date_to = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned_data


class SharedItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="keep",  # applied in filter_queryset, after every other filter (shared.search.newest_matches)
        validators=[MaxLengthValidator(MAX_QUERY_LENGTH), validate_searchable],
    )
    source = django_filters.ModelChoiceFilter(label=_("Source"), queryset=Source.objects.all())
    outlet = django_filters.CharFilter(label=_("Outlet"), field_name="source__outlet")
    pillar = django_filters.ModelChoiceFilter(label=_("Pillar"), queryset=Pillar.objects.all(), to_field_name="slug")
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=Topic.objects.all(), to_field_name="slug"
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), field_name="countries", queryset=Country.objects.all(), to_field_name="code"
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ItemKind.choices)
    since = django_filters.IsoDateTimeFilter(
        label=_("Published since"),
        field_name="published_at",
        lookup_expr="gte",
        help_text=_("An ISO 8601 date or date and time, e.g. 2026-03-12 or 2026-03-12T08:00:00+07:00."),
    )
    date_from = django_filters.DateFilter(
        label=_("Published from"), method="filter_date_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("Published until"), method="filter_date_to", widget=forms.DateInput(attrs={"type": "date"})
    )
    has_image = django_filters.ChoiceFilter(label=_("Has an image"), choices=YES_NO, method="filter_has_image")
    used = django_filters.ChoiceFilter(label=_("Already reused"), choices=YES_NO, method="filter_used")
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=Sort.CHOICES,
        method="keep",  # applied last, in filter_queryset, once the search has ranked the items
        empty_label=_("Default (relevance when searching, else newest)"),
    )

    class Meta:
        model = Item
        fields: list[str] = []
        form = SharedItemFilterForm

    # Whole words: a prefix of a common syllable ("cong:*") makes the index read every word it starts.
    search_prefix = False

    def filter_date_from(self, queryset: QuerySet[Item], name: str, value: datetime.date) -> QuerySet[Item]:
        return queryset.filter(published_at__gte=start_of_day(value))

    def filter_date_to(self, queryset: QuerySet[Item], name: str, value: datetime.date) -> QuerySet[Item]:
        # Up to the end of that day; a range on the column itself keeps its index usable.
        return queryset.filter(published_at__lt=start_of_day(value + datetime.timedelta(days=1)))

    def filter_has_image(self, queryset: QuerySet[Item], name: str, value: str) -> QuerySet[Item]:
        return queryset.filter(has_image() if value == "true" else ~has_image())

    def filter_used(self, queryset: QuerySet[Item], name: str, value: str) -> QuerySet[Item]:
        return queryset.filter(used() if value == "true" else ~used())

    def keep(self, queryset: QuerySet[Item], name: str, value: str) -> QuerySet[Item]:
        return queryset

    def searched_text(self) -> str:
        return self.form.cleaned_data.get("q") or ""

    def sort_order(self) -> str:
        """The sort asked for, or the default: relevance when there is a search, newest otherwise."""
        searching = bool(self.searched_text().strip())
        sort = self.form.cleaned_data.get("sort") or (Sort.RELEVANCE if searching else Sort.NEWEST)
        return Sort.NEWEST if sort == Sort.RELEVANCE and not searching else sort

    def filter_queryset(self, queryset: QuerySet[Item]) -> QuerySet[Item]:
        narrowed = super().filter_queryset(queryset)  # every parameter but the search
        sort = self.sort_order()
        if sort == Sort.RELEVANCE:
            newest = self._newest_matches(narrowed)[:RANKED_MATCHES]
            return rank_among(queryset, newest, self.searched_text(), prefix=self.search_prefix)
        matches = matching(narrowed, self.searched_text(), prefix=self.search_prefix)
        if sort == Sort.OLDEST:
            return matches.order_by("published_at", "pk")
        return matches.order_by("-published_at", "-pk")

    def count_matches(self, cap: int | None = None) -> tuple[int, bool]:
        """(count, exact): the items matching every parameter, whatever the sort, up to ``cap`` (COUNT_CAP)."""
        cap = cap or COUNT_CAP
        narrowed = super().filter_queryset(self.queryset)
        if not self.searched_text().strip() or cap > COUNT_CAP:
            return capped_count(matching(narrowed, self.searched_text(), prefix=self.search_prefix), cap)
        count = len(self._newest_matches(narrowed))  # the walk the ranking takes, up to COUNT_CAP + 1
        return min(count, cap), count <= cap

    def _published(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """[since, until): the publication dates the parameters allow (None: no bound)."""
        data = self.form.cleaned_data
        starts = [data.get("since"), data.get("date_from") and start_of_day(data["date_from"])]
        until = data.get("date_to") and start_of_day(data["date_to"] + datetime.timedelta(days=1))
        return max((start for start in starts if start), default=None), until or None

    def _newest_matches(self, narrowed: QuerySet[Item]) -> list[int]:
        # One walk serves the count and the ranking of a page of the same parameters.
        key = str(narrowed.query)
        if getattr(self, "_newest", (None, None))[0] != key:
            limit = max(RANKED_MATCHES, COUNT_CAP + 1)
            ids = newest_matches(
                narrowed, self.searched_text(), prefix=self.search_prefix, limit=limit, published=self._published()
            )
            self._newest = (key, ids)
        return self._newest[1]
