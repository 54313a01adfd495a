import pytest

from aggregator import fetch


@pytest.fixture
def loopback(settings):
    """Open 127.0.0.0/8 for the fetcher (tests serve feeds on loopback)."""
    settings.AGGREGATOR_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    return settings


@pytest.fixture
def session():
    s = fetch.make_session()
    yield s
    s.close()


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)
