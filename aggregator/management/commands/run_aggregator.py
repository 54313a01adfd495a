from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Runs the scheduler (feed passes, enrichment, alerts, pruning, scheduled publishing) in the "
        "foreground; SIGTERM stops it after the jobs that are running (a second SIGTERM ends a running feed "
        "pass before its next source)."
    )

    def handle(self, *args, **options):
        from cms.scheduler import run_forever

        run_forever()
