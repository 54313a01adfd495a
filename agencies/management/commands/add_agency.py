from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from agencies.provisioning import ensure_agency


class Command(BaseCommand):
    help = (
        "Creates an agency and, in one step, its site (with --hostname) or its section of the portal, its ASEAN "
        "column in Vietnamese and English, a media collection, its editors and approvers groups (permissions on "
        "its own pages and media only) and its moderation workflow. Safe to run again: nothing changes twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Short code, e.g. sovhttdl (lower-case letters, digits, hyphens).")
        parser.add_argument("name", help="Name in Vietnamese.")
        parser.add_argument("--name-en", help="Name in English (defaults to the Vietnamese name).")
        parser.add_argument("--hostname", help="Own host name: the agency gets a site of its own here.")
        parser.add_argument("--kind", choices=Agency.Kind.values, help="Kind of agency (default: department).")
        parser.add_argument("--website", help="The agency's own website, if it runs elsewhere.")
        parser.add_argument(
            "--moderation",
            choices=Agency.Moderation.values,
            help="Who approves its articles: its own approvers (agency, the default) or the portal's board.",
        )
        parser.add_argument(
            "--origin", action="append", default=[], help="An origin allowed to embed the column (repeatable)."
        )

    def handle(self, *args, code, name, name_en, hostname, kind, website, moderation, origin, **options):
        fields = {"name_en": name_en, "hostname": hostname, "kind": kind, "website": website, "moderation": moderation}
        existing = Agency.objects.filter(code=code.lower()).first()
        if origin:
            agency = existing or Agency(code=code.lower(), name_vi=name)
            try:
                for value in origin:
                    agency.add_origin(value)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            fields["allowed_origins"] = agency.allowed_origins
        try:
            result = ensure_agency(code, name, **fields)
        except ValidationError as error:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())) from error
        except (LookupError, ValueError) as error:
            raise CommandError(str(error)) from error
        for change in result.changes:
            self.stdout.write(f"- {change}")
        agency = result.agency
        if not result.changed:
            self.stdout.write(f"Agency {agency.code!r} is already set up: nothing changed.")
        column_vi, column_en = agency.column_in("vi"), agency.column_in("en")
        self.stdout.write(self.style.SUCCESS(f"Agency {agency.code!r}: {agency.name_vi}"))
        if column_vi and column_en:
            self.stdout.write(f"Column: {column_vi.full_url} and {column_en.full_url}")
        self.stdout.write(f"Editors group: {agency.editors_group.name}; approvers group: {agency.approvers_group.name}")
        self.stdout.write(f"Embed code: manage.py embed_snippet {agency.code}")
