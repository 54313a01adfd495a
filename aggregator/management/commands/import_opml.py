from django.core.management.base import BaseCommand, CommandError

from aggregator import opml
from aggregator.models import ReuseRights


class Command(BaseCommand):
    help = "Adds the feeds of an OPML file as sources; feed URLs already known are skipped."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--keep-all", action="store_true", help="Keep every item (no ASEAN filter).")
        parser.add_argument(
            "--full-text",
            action="store_true",
            help="Fetch the full text of articles (only from sources whose reuse rights are 'full').",
        )
        parser.add_argument(
            "--reuse-rights",
            choices=ReuseRights.values,
            default=ReuseRights.EXCERPT,
            help="What the outlets allow us to keep: full text, an excerpt and link (default), or the link only.",
        )

    def handle(self, *args, file: str, keep_all: bool, full_text: bool, reuse_rights: str, **options):
        try:
            with open(file, "rb") as handle:
                report = opml.import_sources(
                    handle.read(), keep_all=keep_all, full_text=full_text, reuse_rights=reuse_rights
                )
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        except Exception as exc:
            raise CommandError(f"not a valid OPML file: {exc}") from exc
        for url in report.added:
            self.stdout.write(f"added   {url}")
        for url in report.skipped:
            self.stdout.write(f"skipped {url} (already a source)")
        for url in report.invalid:
            self.stdout.write(self.style.WARNING(f"invalid {url}"))
        if opml.full_text_waits_for_rights(report, full_text, reuse_rights):
            self.stdout.write(
                self.style.WARNING(
                    f"full text is on, but with reuse rights '{reuse_rights}' it is not fetched: once an outlet "
                    "allows it, set its source's rights to 'full text allowed' in the admin (or import with "
                    "--reuse-rights full)"
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.added)} added, {len(report.skipped)} skipped, {len(report.invalid)} invalid"
            )
        )
