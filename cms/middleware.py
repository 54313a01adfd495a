"""Language middleware: Vietnamese admin by default, and no language redirects outside the page tree.

Django's LocaleMiddleware picks the browser's language for unprefixed URLs such as /admin/, and
Wagtail's admin falls back to that when an editor has not chosen a language. Officials' browsers are
often set to English, so the admin would open in English; here it opens in the site's language
(Vietnamese) unless the editor picked another in their account preferences.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

# URL prefixes outside i18n_patterns (cms/urls.py).
UNTRANSLATED_PREFIXES = ("/admin/", "/api/", "/embed/", "/documents/", "/aggregator/", "/healthz")


class SiteLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware, except that a 404 under the admin, the API or embeds stays a 404.

    Django answers a 404 on an unprefixed path by redirecting to the same path under /vi/ when that path
    exists, and the page tree's catch-all makes every path exist there: an unknown admin or API URL
    would redirect to a page that is not there either.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNTRANSLATED_PREFIXES):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class AdminDefaultLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        if request.path.startswith(self.admin_prefix):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
