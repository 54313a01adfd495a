"""The Redis cache backend against the real Redis on loopback."""

import uuid

import pytest
from django.core.cache.backends.redis import RedisCacheClient

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
