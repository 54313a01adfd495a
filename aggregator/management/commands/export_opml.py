from django.core.management.base import BaseCommand

from aggregator import opml


class Command(BaseCommand):
    help = "Writes every source as OPML to standard output."

    def handle(self, *args, **options):
        self.stdout.write(opml.export(), ending="")
