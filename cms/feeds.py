"""RSS 2.0 and Atom feeds of a column, honouring the same filters as its index page."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms.listing import ColumnFilters

FEED_LENGTH = 30


class ColumnRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, column):
        super().__init__()
        self.column = column

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.filters = ColumnFilters.from_query(request.GET)
        self.language = self.column.locale.language_code  # read as an attribute by Django's Feed
        return self.column

    def title(self, column):
        return column.title

    def link(self, column):
        return column.get_full_url(self.request)

    def description(self, column):
        return column.search_description or _("ASEAN news and articles")

    def author_name(self, column):
        return column.get_site().site_name or column.title

    def feed_url(self, column):
        return self.request.build_absolute_uri()

    def items(self, column):
        return self.filters.apply(column.articles())[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Feed readers treat descriptions as HTML; the lead is plain text.
        return escape(article.lead)

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        return article.date

    def item_updateddate(self, article):
        return article.last_published_at or article.date

    def item_categories(self, article):
        return [article.pillar.name] + [topic.name for topic in article.topics.all()]

    def item_author_name(self, article):
        return article.source_outlet or None


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed
    subtitle = ColumnRssFeed.description
