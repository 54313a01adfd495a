"""The citation line shown under reused work, in the newsroom's own form."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _


def citation_line(outlet: str, url: str = "", published: datetime | None = None) -> str:
    """``Theo VietnamPlus (https://..., 12/03/2026)`` in Vietnamese, ``Source: ...`` in English.

    Returns an empty string when there is no outlet, i.e. the article is the column's own work.
    """
    if not outlet:
        return ""
    details = []
    if url:
        details.append(url)
    if published:
        details.append(timezone.localtime(published).strftime("%d/%m/%Y"))
    suffix = f" ({', '.join(details)})" if details else ""
    return _("According to %(outlet)s") % {"outlet": outlet} + suffix
