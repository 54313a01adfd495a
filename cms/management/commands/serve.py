from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cms.scheduler import start_in_background


class Command(BaseCommand):
    help = "Serves the site for a laptop or a demo and runs the scheduler in the same process."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        if settings.SCHEDULER_MODE == "inprocess":
            start_in_background()
        else:
            self.stdout.write("SCHEDULER_MODE is not 'inprocess': run `manage.py run_aggregator` separately.")
        # No autoreloader: it would fork a second process, and with it a second scheduler.
        call_command("runserver", addrport, use_reloader=False)
