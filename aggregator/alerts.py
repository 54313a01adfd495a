"""Alerts: sources failing 10 times in a row or gone quiet are reported to admins, once per incident.

A source is never disabled by the aggregator; people decide.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from . import decide
from .models import Source


def reason(source: Source, now=None) -> str:
    """Why ``source`` needs attention, or ''."""
    now = now or timezone.now()
    if source.consecutive_failures >= decide.ALERT_AFTER:
        return _("%(n)s failures in a row: %(error)s") % {
            "n": source.consecutive_failures,
            "error": source.last_error[:300],
        }
    if decide.is_quiet(now=now, last_new_item_at=source.last_new_item_at, typical_gap=source.typical_gap):
        when = timezone.localtime(source.last_new_item_at).strftime("%Y-%m-%d %H:%M")
        return _("no new item since %(when)s") % {"when": when}
    return ""


def sources_needing_attention(now=None) -> list[tuple[Source, str]]:
    now = now or timezone.now()
    return [(s, r) for s in Source.objects.feeds().filter(enabled=True) if (r := reason(s, now))]


def recipients() -> list[str]:
    configured = list(getattr(settings, "AGGREGATOR_ALERT_EMAILS", []))
    if configured:
        return configured
    users = get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")
    return list(users.values_list("email", flat=True))


def send_alerts(now=None) -> int:
    """E-mail admins about sources newly needing attention; clears the mark of recovered ones."""
    now = now or timezone.now()
    Source.objects.filter(alerted_at__isnull=False).exclude(
        pk__in=[s.pk for s, _r in sources_needing_attention(now)]
    ).update(alerted_at=None)
    fresh = [(s, r) for s, r in sources_needing_attention(now) if s.alerted_at is None]
    if not fresh:
        return 0
    to = recipients()
    if to:
        lines = [f"- {s.name} ({s.feed_url}): {r}" for s, r in fresh]
        send_mail(
            _("Aggregator: %(n)s feed source(s) need attention") % {"n": len(fresh)},
            "\n".join([_("These sources need attention (they stay enabled):"), *lines]),
            settings.DEFAULT_FROM_EMAIL,
            to,
        )
    Source.objects.filter(pk__in=[s.pk for s, _r in fresh]).update(alerted_at=now)
    return len(fresh)
