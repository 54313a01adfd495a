from django.core.management.base import BaseCommand

from agencies.demo import ensure_demo_agencies
from aggregator.catalog import add_central_press_sources
from aggregator.demo import add_demo_sources
from cms.bootstrap.demo import ensure_demo_articles, ensure_demo_users
from cms.bootstrap.editorial import ensure_editorial
from cms.bootstrap.portal import ensure_portal
from cms.bootstrap.taxonomy import ensure_taxonomy
from shared.bootstrap import ensure_shared
from shared.demo import ensure_demo_contributions, ensure_demo_journalists


class Command(BaseCommand):
    help = (
        "Creates what a fresh installation needs: locales, the portal site and its ASEAN column in "
        "Vietnamese and English, pillars, topics, countries, groups, the moderation workflow and the "
        "central press feeds (disabled). "
        "Safe to run again: nothing that exists is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="Also add demo users and original demo articles with images."
        )

    def handle(self, *args, demo: bool = False, **options):
        ensure_taxonomy()
        portal = ensure_portal()
        ensure_editorial(
            column_pages=[portal.column_vi, portal.column_en], site_root_pages=[portal.home_vi, portal.home_en]
        )
        self.stdout.write(f"Portal column: {portal.column_vi.url} and {portal.column_en.url}")
        newsrooms = ensure_shared().newsrooms
        self.stdout.write(f"Shared database newsrooms: {', '.join(n.name for n in newsrooms)}")
        added = add_central_press_sources()
        self.stdout.write(f"Central press sources added (disabled until an admin enables them): {added}")
        if not demo:
            return
        created = ensure_demo_articles(portal)
        self.stdout.write(f"Demo articles created: {created}")
        self.stdout.write(f"Demo feed sources added: {add_demo_sources()}")
        for line in ensure_demo_agencies(portal):
            self.stdout.write(line)
        journalists = ensure_demo_journalists()
        for line in ensure_demo_contributions():
            self.stdout.write(line)
        for username, password in ensure_demo_users() + journalists:
            self.stdout.write(self.style.SUCCESS(f"Admin login: {username} / {password}"))
