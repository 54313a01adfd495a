"""Where agency pages may live."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from agencies.models import AgencyPage
from cms.models import AseanArticlePage, AseanColumnPage
from home.models import HomePage


class AgencyPageRulesTests(WagtailPageTestCase):
    def test_an_agency_section_lives_under_a_home_page_and_holds_its_column(self):
        self.assertAllowedParentPageTypes(AgencyPage, {HomePage})
        self.assertAllowedSubpageTypes(AgencyPage, {AseanColumnPage})
        self.assertCanNotCreateAt(Page, AgencyPage)
        self.assertCanNotCreateAt(AgencyPage, AseanArticlePage)

    def test_a_column_lives_under_a_home_page_or_an_agency_section(self):
        self.assertAllowedParentPageTypes(AseanColumnPage, {HomePage, AgencyPage})
        self.assertAllowedSubpageTypes(HomePage, {AseanColumnPage, AgencyPage})


def test_one_column_per_agency_section(agency_a):
    assert not AseanColumnPage.can_create_at(agency_a.root_page.specific)
