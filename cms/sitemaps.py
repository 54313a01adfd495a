"""sitemap.xml covering every language of the site, not only the tree under its root page."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        # With Wagtail i18n the English home page is a sibling of the site root, not below it.
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return Page.objects.filter(under_a_root).live().public().order_by("path").defer_streamfields().specific()


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"wagtail": MultilingualSitemap(request)})
