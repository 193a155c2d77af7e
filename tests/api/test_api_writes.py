"""Writes and live coding (POST /api/articles, POST /api/code) with a spaCy-free coder:
token, validation, size limits, URL refusal, duplicates, concurrency, cache freshness."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from _api_fixtures import AUTH, FakeCoder, start_server

from flashpoint.store import open_store

ARTICLE = {"id": "w1", "text": "Russia attacked Ukraine.\nRussia attacked Ukraine again.", "date": "2022-02-24",
           "title": "Two attacks", "source": "Test Wire", "url": "https://news.example.org/w1"}  # fmt: skip


@pytest.fixture
def db(tmp_path):
    return tmp_path / "writes.duckdb"


@pytest.fixture
def client(db):
    with start_server(db, FakeCoder()) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


def _articles(client):
    return client.get("/api/health").json()["counts"]["articles"]


@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        ({}, 401, "POST /api/articles needs a bearer token: send 'Authorization: Bearer <token>' "
                  "(FLASHPOINT_API_TOKEN, or the token `flashpoint serve` printed)"),
        ({"Authorization": "Bearer wrong-token"}, 403, "the bearer token is not this server's token"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 401, None),
        ({"Authorization": "Bearer"}, 401, None),
    ],
)
def test_post_article_without_the_token_is_refused(client, headers, status, message):
    response = client.post("/api/articles", json=ARTICLE, headers=headers)
    assert response.status_code == status
    assert response.headers["www-authenticate"] == 'Bearer realm="flashpoint"'
    if message is not None:
        assert response.json()["message"] == message
    assert _articles(client) == 0


def test_post_article_codes_and_stores(client):
    assert client.get("/api/events").json()["total"] == 0  # cached at this generation
    response = client.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert response.status_code == 201
    body = response.json()
    assert (body["article_id"], body["stored"], body["duplicate"]) == ("w1", True, False)
    assert [(e["sentence_index"], e["cameo"], e["action_start"]) for e in body["events"]] == [(0, "190", 7), (1, "190", 32)]
    # The write bumped the generation: the cached empty answer is not served again.
    events = client.get("/api/events").json()
    assert events["total"] == 2
    article = client.get("/api/articles/w1").json()["article"]
    assert (article["title"], article["source"], article["url"], article["published"]) == (
        "Two attacks", "Test Wire", "https://news.example.org/w1", "2022-02-24")


def test_post_article_twice_is_a_duplicate(client):
    client.post("/api/articles", json=ARTICLE, headers=AUTH)
    again = client.post("/api/articles", json={**ARTICLE, "text": "Something else entirely."}, headers=AUTH)
    assert again.status_code == 200
    body = again.json()
    assert (body["stored"], body["duplicate"], len(body["events"])) == (False, True, 2)
    assert _articles(client) == 1


def test_post_article_without_id_gets_the_content_hash(client):
    from flashpoint.model import Article

    body = client.post("/api/articles", json={"text": "Russia attacked Ukraine."}, headers=AUTH).json()
    assert body["article_id"] == Article.make_id("Russia attacked Ukraine.", None)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"title": "no text"}, "posted article: give the article's text, or a url to fetch it from"),
        ({"id": "x", "text": "   "}, "x: give the article's text, or a url to fetch it from"),
        ({"text": "Russia attacked Ukraine.", "colour": "red"}, "body.colour: Extra inputs are not permitted"),
        ({"text": "Russia attacked Ukraine.", "date": "24/02/2022"}, "body.date: Input should be a valid date or datetime, invalid character in year"),
        ({"text": 42}, "body.text: Input should be a valid string"),
        ({"id": "", "text": "Russia attacked Ukraine."}, "body.id: String should have at least 1 character"),
        ({"text": "FAIL here"}, None),
    ],
)
def test_post_article_bad_bodies_are_422(client, payload, message):
    response = client.post("/api/articles", json=payload, headers=AUTH)
    assert response.status_code == 422
    if message is not None:
        assert response.json()["message"] == message
    else:
        assert response.json()["message"].endswith("coding failed: ValueError: the fake coder failed")
    assert _articles(client) == 0


def test_post_article_malformed_json_is_422(client):
    response = client.post("/api/articles", content=b'{"text": ', headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"] == "ValidationError"
    assert "JSON decode error" in response.json()["message"]


def test_body_over_the_cap_is_413(db):
    with start_server(db, FakeCoder(), max_body_bytes=10_000) as server, httpx.Client(base_url=server.url) as http:
        big = {"text": "Russia attacked Ukraine. " * 1000}
        response = http.post("/api/articles", json=big, headers=AUTH)
        assert response.status_code == 413
        assert response.json() == {"error": "TooLarge", "message": "request body larger than 10000 bytes"}

        # A chunked body (no Content-Length) is counted as it arrives.
        def chunks():
            yield b'{"text": "'
            for _ in range(20):
                yield b"x" * 1000
            yield b'"}'

        streamed = http.post("/api/code", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413
        assert http.get("/api/health").json()["counts"]["articles"] == 0


def test_text_over_the_limit_is_422(db):
    with start_server(db, FakeCoder(), max_text_chars=100) as server, httpx.Client(base_url=server.url) as http:
        response = http.post("/api/code", json={"id": "long", "text": "a" * 101})
        assert response.status_code == 422
        assert response.json()["message"] == "long: the article text has 101 characters; the limit is 100"


@pytest.mark.issue(13)
@pytest.mark.parametrize("field", ["id", "title", "text", "source", "url"])
@pytest.mark.parametrize("route", ["/api/articles", "/api/code"])
def test_lone_surrogate_in_a_posted_field_is_422(client, field, route):
    if route == "/api/code" and field in ("source", "url"):
        pytest.skip("POST /api/code takes no source or url")
    fields = {"id": "s1", "text": "Envoys met at the border.", "title": "Envoys"}
    if route == "/api/articles":
        fields.update(source="Wire", url="https://news.example.org/s1")
    # The JSON escape arrives as a lone surrogate, which no UTF-8 client library would send raw.
    body = "{" + ", ".join(f'"{k}": "{v}{chr(92) + "udcff" if k == field else ""}"' for k, v in fields.items()) + "}"
    response = client.post(route, content=body.encode(), headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 422
    if field == "text":  # the one field without a length bound, which pydantic lets through
        assert response.json()["message"] == "s1: article s1: its text is not valid Unicode text (lone surrogate U+DCFF at character 25)"
    else:
        assert response.json()["message"] == f"body.{field}: Input should be a valid string, unable to parse raw data as a unicode string"
    assert _articles(client) == 0  # and the connection still answers


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "refused: only http and https URLs are fetched, not file:"),
        ("javascript:alert(1)", "refused: only http and https URLs are fetched, not javascript:"),
        ("http://127.0.0.1:9/page", "refused: host '127.0.0.1' resolves to non-public address 127.0.0.1"),
        ("http://10.0.0.1/page", "refused: host '10.0.0.1' resolves to non-public address 10.0.0.1"),
        ("http://[::1]:9/page", "refused: host '::1' resolves to non-public address ::1"),
    ],
)
def test_post_url_refuses_schemes_and_private_addresses(client, url, reason):
    response = client.post("/api/articles", json={"url": url}, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["error"] == "IngestError"
    assert response.json()["message"].startswith(f"{url}: {reason}")
    assert _articles(client) == 0


class _Page(BaseHTTPRequestHandler):
    body = (b"<html><head><title>Harbour news</title></head><body><article><h1>Harbour news</h1>"
            b"<p>Russia attacked Ukraine.</p></article></body></html>")  # fmt: skip

    def do_GET(self):  # noqa: N802  (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def test_post_url_with_allow_private_fetches_through_ingest(db):
    page = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=page.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{page.server_address[1]}/harbour"
    try:
        with start_server(db, FakeCoder(), allow_private=True) as server, httpx.Client(base_url=server.url, timeout=30) as http:
            response = http.post("/api/articles", json={"url": url, "date": "2022-02-24"}, headers=AUTH)
            assert response.status_code == 201, response.text
            body = response.json()
            assert [(e["cameo"], e["sentence"]) for e in body["events"]] == [("190", "Russia attacked Ukraine.")]
            article = http.get(f"/api/articles/{body['article_id']}").json()["article"]
            assert (article["url"], article["title"], article["published"]) == (url, "Harbour news", "2022-02-24")
    finally:
        page.shutdown()
        page.server_close()


class _Feed(_Page):
    body = b""  # set per test

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


def _feed(declaration: bytes, title: bytes) -> bytes:
    summary = b"Russia attacked Ukraine. The shelling of the border villages went on through the night. " * 3
    return (declaration + b'<rss version="2.0"><channel><title>Wire</title><item><title>' + title
            + b"</title><description>" + summary + b"</description></item></channel></rss>")  # fmt: skip


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("feed", "status", "message"),
    [
        (_feed(b'<?xml version="1.0" encoding="utf\x00-8"?>', b"Shelling"), 422, "malformed feed: ValueError: embedded null character"),
        (_feed(b'<?xml version="1.0"?>', b"Shelling &#xD800; again"), 201, None),
    ],
    ids=["nul-in-encoding", "surrogate-reference"],
)
def test_post_url_of_a_hostile_feed_is_not_500(db, feed, status, message):
    handler = type("Hostile", (_Feed,), {"body": feed})
    site = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{site.server_address[1]}/feed.xml"
    try:
        with start_server(db, FakeCoder(), allow_private=True) as server, httpx.Client(base_url=server.url, timeout=30) as http:
            response = http.post("/api/articles", json={"url": url}, headers=AUTH)
            assert response.status_code == status, response.text
            if message is not None:
                assert response.json() == {"error": "IngestError", "message": f"{url}: {message}"}
            else:
                stored = http.get(f"/api/articles/{response.json()['article_id']}").json()["article"]
                assert stored["title"] == "Shelling \ufffd again"
    finally:
        site.shutdown()
        site.server_close()


def test_code_returns_events_and_stores_nothing(client):
    response = client.post("/api/code", json={"text": "Russia attacked Ukraine.", "date": "2022-02-24"})
    assert response.status_code == 200
    body = response.json()
    event = body["events"][0]
    assert (event["source"]["code"], event["cameo"], event["target"]["code"], event["action"]["span"]) == ("RUSGOV", "190", "UKR", [7, 15])
    assert body["sentences"] == [{"index": 0, "start": 0, "end": 24, "text": "Russia attacked Ukraine."}]
    assert _articles(client) == 0


def test_code_when_the_queue_is_full_is_503(db):
    with start_server(db, FakeCoder(), coding_queue=0) as server, httpx.Client(base_url=server.url) as http:
        response = http.post("/api/code", json={"text": "Russia attacked Ukraine."})
        assert response.status_code == 503
        assert response.headers["retry-after"] == "5"
        assert response.json()["error"] == "Busy"


def test_concurrent_posts_all_stored(client, db):
    def post(i):
        return client.post("/api/articles", json={"id": f"c{i}", "text": f"Russia attacked Ukraine {i}.\nAgain {i}."}, headers=AUTH)

    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(r.status_code for r in pool.map(post, range(12)))
    assert statuses == [201] * 12
    counts = client.get("/api/health").json()["counts"]
    assert (counts["articles"], counts["sentences"], counts["events"]) == (12, 24, 24)
    body = client.get("/api/events", params={"limit": 500}).json()
    assert body["total"] == 24


def test_writes_survive_shutdown(db):
    with start_server(db, FakeCoder()) as server, httpx.Client(base_url=server.url) as http:
        assert http.post("/api/articles", json=ARTICLE, headers=AUTH).status_code == 201
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
        assert store.counts()["events"] == 2


def test_cached_pages_of_other_actors_survive_a_write(db):
    """A write about RUS -> UKR leaves the cached USA page and trend in place (served without a
    query), and refreshes every RUS or UKR page."""
    with start_server(db, FakeCoder()) as server, httpx.Client(base_url=server.url) as http:
        backend = server.app.state.backend
        usa = http.get("/api/events", params={"source": "USA"}).json()
        usa_trend = http.get("/api/trend", params={"source": "USA", "target": "CHN"}).json()
        rus = http.get("/api/events", params={"source": "RUSGOV"}).json()
        http.post("/api/articles", json=ARTICLE, headers=AUTH)
        borrowed = []
        original = backend.reader
        backend.reader = lambda: borrowed.append(1) or original()
        assert http.get("/api/events", params={"source": "USA"}).json() == usa
        assert http.get("/api/trend", params={"source": "USA", "target": "CHN"}).json() == usa_trend
        assert borrowed == []  # served from the cache: no store reader was borrowed
        assert (rus["total"], http.get("/api/events", params={"source": "RUSGOV"}).json()["total"]) == (0, 2)
        assert borrowed == [1]
        assert http.get("/api/events", params={"source": "RUSMIL"}).json()["total"] == 0


@pytest.mark.parametrize(
    ("scope", "event", "touched"),
    [
        (("RUS", "UKR", None), ("RUSGOV", "UKRMIL", "19"), True),
        (("RUSGOV", None, None), ("RUSMIL", None, "19"), True),  # same country: clusters may be re-pointed
        (("USA", None, None), ("RUSGOV", "USA", "19"), False),
        ((None, "USA", None), ("RUSGOV", "USA", "19"), True),
        (("RUS", None, "14"), ("RUSGOV", "UKR", "19"), False),
        (("RUS", None, None), (None, "UKR", "19"), False),
        ((None, None, None), (None, None, "01"), True),
    ],
)
def test_scope_touched_by_events_of_its_actors(scope, event, touched):
    from flashpoint.api.backend import Scope

    assert Scope(*scope).touched_by(*event) is touched
