"""Django's Redis cache backend, keeping one client per connection pool and surviving Redis outages.

Django builds a new ``redis.Redis`` for every cache call, and redis-py 8 rebuilds its response-callback
table in each constructor: about three quarters of a cache read's time went there (bench/README.md).
A client is thread-safe over its pool, so one per pool is enough.

Django's backend also raises when Redis cannot be reached, which turns every page into a 500. Here an
unreachable Redis behaves as an empty cache that keeps nothing: reads miss, writes are dropped, ``incr``
raises ``ValueError`` as for a missing key. The site keeps serving (rendering every page) and uses Redis
again once it answers. After a failure the process leaves Redis alone for ``RETRY_SECONDS``, so a host
that does not answer costs one connect time-out per process and interval, not one per cache call.
A write refused because Redis is out of memory (``maxmemory`` with the ``noeviction`` policy) is dropped
too; reads go on.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import OutOfMemoryError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
_UNAVAILABLE = object()


class PooledRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._resting_until = 0.0

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _guard(self, call: Callable, unavailable: Any, *args, write: bool = False) -> Any:
        """``call(*args)``, or ``unavailable`` when Redis cannot be reached (or, for a write, is full)."""
        if time.monotonic() < self._resting_until:
            return unavailable
        try:
            return call(*args)
        except UNREACHABLE as error:
            self._resting_until = time.monotonic() + RETRY_SECONDS
            logger.warning("cache: Redis unreachable (%s); serving without it for %s s", error, RETRY_SECONDS)
            return unavailable
        except OutOfMemoryError:
            if not write:
                raise
            logger.warning("cache: Redis is out of memory; a write was dropped (use an eviction policy)")
            return unavailable

    def get(self, key, default):
        return self._guard(super().get, default, key, default)

    def get_many(self, keys):
        return self._guard(super().get_many, {}, keys)

    def has_key(self, key):
        return self._guard(super().has_key, False, key)

    def add(self, key, value, timeout):
        return self._guard(super().add, False, key, value, timeout, write=True)

    def set(self, key, value, timeout):
        self._guard(super().set, None, key, value, timeout, write=True)

    def set_many(self, data, timeout):
        self._guard(super().set_many, None, data, timeout, write=True)

    def touch(self, key, timeout):
        return self._guard(super().touch, False, key, timeout)

    def incr(self, key, delta):
        result = self._guard(super().incr, _UNAVAILABLE, key, delta, write=True)
        if result is _UNAVAILABLE:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return result

    def delete(self, key):
        return self._guard(super().delete, False, key)

    def delete_many(self, keys):
        self._guard(super().delete_many, None, keys)

    def clear(self):
        return self._guard(super().clear, False)


class PooledRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
