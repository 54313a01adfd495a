"""Content-Security-Policy for every response that does not set its own.

Two policies (``CSP_PUBLIC`` and ``CSP_ADMIN`` in settings): public pages run no inline script or style at
all, so theirs is strict. The Wagtail admin cannot be: its own templates write inline scripts whose text
changes with every form (``InlinePanel`` options, date pickers, chooser modals), and its modal workflow
inserts server-rendered HTML with inline scripts, so neither nonces nor hashes can cover them without
forking the admin's templates; its policy allows inline code and still keeps scripts, frames and forms on
our own origin. Embeds (``agencies.views``) set their own policy with per-agency ``frame-ancestors``, which
this middleware leaves alone.
"""

from collections.abc import Mapping
from urllib.parse import urlsplit

from django.conf import settings


def serialize_policy(directives: Mapping[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def with_admin_origin(directives: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Public policy plus the admin's origin for scripts and styles.

    The editors' user bar on public pages loads its files from ``WAGTAILADMIN_BASE_URL``, which is another
    origin on an agency's own host name.
    """
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL or "")
    if not parts.netloc:
        return dict(directives)
    origin = f"{parts.scheme}://{parts.netloc}"
    return {
        name: [*sources, origin] if name in ("script-src", "style-src") and origin not in sources else sources
        for name, sources in directives.items()
    }


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = tuple(settings.CSP_ADMIN_PREFIXES)
        self.public_policy = serialize_policy(with_admin_origin(settings.CSP_PUBLIC))
        self.admin_policy = serialize_policy(settings.CSP_ADMIN)

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path_info.startswith(self.admin_prefixes)
            response["Content-Security-Policy"] = self.admin_policy if admin else self.public_policy
        return response
