"""The SSRF guard. Decisions about non-loopback addresses are taken without sending a packet."""

import socket

import pytest

from aggregator import fetch

REFUSED = [
    "10.0.0.1",
    "169.254.169.254",
    "::1",
    "127.0.0.1",
    "192.168.1.10",
    "172.16.0.5",
    "224.0.0.1",
    "0.0.0.0",  # noqa: S104 (an address to refuse, not one to bind)
    "fe80::1",
    "fc00::1",
    "::ffff:10.0.0.1",
    "100.64.0.1",
]


@pytest.mark.parametrize("address", REFUSED)
def test_non_public_addresses_are_refused(address, settings):
    settings.AGGREGATOR_ALLOWED_NETWORKS = []
    assert fetch.is_public_address(address) is False


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"])
def test_public_addresses_pass(address, settings):
    settings.AGGREGATOR_ALLOWED_NETWORKS = []
    assert fetch.is_public_address(address) is True


def test_allowed_networks_open_only_the_named_range(settings):
    settings.AGGREGATOR_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    assert fetch.is_public_address("127.0.0.1") is True
    assert fetch.is_public_address("127.0.0.2") is False
    assert fetch.is_public_address("10.0.0.1") is False


class NoSockets:
    """Replaces socket.socket: any attempt to open one fails the test."""

    created = 0

    def __call__(self, *args, **kwargs):
        NoSockets.created += 1
        raise AssertionError("a socket was opened")


def fake_dns(monkeypatch, addresses: list[str]):
    def getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    guard = NoSockets()
    monkeypatch.setattr(socket, "socket", guard)
    return guard


@pytest.mark.parametrize("addresses", [["10.0.0.1"], ["169.254.169.254"], ["::1"], ["93.184.216.34", "10.0.0.1"]])
def test_a_name_resolving_to_refused_addresses_is_refused_before_connecting(monkeypatch, settings, addresses):
    settings.AGGREGATOR_ALLOWED_NETWORKS = []
    session = fetch.make_session()
    fake_dns(monkeypatch, addresses)
    NoSockets.created = 0
    with pytest.raises(fetch.BlockedAddress):
        fetch.fetch("http://feeds.internal.example/rss", session=session)
    assert NoSockets.created == 0


def test_metadata_address_literal_is_refused_before_connecting(monkeypatch, settings):
    settings.AGGREGATOR_ALLOWED_NETWORKS = []
    session = fetch.make_session()
    guard = NoSockets()
    monkeypatch.setattr(socket, "socket", guard)
    NoSockets.created = 0
    with pytest.raises(fetch.BlockedAddress):
        fetch.fetch("http://169.254.169.254/latest/meta-data/", session=session)
    with pytest.raises(fetch.BlockedAddress):
        fetch.fetch("https://[::1]:8443/feed", session=session)
    assert NoSockets.created == 0


def test_live_feed_on_loopback_is_refused_while_loopback_is_not_allowed(httpserver, settings, session):
    settings.AGGREGATOR_ALLOWED_NETWORKS = []
    httpserver.expect_request("/feed").respond_with_data("<rss/>")
    with pytest.raises(fetch.BlockedAddress):
        fetch.fetch(httpserver.url_for("/feed"), session=session)
    assert httpserver.log == []  # refused before any request reached the server


def test_live_redirect_from_allowed_to_refused_address_is_refused(httpserver, settings, session):
    settings.AGGREGATOR_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    port = httpserver.port
    httpserver.expect_request("/hop").respond_with_data(
        "", status=302, headers={"Location": f"http://127.0.0.2:{port}/x"}
    )
    httpserver.expect_request("/ok").respond_with_data("fine")
    assert fetch.fetch(httpserver.url_for("/ok"), session=session).content == b"fine"  # the allowed address works
    with pytest.raises(fetch.BlockedAddress):
        fetch.fetch(httpserver.url_for("/hop"), session=session)


def test_environment_proxies_are_ignored(monkeypatch, httpserver, loopback):
    monkeypatch.setenv("HTTP_PROXY", "http://10.0.0.1:3128")
    monkeypatch.setenv("http_proxy", "http://10.0.0.1:3128")
    session = fetch.make_session()
    httpserver.expect_request("/f").respond_with_data("direct")
    assert fetch.fetch(httpserver.url_for("/f"), session=session).content == b"direct"
