from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from agencies.models import AgencyPage
from cms.models import AseanArticlePage, AseanColumnPage
from home.models import HomePage


class PageRulesTests(WagtailPageTestCase):
    def test_column_lives_under_a_home_page_or_an_agency_section(self):
        self.assertAllowedParentPageTypes(AseanColumnPage, {HomePage, AgencyPage})

    def test_articles_live_in_a_column_only(self):
        self.assertAllowedParentPageTypes(AseanArticlePage, {AseanColumnPage})
        self.assertAllowedSubpageTypes(AseanArticlePage, set())

    def test_home_page_holds_columns_and_sits_at_the_root(self):
        self.assertAllowedSubpageTypes(HomePage, {AseanColumnPage, AgencyPage})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, AseanArticlePage)
        self.assertCanNotCreateAt(Page, AseanColumnPage)


def test_one_column_per_home_page(portal):
    assert not AseanColumnPage.can_create_at(portal.home_vi)
