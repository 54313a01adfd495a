"""Report how much of the Wagtail admin editors see in Vietnamese (see docs/i18n.md).

For each Wagtail app domain it counts the msgids Wagtail ships (its ``en`` catalogue lists them all),
how many Wagtail itself translates into ``vi``, how many our overrides in ``locale/wagtail/`` add, and
the coverage editors actually get at runtime (Django's merged catalogue: Wagtail + Django + ours).
"""

import ast
import gettext
import importlib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import trans_real

LANGUAGE = "vi"
WAGTAIL_APPS = [
    "wagtail",
    "wagtail.admin",
    "wagtail.images",
    "wagtail.documents",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.embeds",
]
DOMAINS = ["django", "djangojs"]
OVERRIDES_DIR = settings.BASE_DIR / "locale" / "wagtail"
OWN_PO = settings.BASE_DIR / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"


def read_po(path):
    """Return the entries of a .po file as dicts: key (as in a compiled catalogue), translated."""
    entries, entry, field = [], {}, None

    def flush():
        if entry.get("msgid"):  # the header has an empty msgid
            key = entry["msgid"]
            if "msgctxt" in entry:
                key = f"{entry['msgctxt']}\x04{key}"
            if "msgid_plural" in entry:
                key = (key, 0)
            strs = [value for name, value in entry.items() if name.startswith("msgstr")]
            entries.append({"key": key, "translated": bool(strs) and all(strs) and not entry.get("fuzzy")})
        entry.clear()

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#~"):  # blank line between entries, or an obsolete entry
            if not line:
                flush()
        elif line.startswith("#"):
            entry["fuzzy"] = entry.get("fuzzy", False) or (line.startswith("#,") and "fuzzy" in line)
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            if field in ("msgctxt", "msgid") and any(name.startswith("msgstr") for name in entry):
                flush()  # entries not separated by a blank line
            entry[field] = ast.literal_eval(value)
    flush()
    return entries


def mo_keys(path):
    """Keys translated in a compiled .mo file (empty set if it doesn't exist)."""
    if not Path(path).exists():
        return set()
    with open(path, "rb") as fp:
        return {key for key in gettext.GNUTranslations(fp)._catalog if key != ""}


def runtime_catalogue(domain, app_locale_dir):
    """The catalogue Django serves in Vietnamese: for djangojs, what the admin's /admin/jsi18n/ sees."""
    if domain == "django":
        return trans_real.translation(LANGUAGE)._catalog
    return trans_real.DjangoTranslation(LANGUAGE, domain=domain, localedirs=[str(app_locale_dir)])._catalog


def percent(part, total):
    return f"{100 * part / total:.1f}%" if total else "-"


class Command(BaseCommand):
    help = "Print Vietnamese translation coverage of the Wagtail admin and of our own catalogue."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="Also list the msgids still untranslated.")

    def handle(self, *args, **options):
        missing = []
        rows = []
        for app in WAGTAIL_APPS:
            locale_dir = Path(importlib.import_module(app).__file__).parent / "locale"
            for domain in DOMAINS:
                en_po = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
                if not en_po.exists():
                    continue
                keys = {entry["key"] for entry in read_po(en_po)}
                wagtail = mo_keys(locale_dir / LANGUAGE / "LC_MESSAGES" / f"{domain}.mo") & keys
                ours = mo_keys(OVERRIDES_DIR / LANGUAGE / "LC_MESSAGES" / f"{domain}.mo") & keys
                runtime = runtime_catalogue(domain, locale_dir)
                covered = sum(1 for key in keys if key in runtime)
                missing += [(app, domain, key) for key in sorted(keys, key=str) if key not in runtime]
                rows.append((app, domain, len(keys), len(wagtail), len(ours - wagtail), len(ours & wagtail), covered))

        self.stdout.write(
            "| App | Domain | msgids | Wagtail vi | Added by us | Reworded by us | Coverage before | Coverage now |"
        )
        self.stdout.write("|---|---|---:|---:|---:|---:|---:|---:|")
        for app, domain, total, wagtail, added, reworded, covered in rows:
            self.stdout.write(
                f"| {app} | {domain} | {total} | {wagtail} | {added} | {reworded} | {percent(wagtail, total)} "
                f"| {percent(covered, total)} |"
            )
        total, wagtail, added, reworded, covered = (sum(row[i] for row in rows) for i in range(2, 7))
        self.stdout.write(
            f"| **All** | | {total} | {wagtail} | {added} | {reworded} | {percent(wagtail, total)} "
            f"| {percent(covered, total)} |"
        )
        self.stdout.write("")
        self.stdout.write(
            "Coverage now = msgids Django translates in Vietnamese at runtime (Wagtail's and Django's own vi "
            "catalogues, a string translated by another app's catalogue included, plus ours)."
        )

        self.stdout.write("")
        if OWN_PO.exists():
            entries = read_po(OWN_PO)
            done = sum(entry["translated"] for entry in entries)
            self.stdout.write(
                f"Our own catalogue {OWN_PO.relative_to(settings.BASE_DIR)}: {len(entries)} msgids, "
                f"{done} translated ({percent(done, len(entries))})."
            )
        else:
            self.stdout.write(f"Our own catalogue {OWN_PO.relative_to(settings.BASE_DIR)} does not exist yet.")

        if options["missing"]:
            self.stdout.write("")
            for app, domain, key in missing:
                self.stdout.write(f"untranslated {app} {domain}: {key!r}")
