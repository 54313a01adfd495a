from django.core.management.base import BaseCommand, CommandError

from aggregator import opml


class Command(BaseCommand):
    help = "Adds the feeds of an OPML file as sources; feed URLs already known are skipped."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--keep-all", action="store_true", help="Keep every item (no ASEAN filter).")
        parser.add_argument("--full-text", action="store_true", help="Fetch the full text of articles.")

    def handle(self, *args, file: str, keep_all: bool, full_text: bool, **options):
        try:
            with open(file, "rb") as handle:
                report = opml.import_sources(handle.read(), keep_all=keep_all, full_text=full_text)
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
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.added)} added, {len(report.skipped)} skipped, {len(report.invalid)} invalid"
            )
        )
