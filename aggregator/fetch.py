"""Fetching: one shared HTTP session with an SSRF guard, size and redirect limits, conditional GET.

The guard resolves the host name itself, refuses loopback, private, link-local, multicast, reserved and
unspecified addresses (unless a range is opened by ``AGGREGATOR_ALLOWED_NETWORKS``), then connects to the
very address it checked, so a DNS answer cannot change between the check and the connection. TLS still
uses the URL's host name for SNI and certificate checks. Redirects are followed by hand so every hop goes
through the same guard. Proxies from the environment are ignored: they would bypass the guard.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests
from anyascii import anyascii
from django.conf import settings
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util.timeout import _DEFAULT_TIMEOUT

CHUNK = 64 * 1024
PER_HOST = 2  # requests at a time to one host, across feed passes and enrichment
BOT_WALL_MARKERS = (
    b"cf-challenge",
    b"challenge-platform",
    b"_cf_chl",
    b"just a moment...",
    b"attention required",
    b"captcha",
    b"ddos-guard",
    b"checking your browser",
)


class FetchError(Exception):
    """A fetch that produced no usable body. ``kind`` is short and stable, ``str()`` is for people."""

    kind = "error"

    def __init__(self, message: str, *, status: int | None = None, retry_after: int | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class BlockedAddress(FetchError):
    kind = "blocked_address"


class TooLarge(FetchError):
    kind = "too_large"


class TooManyRedirects(FetchError):
    kind = "redirects"


class FetchTimeout(FetchError):
    kind = "timeout"


class HTTPStatusError(FetchError):
    kind = "http"


class BotWall(FetchError):
    kind = "bot_wall"


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int
    headers: CaseInsensitiveDict = field(default_factory=CaseInsensitiveDict)  # HTTP/2 names are lower case
    content: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


# --- the guard -------------------------------------------------------------------------------------


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    value = getattr(settings, "AGGREGATOR_ALLOWED_NETWORKS", [])
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    return [ipaddress.ip_network(part.strip(), strict=False) for part in value]


def is_public_address(address: str, allowed=None) -> bool:
    """True when connecting to ``address`` is acceptable: public, or inside an explicitly opened range."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    allowed = allowed_networks() if allowed is None else allowed
    if any(ip.version == net.version and ip in net for net in allowed):
        return True
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def resolve_checked(host: str, port: int) -> list[tuple]:
    """``getaddrinfo`` answers for ``host``, refusing the whole name if any answer is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    allowed = allowed_networks()
    for info in infos:
        address = info[4][0]
        if not is_public_address(address, allowed):
            raise BlockedAddress(f"refused: {host} resolves to {address}, a non-public address")
    return infos


def _connect_checked(host: str, port: int, timeout, source_address, socket_options) -> socket.socket:
    last_error: OSError | None = None
    for family, socktype, proto, _canon, sockaddr in resolve_checked(host, port):
        sock = socket.socket(family, socktype, proto)
        try:
            for opt in socket_options or ():
                sock.setsockopt(*opt)
            if timeout is not _DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            last_error = exc
            sock.close()
    raise last_error or OSError(f"no address for {host}")


class _GuardMixin:
    def _new_conn(self) -> socket.socket:  # type: ignore[override]
        try:
            return _connect_checked(self._dns_host, self.port, self.timeout, self.source_address, self.socket_options)
        except BlockedAddress:
            raise
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out.") from exc
        except OSError as exc:
            raise NewConnectionError(self, f"Failed to establish a new connection: {exc}") from exc


class GuardedHTTPConnection(_GuardMixin, HTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardMixin, HTTPSConnection):
    pass


class GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": GuardedHTTPPool, "https": GuardedHTTPSPool}

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        raise BlockedAddress("refused: proxies are not used by the aggregator")


# --- the session and the fetch ---------------------------------------------------------------------

_host_slots: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(PER_HOST))
_host_lock = threading.Lock()


def host_slot(url: str) -> threading.Semaphore:
    """The semaphore that keeps us at ``PER_HOST`` requests at a time to the host of ``url``."""
    host = (urlsplit(url).hostname or "").lower()
    with _host_lock:
        return _host_slots[host]


def make_session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no environment proxies: they would bypass the guard
    adapter = GuardedAdapter(pool_connections=32, pool_maxsize=32, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update(
        {
            "User-Agent": anyascii(settings.AGGREGATOR_USER_AGENT),  # header values must be Latin-1
            "Accept-Encoding": "gzip, deflate",
            "Accept": ("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"),
        }
    )
    return session


_shared: requests.Session | None = None


def shared_session() -> requests.Session:
    global _shared
    if _shared is None:
        _shared = make_session()
    return _shared


def parse_retry_after(value: str | None, now: float | None = None) -> int | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), never negative."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0, int(when.timestamp() - (time.time() if now is None else now)))


def _looks_like_bot_wall(body: bytes) -> bool:
    head = body[:20000].lower()
    return any(marker in head for marker in BOT_WALL_MARKERS)


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    session: requests.Session | None = None,
    max_bytes: int | None = None,
    accept: str | None = None,
) -> FetchResult:
    """GET ``url`` within the limits. 304 returns an empty body; other non-2xx raise :class:`FetchError`."""
    session = session or shared_session()
    max_bytes = max_bytes or settings.AGGREGATOR_MAX_BYTES
    timeout = (settings.AGGREGATOR_CONNECT_TIMEOUT, settings.AGGREGATOR_READ_TIMEOUT)
    deadline = time.monotonic() + settings.AGGREGATOR_TOTAL_TIMEOUT
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if accept:
        headers["Accept"] = accept
    current = url
    for _hop in range(settings.AGGREGATOR_MAX_REDIRECTS + 1):
        if urlsplit(current).scheme not in ("http", "https"):
            raise BlockedAddress(f"refused: {current} is not http(s)")
        try:
            response = session.get(current, headers=headers, timeout=timeout, stream=True, allow_redirects=False)
        except requests.exceptions.ConnectTimeout as exc:
            raise FetchTimeout(f"no connection within {timeout[0]} s: {exc}") from exc
        except requests.exceptions.Timeout as exc:
            raise FetchTimeout(f"no answer within {timeout[1]} s: {exc}") from exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"connection failed: {exc}") from exc
        with response:
            if response.is_redirect:
                location = response.headers.get("Location", "")
                current = urljoin(current, location)
                continue
            if response.status_code == 304:
                # A 304 has no body (http.client reads none); reading it marks the response done, so the
                # connection goes back to the pool instead of being closed: most passes are all 304s.
                response.content  # noqa: B018
                return FetchResult(current, 304, CaseInsensitiveDict(response.headers))
            body = _read_limited(response, max_bytes, deadline)
            if response.status_code >= 400:
                retry_after = None
                if response.status_code in (429, 503):
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
                if response.status_code in (403, 429, 503) and _looks_like_bot_wall(body):
                    raise BotWall(
                        f"HTTP {response.status_code}: blocked by a bot challenge page",
                        status=response.status_code,
                        retry_after=retry_after,
                    )
                raise HTTPStatusError(
                    f"HTTP {response.status_code} {response.reason or ''}".strip(),
                    status=response.status_code,
                    retry_after=retry_after,
                )
            return FetchResult(current, response.status_code, CaseInsensitiveDict(response.headers), body)
    raise TooManyRedirects(f"more than {settings.AGGREGATOR_MAX_REDIRECTS} redirects")


def _read_limited(response: requests.Response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes and "Content-Encoding" not in response.headers:
        raise TooLarge(f"response larger than {max_bytes} bytes", status=response.status_code)
    chunks: list[bytes] = []
    size = 0
    try:
        # Decoded size is what counts: a small gzip bomb stops here like a big body does (urllib3 2.6+
        # decompresses a chunk at a time with a bounded output).
        for chunk in response.iter_content(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise TooLarge(f"response larger than {max_bytes} bytes", status=response.status_code)
            if time.monotonic() > deadline:
                raise FetchTimeout("response took too long", status=response.status_code)
            chunks.append(chunk)
    except requests.exceptions.RequestException as exc:
        if isinstance(exc.__context__, FetchError):
            raise exc.__context__ from exc
        raise FetchError(f"reading the response failed: {exc}", status=response.status_code) from exc
    except OSError as exc:
        raise FetchTimeout(f"reading the response failed: {exc}", status=response.status_code) from exc
    return b"".join(chunks)
