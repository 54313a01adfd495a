"""Structured logs: one JSON line per request and per fetch pass, request ids on every record of a request."""

import io
import json
import logging

import pytest
from django.conf import settings

from aggregator import pipeline
from aggregator.models import KeywordRule, Source
from aggregator.rules import ensure_default_rules
from cms.bootstrap.taxonomy import ensure_taxonomy
from cms.logs import JsonFormatter, RequestIdFilter
from cms.models import SchedulerHeartbeat
from tests.aggregator.conftest import httpserver_listen_address, loopback  # noqa: F401  (fixtures)
from tests.aggregator.feeds import items, rss
from tests.cms.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    """A console handler as the settings configure it with LOG_FORMAT=json, writing into a buffer."""
    assert settings.LOGGING["formatters"]["json"]["()"] == "cms.logs.JsonFormatter"
    assert settings.LOGGING["filters"]["request_id"]["()"] == "cms.logs.RequestIdFilter"
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request_id"]
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    previous_level = root.level
    root.setLevel(logging.INFO)

    def lines() -> list[dict]:
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    yield lines
    root.removeHandler(handler)
    root.setLevel(previous_level)


def request_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == "cms.requests"]


def test_one_json_line_per_request_with_a_generated_id(client, json_log):
    response = client.get("/robots.txt")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32 and int(request_id, 16) >= 0
    [line] = request_lines(json_log())
    assert line["request_id"] == request_id
    assert line["method"] == "GET" and line["path"] == "/robots.txt" and line["status"] == 200
    assert line["bytes"] == len(response.content)
    assert line["user_id"] is None
    assert line["duration_ms"] >= 0


def test_a_sane_incoming_request_id_is_kept(client, json_log):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID="nginx-4f2a.17")
    assert response["X-Request-ID"] == "nginx-4f2a.17"
    assert request_lines(json_log())[0]["request_id"] == "nginx-4f2a.17"


@pytest.mark.parametrize("incoming", ["x" * 65, "two words", "line\nbreak", "ký-tự"])
def test_an_unfit_incoming_request_id_is_replaced(client, json_log, incoming):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_records_written_during_a_request_carry_its_id(client, json_log):
    response = client.get("/healthz")  # no heartbeat: the view logs why it fails
    assert response.status_code == 503
    lines = json_log()
    [warning] = [line for line in lines if line["logger"] == "cms.healthz"]
    assert warning["level"] == "WARNING"
    assert warning["request_id"] == response["X-Request-ID"] == request_lines(lines)[0]["request_id"]


def test_the_signed_in_user_is_logged(client, json_log):
    editor = UserFactory(username="bientap", is_superuser=True)
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    [line] = request_lines(json_log())
    assert line["user_id"] == editor.pk
    assert line["path"] == "/admin/"


def test_records_outside_requests_have_no_id(json_log):
    SchedulerHeartbeat.beat()
    logging.getLogger("cms.scheduler").info("outside")
    [line] = [line for line in json_log() if line["message"] == "outside"]
    assert line["request_id"] == "-"


def test_one_json_line_per_fetch_pass(httpserver, loopback, json_log):  # noqa: F811
    ensure_taxonomy()
    ensure_default_rules(KeywordRule)
    httpserver.expect_request("/feed.xml").respond_with_data(rss(items(3)), content_type="application/rss+xml")
    httpserver.expect_request("/gone.xml").respond_with_data("", status=404)
    good = Source.objects.create(name="good", feed_url=httpserver.url_for("/feed.xml"), asean_filter=False)
    gone = Source.objects.create(name="gone", feed_url=httpserver.url_for("/gone.xml"), asean_filter=False)

    pipeline.run_pass([good, gone])

    passes = {line["source_id"]: line for line in json_log() if line["logger"] == "aggregator.store"}
    assert set(passes) == {good.pk, gone.pk}
    assert (passes[good.pk]["status"], passes[good.pk]["new"], passes[good.pk]["updated"]) == ("ok", 3, 0)
    assert passes[good.pk]["filtered"] == 0 and passes[good.pk]["error"] == ""
    assert passes[gone.pk]["status"] == "error" and passes[gone.pk]["http_status"] == 404
    assert passes[gone.pk]["error"]
    assert all(line["duration_ms"] >= 0 for line in passes.values())


def test_text_format_in_development_shows_the_request_id():
    formatter = logging.Formatter(settings.LOGGING["formatters"]["text"]["format"])
    record = logging.makeLogRecord({"msg": "GET / 200", "request_id": "abc"})
    assert "[abc] GET / 200" in formatter.format(record)
