from django.core.management.base import BaseCommand, CommandError

from shared import tokens
from shared.models import Newsroom


class Command(BaseCommand):
    help = (
        "Issues an API token for a newsroom's system and prints it (and only it) on stdout, so scripts can "
        "capture it. The token is shown this once: only its hash is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="What the token is for, e.g. 'Radio-TV newsroom system'.")
        parser.add_argument("--newsroom", metavar="SLUG", help="Needed when there is more than one newsroom.")

    def handle(self, *args, name, newsroom, **options):
        issued = tokens.issue(self._newsroom(newsroom), name)
        self.stderr.write(f"Issued token {issued.token.prefix}… ({name}) for {issued.token.newsroom}.")
        self.stdout.write(issued.key)

    def _newsroom(self, slug: str | None) -> Newsroom:
        newsrooms = Newsroom.objects.all()
        if slug:
            newsroom = newsrooms.filter(slug=slug).first()
            if newsroom is None:
                known = ", ".join(newsrooms.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"No newsroom {slug!r} (known: {known}).")
            return newsroom
        found = list(newsrooms[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            raise CommandError("There is no newsroom yet: create one in the admin first.")
        raise CommandError("There are several newsrooms: choose one with --newsroom SLUG.")
