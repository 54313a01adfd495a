from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from aggregator import pipeline
from aggregator.models import Source


class Command(BaseCommand):
    help = "One pass over the sources that are due (or --all, or the --source ones), then a summary line."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Every enabled source, due or not.")
        parser.add_argument(
            "--source",
            action="append",
            default=[],
            metavar="ID_OR_URL",
            help="Only this source (repeatable).",
        )

    def sources(self, all_: bool, wanted: list[str]):
        if wanted:
            query = Q()
            for value in wanted:
                query |= Q(pk=int(value)) if value.isdigit() else Q(feed_url=value)
            found = list(Source.objects.feeds().filter(query))
            if len(found) < len(wanted):
                raise CommandError("unknown source: give an id or a feed URL from the source list")
            return found
        if all_:
            return list(Source.objects.feeds().filter(enabled=True))
        return list(pipeline.due_sources())

    def handle(self, *args, all: bool, source: list[str], **options):
        sources = self.sources(all, source)
        interactive = self.stdout.isatty() and options.get("verbosity", 1) > 0  # a bar on a terminal only
        done = 0

        def progress(src, counts):
            nonlocal done
            done += 1
            if interactive:
                width = 30
                filled = width * done // len(sources)
                self.stdout.write(
                    f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{len(sources)} {src.name[:40]:<40}",
                    ending="",
                )
                self.stdout.flush()

        counts = pipeline.run_pass(sources, progress=progress)
        if interactive and sources:
            self.stdout.write("")
        self.stdout.write(
            f"sources: {counts.sources}, new items: {counts.new}, updated: {counts.updated}, "
            f"unchanged (304): {counts.unchanged}, filtered out: {counts.filtered}, errors: {counts.errors}"
        )
