"""The read routes over a store of three hand-coded articles, through a real server on 127.0.0.1."""

from __future__ import annotations

import re

import httpx
import pytest
from _api_fixtures import AUTH, TOKEN, FakeCoder, fill_store, start_server, stored_articles


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("reads") / "reads.duckdb"
    fill_store(db, stored_articles())
    with start_server(db, FakeCoder()) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        yield http


def _ids(payload):
    return [(e["article_id"], e["cameo"]) for e in payload["events"]]


def test_health_counts_the_store(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["counts"] == {"articles": 3, "sentences": 6, "events": 6, "quotes": 2, "clusters": 4}


def test_events_newest_first_with_total(client):
    body = client.get("/api/events").json()
    assert body["total"] == 6 and body["limit"] == 50 and body["offset"] == 0
    assert _ids(body) == [("a-new", "163"), ("a-new", "070"), ("a-mid", "190"), ("a-mid", "111"), ("a-old", "190"), ("a-old", "112")]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"source": "RUS"}, [("a-mid", "190"), ("a-old", "190"), ("a-old", "112")]),
        ({"source": "rus", "target": "UKRGOV"}, [("a-old", "112")]),
        ({"root": "19"}, [("a-mid", "190"), ("a-old", "190")]),
        ({"mode": "negated"}, [("a-mid", "111")]),
        ({"since": "2022-02-21", "until": "2022-02-28"}, [("a-mid", "190"), ("a-mid", "111")]),
        ({"text": "AID france"}, [("a-new", "070")]),
        ({"article_id": "a-old"}, [("a-old", "190"), ("a-old", "112")]),
        ({"source": "CHN"}, []),
    ],
)
def test_events_filters_as_the_cli(client, params, expected):
    body = client.get("/api/events", params=params).json()
    assert _ids(body) == expected
    assert body["total"] == len(expected)


def test_events_paging(client):
    first = client.get("/api/events", params={"limit": 4}).json()
    second = client.get("/api/events", params={"limit": 4, "offset": 4}).json()
    assert (first["total"], len(first["events"]), len(second["events"])) == (6, 4, 2)
    assert _ids(second) == [("a-old", "190"), ("a-old", "112")]


def test_events_row_carries_sentence_and_spans(client):
    row = client.get("/api/events", params={"article_id": "a-mid", "mode": "asserted"}).json()["events"][0]
    assert row["sentence"] == "Russian troops attacked Ukrainian positions."
    assert (row["source_code"], row["source_start"], row["source_end"]) == ("RUSMIL", 0, 14)
    assert (row["action_text"], row["action_start"], row["action_end"]) == ("attacked", 15, 23)
    assert (row["target_code"], row["target_start"], row["target_end"]) == ("UKRMIL", 24, 43)
    assert (row["event_date"], row["goldstein"], row["quad_class"]) == ("2022-02-24", -10.0, 4)


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"mode": "maybe"}, 400, "mode='maybe' is not one of asserted, denied, hypothetical, intended, negated"),
        ({"since": "yesterday"}, 400, "since='yesterday' is not a date like 2022-02-15"),
        ({"root": "x"}, 400, "root='x' is not a CAMEO root code like 11 or 19"),
        ({"limit": "0"}, 422, "query.limit: Input should be greater than or equal to 1"),
        ({"limit": "501"}, 422, "query.limit: Input should be less than or equal to 500"),
        ({"offset": "-1"}, 422, "query.offset: Input should be greater than or equal to 0"),
        ({"text": "x" * 201}, 422, "query.text: String should have at most 200 characters"),
    ],
)
def test_events_bad_filters_are_clear_4xx(client, params, status, message):
    response = client.get("/api/events", params=params)
    assert response.status_code == status
    assert response.json()["message"] == message


def test_event_by_id_has_evidence(client):
    event_id = client.get("/api/events", params={"article_id": "a-old", "root": "11"}).json()["events"][0]["event_id"]
    body = client.get(f"/api/events/{event_id}").json()
    assert body["article"] == {"id": "a-old", "title": "Shelling near the border", "url": "https://news.example.org/a-old",
                               "source": "Test Wire", "published": "2022-02-20"}  # fmt: skip
    assert body["evidence"] == {
        "sentence": "Moscow accused Kyiv of provocations.", "sentence_index": 1, "sentence_span": [34, 70],
        "source": {"text": "Moscow", "span": [34, 40]}, "action": {"text": "accused", "span": [41, 48]},
        "target": {"text": "Kyiv", "span": [49, 53]}, "rule": "accuse",
    }  # fmt: skip


def test_event_unknown_id_is_404(client):
    response = client.get("/api/events/0000000000000000")
    assert response.status_code == 404
    assert response.json() == {"error": "NotFound", "message": "unknown event: '0000000000000000'"}


def test_trend_counts_periods_of_a_dyad(client):
    body = client.get("/api/trend", params={"source": "RUS", "target": "UKR", "freq": "day"}).json()
    assert (body["source"], body["target"], body["freq"], body["alerts"]) == ("RUS", "UKR", "day", [])
    assert [(p["period"], p["n"], p["q3"], p["q4"], p["goldstein_mean"]) for p in body["periods"]] == [
        ("2022-02-20", 2, 1, 1, -6.0),
        ("2022-02-21", 0, 0, 0, None),
        ("2022-02-22", 0, 0, 0, None),
        ("2022-02-23", 0, 0, 0, None),
        ("2022-02-24", 1, 0, 1, -10.0),
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"target": "UKR"}, "query.source: Field required"),
        ({"source": "RUS", "freq": "year"}, "query.freq: String should match pattern '^(day|week|month)$'"),
        ({"source": "RUS", "window": "1"}, "query.window: Input should be greater than or equal to 2"),
    ],
)
def test_trend_bad_parameters_are_422(client, params, message):
    response = client.get("/api/trend", params=params)
    assert (response.status_code, response.json()["message"]) == (422, message)


def test_actors_network_by_country(client):
    body = client.get("/api/actors").json()
    assert [(e["source"], e["target"], e["n"], e["conflict"]) for e in body["edges"]] == [("RUS", "UKR", 3, 3), ("USA", "RUS", 1, 1)]
    assert body["nodes"] == [
        {"code": "RUS", "out": 3, "in": 1, "n": 4}, {"code": "UKR", "out": 0, "in": 3, "n": 3}, {"code": "USA", "out": 1, "in": 0, "n": 1},
    ]  # fmt: skip


def test_actors_network_all_modes_by_code(client):
    body = client.get("/api/actors", params={"level": "code", "mode": "all", "min_count": 1}).json()
    assert len(body["edges"]) == 6
    assert ("UKRGOV", "RUSGOV", 1) in [(e["source"], e["target"], e["n"]) for e in body["edges"]]


def test_quotes_by_speaker(client):
    assert client.get("/api/quotes/speakers").json()["speakers"] == [
        {"speaker_code": "FRAGOV", "speaker_text": "the minister", "n": 1},
        {"speaker_code": "RUSGOV", "speaker_text": "Moscow", "n": 1},
    ]
    quotes = client.get("/api/quotes", params={"speaker": "minister"}).json()["quotes"]
    assert [(q["article_id"], q["text"], q["verb"]) for q in quotes] == [("a-new", "France will send aid to Ukraine", "said")]


def test_article_with_text_sentences_events_quotes(client):
    body = client.get("/api/articles/a-new").json()
    article = body["article"]
    assert article["text"] == "Washington imposed sanctions on Moscow. France will send aid to Ukraine, the minister said."
    assert (article["title"], article["published"]) == ("Sanctions and aid", "2022-03-01")
    assert [(s["sentence_index"], s["start_char"], s["end_char"]) for s in body["sentences"]] == [(0, 0, 39), (1, 40, 91)]
    assert [(e["cameo"], e["action_start"], e["action_end"]) for e in body["events"]] == [("163", 11, 28), ("070", 52, 60)]
    assert article["text"][52:60] == "send aid"
    assert [q["speaker_code"] for q in body["quotes"]] == ["FRAGOV"]


def test_article_unknown_is_404(client):
    response = client.get("/api/articles/nope")
    assert (response.status_code, response.json()["message"]) == (404, "unknown article: 'nope'")


def test_reads_from_other_addresses_need_the_token(tmp_path):
    """A client that is not on loopback (here 10.1.2.3 through the ASGI transport) must send the token."""
    from flashpoint.api.app import create_app
    from flashpoint.api.options import ServerOptions
    from flashpoint.config import Settings

    app = create_app(Settings(db_path=tmp_path / "x.duckdb"), ServerOptions(token=TOKEN))
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5000))

    async def fetch(headers):
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
            return await http.get("/api/events", headers=headers)

    import asyncio

    refused = asyncio.run(fetch({}))
    assert refused.status_code == 401
    assert refused.json()["message"].startswith("reading from a non-loopback address needs a bearer token")
    wrong = asyncio.run(fetch({"Authorization": "Bearer nope"}))
    assert wrong.status_code == 403
    # With the right token the request gets past the check (the store is not open: no lifespan here).
    allowed = asyncio.run(fetch(AUTH))
    assert allowed.status_code == 500 and allowed.json()["error"] == "StoreError"


def test_dashboard_and_docs_are_served_from_the_package(client):
    page = client.get("/")
    assert page.status_code == 200 and '<script src="/static/app.js" defer></script>' in page.text
    assert "default-src 'self'; script-src 'self'" in page.headers["content-security-policy"]
    # Every script and style comes from this server (paths, not other hosts).
    assert re.findall(r'(?:src|href)="([^"]+)"', page.text) == [
        "data:,", "/static/app.css", "/vendor/plotly.min.js", "/static/app.js",
        "#trend", "#events", "#quotes", "#network", "#code", "/docs", "#events",
    ]  # fmt: skip
    plotly = client.get("/vendor/plotly.min.js")
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/vendor/swagger/swagger-ui-bundle.js" in docs.text
    assert client.get("/vendor/swagger/swagger-ui-bundle.js").status_code == 200
    assert client.get("/vendor/swagger/../../etc/passwd").status_code == 404
    assert "/api/events/{event_id}" in client.get("/openapi.json").json()["paths"]
