"""The Redis cache backend against the real Redis on loopback."""

import pickle
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis
from django.core.cache.backends.redis import RedisCacheClient

from cms import redis_cache as redis_cache_module
from cms.cache import forget_remembered_version
from cms.redis_cache import PooledRedisCache

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_cache():
    backend = PooledRedisCache(REDIS_URL, {"KEY_PREFIX": f"asean-test-{uuid.uuid4().hex}"})
    yield backend
    for key in ("a", "counter", "page"):
        backend.delete(key)


def test_reads_and_writes_through_one_client_per_pool(redis_cache):
    redis_cache.set("a", {"body": b"<html>", "n": 1}, 30)
    assert redis_cache.get("a") == {"body": b"<html>", "n": 1}
    redis_cache.set("counter", 5, None)
    assert redis_cache.incr("counter") == 6
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=True) is client  # one server: one pool, one client


def test_django_builds_a_client_per_call_which_is_what_we_avoid():
    plain = RedisCacheClient([REDIS_URL])
    assert plain.get_client() is not plain.get_client()


# --- Redis unreachable: the cache misses, the site stays up, and Redis is used again once it answers -------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    return free_port()


@contextmanager
def redis_server(port: int) -> Iterator[redis.Redis]:
    """A throwaway Redis of our own on ``port`` (never the shared one)."""
    server = subprocess.Popen(  # noqa: S603
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],  # noqa: S607
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline and server.poll() is None, "redis-server did not start"
                time.sleep(0.02)
        yield client
    finally:
        client.close()
        server.kill()
        server.wait()


def test_unreachable_redis_is_an_empty_cache_that_keeps_nothing(closed_port):
    backend = PooledRedisCache(f"redis://127.0.0.1:{closed_port}/0", {"KEY_PREFIX": "t"})
    assert backend.get("a", "default") == "default"
    assert backend.get_many(["a", "b"]) == {}
    assert backend.add("a", 1) is False
    backend.set("a", 1)
    backend.set_many({"a": 1})
    assert backend.get_or_set("a", 2) == 2
    with pytest.raises(ValueError):
        backend.incr("a")
    assert backend.delete("a") is False


def test_after_a_failure_redis_is_left_alone_then_used_again(closed_port, monkeypatch):
    monkeypatch.setattr(redis_cache_module, "RETRY_SECONDS", 3600)
    backend = PooledRedisCache(f"redis://127.0.0.1:{closed_port}/0", {"KEY_PREFIX": "t"})
    assert backend.get("a") is None
    with redis_server(closed_port) as server:
        server.set("t:1:a", pickle.dumps("cached"))
        assert backend.get("a") is None  # still resting: no connection attempt per call while Redis is down
        monkeypatch.setattr(redis_cache_module, "RETRY_SECONDS", 0)
        backend._cache._resting_until = 0.0  # the rest is over
        assert backend.get("a") == "cached"
        backend.set("b", 1)
        assert backend.incr("b") == 2


def test_pages_are_served_while_redis_is_down(portal, client, settings, closed_port):
    settings.CACHES = {
        "default": {"BACKEND": "cms.redis_cache.PooledRedisCache", "LOCATION": f"redis://127.0.0.1:{closed_port}/0"}
    }
    forget_remembered_version()
    for _ in range(2):
        response = client.get(portal.column_vi.url)
        assert response.status_code == 200
        assert portal.column_vi.title in response.text


def test_a_full_redis_without_eviction_drops_writes_and_keeps_reading(monkeypatch):
    with redis_server(free_port()) as server:
        server.config_set("maxmemory-policy", "noeviction")
        server.config_set("maxmemory", "1")  # every write is refused with OOM
        port = server.connection_pool.connection_kwargs["port"]
        backend = PooledRedisCache(f"redis://127.0.0.1:{port}/0", {"KEY_PREFIX": "t"})
        backend.set("a", "x" * 1000)
        assert backend.add("a", 1) is False
        assert backend.get("a", "miss") == "miss"
