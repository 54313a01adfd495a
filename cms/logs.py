"""Structured logs: one line per request, request ids on every record, JSON in production.

``RequestLogMiddleware`` (outermost) takes the request id from ``X-Request-ID`` when the proxy sent a sane
one, or makes one, returns it in the response header and keeps it in a context variable for the duration of
the request; ``RequestIdFilter`` copies it onto every log record, whatever logger wrote it, so a traceback
can be matched to its request line. ``JsonFormatter`` writes a record and its ``extra`` fields as one JSON
object per line (``LOG_FORMAT=json``).
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.utils.functional import SimpleLazyObject, empty

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

REQUEST_ID_HEADER = "X-Request-ID"
# Short and printable without spaces: an id from the proxy may be logged and echoed, never a payload.
VALID_REQUEST_ID = re.compile(r"[!-~]{1,64}")

request_logger = logging.getLogger("cms.requests")

# Attributes every LogRecord has; anything else on a record came from ``extra=`` and belongs in the JSON.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (or "-" outside a request) to every record passing the handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
        }
        entry.update({key: value for key, value in vars(record).items() if key not in _STANDARD_ATTRIBUTES})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def incoming_request_id(request) -> str:
    candidate = request.headers.get(REQUEST_ID_HEADER, "")
    return candidate if VALID_REQUEST_ID.fullmatch(candidate) else uuid.uuid4().hex


def _user_id(request) -> int | None:
    """The user's id if the request looked the user up; never a session read of its own (it may fail)."""
    user = request.__dict__.get("user")
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


def _response_bytes(response) -> int | None:
    return None if response.streaming else len(response.content)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = incoming_request_id(request)
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response[REQUEST_ID_HEADER] = request_id
            request_logger.info(
                "%s %s %s %sms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": _user_id(request),
                    "bytes": _response_bytes(response),
                },
            )
            return response
        finally:
            request_id_var.reset(token)
