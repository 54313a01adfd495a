"""Admin login throttling: too many failed sign-ins for one user name, or from one address, are refused.

Failures are counted in the shared cache (Redis in production, so every web process sees the same counts)
per submitted user name, whether such a user exists or not, so the refusal reveals nothing about accounts;
and per client address, against guessing many names. Each counter lives for
``LOGIN_FAILURE_WINDOW_SECONDS`` from its first failure. While a counter is at its limit the form refuses
before checking the password at all; a successful sign-in clears its user name's counter. Wagtail's login
view takes its form from ``WAGTAILADMIN_USER_LOGIN_FORM``, the one place every admin sign-in passes through.
"""

import hashlib
import math

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


def client_address(request) -> str:
    header = settings.CLIENT_ADDRESS_HEADER
    address = request.META.get(header) if header else None
    return address or request.META.get("REMOTE_ADDR", "")


def _counter_key(kind: str, value: str) -> str:
    # Hashed: user names may hold characters a cache key must not, and are nobody's business in Redis.
    return f"login-failures:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def _counters(username: str, address: str) -> dict[str, int]:
    """Cache key -> the number of failures at which it refuses."""
    return {
        _counter_key("user", username.strip().casefold()): settings.LOGIN_FAILURES_PER_USERNAME,
        _counter_key("address", address): settings.LOGIN_FAILURES_PER_ADDRESS,
    }


def is_refused(username: str, address: str) -> bool:
    limits = _counters(username, address)
    counts = cache.get_many(list(limits))
    return any(counts.get(key, 0) >= limit for key, limit in limits.items())


def _increment(key: str) -> None:
    # add() starts the window only if no counter exists; incr() is atomic in Redis, so concurrent failures
    # all count. A counter expiring between the two starts a new window with this failure.
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def record_failure(username: str, address: str) -> None:
    for key in _counters(username, address):
        _increment(key)


def clear_username(username: str) -> None:
    cache.delete(_counter_key("user", username.strip().casefold()))


class ThrottledLoginForm(LoginForm):
    error_messages = {
        **LoginForm.error_messages,
        "throttled": _("Too many failed sign-in attempts. Please wait %(minutes)s minutes, then try again."),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or self.request is None:
            return super().clean()
        address = client_address(self.request)
        if is_refused(username, address):
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": math.ceil(settings.LOGIN_FAILURE_WINDOW_SECONDS / 60)},
            )
        try:
            cleaned_data = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                record_failure(username, address)
            raise
        clear_username(username)
        return cleaned_data
