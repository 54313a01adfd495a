from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from agencies import embed
from agencies.models import PORTAL_CODE


class Command(BaseCommand):
    help = "Prints the iframe and the script snippets that embed an agency's column (`portal` for the portal's)."

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("--lang", choices=embed.LANGUAGES, default="vi")
        parser.add_argument("--limit", type=int, default=embed.DEFAULT_LIMIT)
        parser.add_argument("--pillar", default="")
        parser.add_argument("--theme", choices=embed.THEMES, default="light")
        parser.add_argument("--base-url", help="Where the service is reached (default: the portal site's address).")

    def handle(self, *args, code, lang, limit, pillar, theme, base_url, **options):
        if not 1 <= limit <= embed.MAX_LIMIT:
            raise CommandError(f"--limit must be between 1 and {embed.MAX_LIMIT}.")
        query = QueryDict(mutable=True)
        query.update({"agency": code, "lang": lang, "limit": str(limit), "pillar": pillar, "theme": theme})
        params = embed.EmbedParams.from_query(query)
        try:
            agency, column = embed.resolve_column(params.agency, lang)
        except embed.UnknownColumn as error:
            raise CommandError(f"No column answers to {code!r} in {lang}: see `manage.py add_agency`.") from error
        base = base_url or embed.service_base_url()
        name = agency.name_en if agency and lang == "en" else (agency.name_vi if agency else column.title)
        title = f"{column.title} · {name}"
        self.stdout.write(f"# {title}")
        self.stdout.write("\n# 1. Iframe (a self-contained list; the second line lets it take its content's height)")
        self.stdout.write(embed.iframe_snippet(base, params, title))
        self.stdout.write("\n# 2. Script widget (renders into the page in a Shadow DOM)")
        self.stdout.write(embed.script_snippet(base, params))
        origins = agency.origins if agency else []
        if origins:
            self.stdout.write(f"\n# Allowed sites: {', '.join(origins)}")
        else:
            hint = f"manage.py allow_embed_origin {agency.code if agency else PORTAL_CODE} https://SITE"
            self.stdout.write(f"\n# No site is allowed to embed this column yet: {hint}")
