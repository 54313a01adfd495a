"""Vietnamese admin by default.

Django's LocaleMiddleware picks the browser's language for unprefixed URLs such as /admin/, and
Wagtail's admin falls back to that when an editor has not chosen a language. Officials' browsers are
often set to English, so the admin would open in English; here it opens in the site's language
(Vietnamese) unless the editor picked another in their account preferences.
"""

from django.conf import settings
from django.utils import translation


class AdminDefaultLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        if request.path.startswith(self.admin_prefix):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
