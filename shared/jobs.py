"""The shared database's periodic job: the daily e-mail digest of saved searches (cms.scheduler runs it)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.scheduler import database_job
from shared import saved_searches
from shared.api import citations, outlet_of
from shared.models import SavedSearch

logger = logging.getLogger(__name__)

DIGEST_LENGTH = 50  # more than a day's worth: past it, the digest links to the list
FIRST_DIGEST_SPAN = timedelta(days=1)  # a digest with no date of its last sending covers a day


def recipient_language(user) -> str:
    """The language the user chose for the admin, else the site's (Vietnamese)."""
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile.preferred_language if profile else "") or settings.LANGUAGE_CODE


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_digest(saved: SavedSearch, now: datetime) -> bool:
    """E-mails the items ``saved`` found since its last digest; sends nothing (False) when none is new."""
    since = saved.digest_sent_at or now - FIRST_DIGEST_SPAN
    items = saved_searches.new_items(saved, since, now)
    found = list(items[: DIGEST_LENGTH + 1])
    if not found:
        return False
    with translation.override(recipient_language(saved.user)):
        context = {
            "saved": saved,
            "items": [
                {
                    "item": item,
                    "outlet": outlet_of(item),
                    "citation": citations(item)[translation.get_language()],
                    "url": _absolute(reverse("shared:item", args=(item.pk,))),
                }
                for item in found[:DIGEST_LENGTH]
            ],
            "more": len(found) > DIGEST_LENGTH,
            "list_url": _absolute(saved_searches.list_url(saved)),
            "saved_searches_url": _absolute(reverse("shared:saved_searches")),
        }
        subject = _("%(name)s: %(count)s new in the ASEAN shared database") % {
            "count": f"{DIGEST_LENGTH}+" if context["more"] else len(context["items"]),
            "name": saved.name,
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("shared/digest.txt", context),
            to=[saved.user.email],
        )
        message.attach_alternative(render_to_string("shared/digest.html", context), "text/html")
    message.send()
    saved.digest_sent_at = now
    saved.save(update_fields=["digest_sent_at"])
    return True


def send_digests(now: datetime | None = None) -> int:
    """Sends every digest that has new items; returns how many were sent. One failure does not stop the rest."""
    now = now or timezone.now()
    sent = 0
    due = (
        SavedSearch.objects.filter(digest=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "user__wagtail_userprofile")
    )
    for saved in due:
        try:
            sent += send_digest(saved, now)
        except Exception:
            logger.exception("shared: digest of saved search %s failed", saved.pk)
    return sent


@database_job
def daily_digests() -> None:
    sent = send_digests()
    if sent:
        logger.info("shared: %s saved-search digests sent", sent)


def register_jobs(scheduler) -> None:
    # Early morning, before the newsrooms' planning meetings.
    scheduler.add_job(
        daily_digests,
        "cron",
        hour=6,
        minute=30,
        id="shared_digests",
        max_instances=1,
        coalesce=True,
        replace_existing=True,
    )
