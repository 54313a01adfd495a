"""Admin wiring of the column: pillars, topics and countries as snippets in one menu group."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Country, Pillar, Topic


class PillarViewSet(SnippetViewSet):
    model = Pillar
    icon = "folder-open-inverse"
    list_display = ["name_vi", "name_en", "slug", "sort_order"]
    search_fields = ["name_vi", "name_en"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name_vi", "name_en", "slug", "sort_order"]
    search_fields = ["name_vi", "name_en"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["name_vi", "name_en", "code"]
    search_fields = ["name_vi", "name_en", "code"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (PillarViewSet, TopicViewSet, CountryViewSet)
    menu_icon = "folder-inverse"
    menu_label = _("Classification")
    menu_name = "classification"


register_snippet(TaxonomyViewSetGroup)
