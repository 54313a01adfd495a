"""Filters of the column index and its feeds, read from the query string."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import QueryDict

from cms.text import search_terms

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class ColumnFilters:
    pillar: str = ""
    topic: str = ""
    country: str = ""
    query: str = ""

    @classmethod
    def from_query(cls, params: QueryDict) -> "ColumnFilters":
        return cls(
            pillar=params.get("pillar", "").strip()[:60],
            topic=params.get("topic", "").strip()[:80],
            country=params.get("country", "").strip().lower()[:2],
            query=params.get("q", "").strip()[:MAX_QUERY_LENGTH],
        )

    @property
    def terms(self) -> list[str]:
        return search_terms(self.query)

    @property
    def active(self) -> bool:
        return bool(self.pillar or self.topic or self.country or self.query)

    def apply(self, articles: QuerySet) -> QuerySet:
        if self.pillar:
            articles = articles.filter(pillar__slug=self.pillar)
        if self.topic:
            articles = articles.filter(topics__slug=self.topic)
        if self.country:
            articles = articles.filter(countries__code=self.country)
        # Every word must start a word of the folded text (title, lead, body, outlet) of the article.
        for term in self.terms:
            articles = articles.filter(search_text__contains=f" {term}")
        return articles

    def as_query(self, **overrides: str) -> str:
        """The filters as a query string, with some replaced (used by filter links and pagination)."""
        values = {"pillar": self.pillar, "topic": self.topic, "country": self.country, "q": self.query}
        values.update(overrides)
        query = QueryDict(mutable=True)
        for key, value in values.items():
            if value:
                query[key] = value
        return query.urlencode()
