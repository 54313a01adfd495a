from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agencies.models import PORTAL_CODE, Agency
from agencies.provisioning import ensure_portal_agency


class Command(BaseCommand):
    help = "Allows a site (an origin such as https://example.gov.vn) to embed an agency's column (`portal` too)."

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("origin", nargs="+")

    def handle(self, *args, code, origin, **options):
        code = code.lower()
        agency = ensure_portal_agency() if code == PORTAL_CODE else Agency.objects.filter(code=code).first()
        if agency is None:
            raise CommandError(f"No agency {code!r}: create it with `manage.py add_agency`.")
        added = []
        try:
            for value in origin:
                if agency.add_origin(value):
                    added.append(value)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if added:
            agency.save(update_fields=["allowed_origins"])
            self.stdout.write(self.style.SUCCESS(f"{agency.code}: now allowed: {', '.join(added)}"))
        else:
            self.stdout.write(f"{agency.code}: already allowed, nothing changed.")
        self.stdout.write(f"Allowed origins of {agency.code}: {', '.join(agency.origins)}")
