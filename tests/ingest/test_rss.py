"""read_feed: RSS/Atom entries -> Articles via each entry's page; a real feed on 127.0.0.1.

Unit tests inject a fake `fetch_page`. The end-to-end tests serve a feed and its
pages from an http.server on 127.0.0.1 (port chosen by the OS) and read it with
`flashpoint.ingest.read(..., allow_private=True)`; nothing else is contacted.
"""

from __future__ import annotations

import datetime
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from flashpoint.errors import IngestError
from flashpoint.ingest import read
from flashpoint.ingest.rss import MIN_SUMMARY_CHARS, is_feed, read_feed
from flashpoint.model import Article

STORIES = {
    "/news/dam.html": (
        "Fighting near the dam",
        "Artillery units exchanged fire near the northern dam on Monday, officials in the regional "
        "capital said. Engineers warned that the spillway could fail if the shelling continued.",
    ),
    "/news/talks.html": (
        "Talks in Kessel",
        "Negotiators from the two neighbouring states met again in the frontier town of Kessel and "
        "agreed to restore the military hotline before the end of the month.",
    ),
    "/news/protest.html": (
        "Protest outside parliament",
        "Thousands of opposition supporters gathered outside parliament on Friday to demand new "
        "elections, and police closed the roads around the main square.",
    ),
}
LONG_SUMMARY = (
    "The interior ministry said on Sunday that border police had detained fourteen people who "
    "tried to cross the river at night, and that patrols along the frontier would be doubled "
    "until the end of the harvest season, when crossings usually rise."
)
assert len(LONG_SUMMARY) >= MIN_SUMMARY_CHARS


def page_html(title: str, text: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        "<meta property='og:site_name' content='The Valley Courier'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<script>var analytics = 'ANALYTICS_MARKER';</script>"
        f"<article><h1>{title}</h1><p>{text}</p></article>"
        "<footer>The Valley Courier FOOTER_MARKER</footer></body></html>"
    )


def item(link: str, title: str, date: str = "Tue, 15 Feb 2022 23:30:00 -0500", summary: str = "Teaser.") -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description>&lt;p&gt;{summary}&lt;/p&gt;</description></item>"
    )


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Valley Courier: World</title><link>/</link><description>World news</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")


# --- read_feed with an injected fetch_page -----------------------------------------------------


def fake_fetch(pages: dict[str, str]):
    calls: list[str] = []

    def fetch_page(url: str) -> Article:
        calls.append(url)
        if url not in pages:
            raise IngestError(url, "HTTP 404 Not Found")
        return Article(id=Article.make_id(pages[url], url), text=pages[url], url=url, source="Courier site")

    return fetch_page, calls


def test_read_feed_fetches_each_entry_link() -> None:
    pages = {f"https://courier.example{path}": text for path, (_, text) in STORIES.items()}
    fetch_page, calls = fake_fetch(pages)
    feed = rss(*(item(f"https://courier.example{path}", title) for path, (title, _) in STORIES.items()))
    articles = list(read_feed(feed, fetch_page=fetch_page))
    assert calls == list(pages)
    assert [(a.title, a.text, a.url) for a in articles] == [
        (title, text, f"https://courier.example{path}") for path, (title, text) in STORIES.items()
    ]
    assert [a.id for a in articles] == [Article.make_id(text, url) for url, text in pages.items()]


def test_read_feed_entry_date_as_written_not_utc() -> None:
    # 23:30 at -05:00 is already the 16th in UTC; the outlet's day is the 15th.
    fetch_page, _ = fake_fetch({"https://courier.example/a": "Envoys met in the capital."})
    feed = rss(item("https://courier.example/a", "Envoys meet"))
    [article] = read_feed(feed, fetch_page=fetch_page, date=datetime.date(2000, 1, 1))
    assert article.published == datetime.date(2022, 2, 15)


def test_read_feed_default_date_when_entry_has_none() -> None:
    fetch_page, _ = fake_fetch({"https://courier.example/a": "Envoys met in the capital."})
    feed = rss("<item><title>Envoys meet</title><link>https://courier.example/a</link></item>")
    [article] = read_feed(feed, fetch_page=fetch_page, date=datetime.date(2021, 6, 1))
    assert article.published == datetime.date(2021, 6, 1)


def test_read_feed_atom_entries() -> None:
    fetch_page, calls = fake_fetch({"https://courier.example/atom/1": "Envoys met in the capital."})
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Courier</title><id>urn:courier</id><updated>2022-02-16T08:00:00+03:00</updated>"
        '<entry><title>Envoys meet</title><link href="https://courier.example/atom/1"/><id>urn:1</id>'
        "<updated>2022-02-16T01:00:00+03:00</updated></entry></feed>"
    ).encode("utf-8")
    [article] = read_feed(feed, fetch_page=fetch_page)
    assert (article.title, article.published, calls) == (
        "Envoys meet", datetime.date(2022, 2, 16), ["https://courier.example/atom/1"]
    )


def test_read_feed_failed_fetch_uses_long_summary() -> None:
    fetch_page, _ = fake_fetch({})
    feed = rss(item("https://courier.example/gone", "Border arrests", summary=LONG_SUMMARY))
    [article] = read_feed(feed, fetch_page=fetch_page)
    assert article == Article(
        id=Article.make_id(LONG_SUMMARY, "https://courier.example/gone"),
        text=LONG_SUMMARY,
        published=datetime.date(2022, 2, 15),
        title="Border arrests",
        source="Valley Courier: World",
        url="https://courier.example/gone",
    )


def test_read_feed_failed_fetch_short_summary_goes_to_on_error() -> None:
    fetch_page, _ = fake_fetch({"https://courier.example/ok": "Envoys met in the capital."})
    feed = rss(
        item("https://courier.example/gone", "Gone", summary="Read more."),
        item("https://courier.example/ok", "Envoys meet"),
    )
    errors: list[IngestError] = []
    articles = list(read_feed(feed, fetch_page=fetch_page, on_error=errors.append))
    assert [a.url for a in articles] == ["https://courier.example/ok"]
    assert [(e.source, e.reason) for e in errors] == [("https://courier.example/gone", "HTTP 404 Not Found")]


def test_read_feed_failed_fetch_raises_without_handler() -> None:
    fetch_page, _ = fake_fetch({})
    with pytest.raises(IngestError, match="HTTP 404"):
        list(read_feed(rss(item("https://courier.example/gone", "Gone")), fetch_page=fetch_page))


def test_read_feed_without_fetch_page_uses_entry_text() -> None:
    feed = rss(
        item("https://courier.example/a", "Border arrests", summary=LONG_SUMMARY),
        item("https://courier.example/b", "Teaser only", summary="Read more."),
    )
    errors: list[IngestError] = []
    articles = list(read_feed(feed, on_error=errors.append))
    assert [a.text for a in articles] == [LONG_SUMMARY]
    assert [e.source for e in errors] == ["https://courier.example/b"]
    assert errors[0].reason.startswith("links are not fetched and the entry's own text is too short")


def test_read_feed_relative_links_resolved_against_feed_url() -> None:
    fetch_page, calls = fake_fetch({"https://courier.example/news/a.html": "Envoys met in the capital."})
    list(read_feed(rss(item("/news/a.html", "A")), fetch_page=fetch_page, url="https://courier.example/feed.xml"))
    assert calls == ["https://courier.example/news/a.html"]


@pytest.mark.parametrize(
    "data",
    [b"", b"not a feed at all", b"<rss version='2.0'><channel><title>Cut", b"<html><body><p>A page.</p></body></html>"],
    ids=["empty", "prose", "truncated-no-entries", "html"],
)
def test_read_feed_malformed_is_ingest_error(data: bytes) -> None:
    with pytest.raises(IngestError) as info:
        list(read_feed(data, url="https://courier.example/feed.xml"))
    assert info.value.source == "https://courier.example/feed.xml"
    assert info.value.reason.startswith(("malformed feed: ", "not an RSS or Atom feed"))


def test_read_feed_malformed_file_names_path(tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    path.write_bytes(b"<rss><channel><item><title>unclosed")
    errors: list[IngestError] = []
    # The item is recovered from the broken XML, but has no link and no text.
    assert list(read_feed(path, on_error=errors.append)) == []
    assert [e.source for e in errors] == [f"{path} entry 1"]


def test_read_feed_well_formed_empty_feed_is_empty() -> None:
    assert list(read_feed(rss())) == []


def test_is_feed_needs_entries() -> None:
    assert is_feed(rss(item("https://courier.example/a", "A")))
    assert not is_feed(rss())
    assert not is_feed(b"<html><body><p>A page.</p></body></html>")


# --- a real feed and its pages on 127.0.0.1 -------------------------------------------------------


class _Site(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}
    requested: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.requested.append(self.path)
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, dict[str, tuple[int, str, bytes]], list[str]]]:
    """(base URL, routes to fill, paths requested) of a server on 127.0.0.1."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # a proxy would take the request off this machine
    routes: dict[str, tuple[int, str, bytes]] = {}
    requested: list[str] = []
    handler = type("Site", (_Site,), {"routes": routes, "requested": requested})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes, requested
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serve_stories(routes: dict[str, tuple[int, str, bytes]]) -> None:
    for path, (title, text) in STORIES.items():
        routes[path] = (200, "text/html; charset=utf-8", page_html(title, text).encode("utf-8"))


def test_read_local_feed_server_reads_all_entries(site) -> None:
    base, routes, requested = site
    serve_stories(routes)
    routes["/feed.xml"] = (200, "application/rss+xml", rss(*(item(path, t) for path, (t, _) in STORIES.items())))
    articles = list(read(f"{base}/feed.xml", allow_private=True))
    assert [(a.title, a.text, a.url, a.source) for a in articles] == [
        (title, text, f"{base}{path}", "The Valley Courier") for path, (title, text) in STORIES.items()
    ]
    assert {a.published for a in articles} == {datetime.date(2022, 2, 15)}
    assert all("MARKER" not in a.text for a in articles)
    assert requested == ["/feed.xml", *STORIES]


def test_read_local_feed_server_broken_entry_reported_others_read(site) -> None:
    base, routes, requested = site
    serve_stories(routes)
    routes["/news/empty.html"] = (200, "text/html", b"<html><body><script>var story;</script></body></html>")
    del routes["/news/talks.html"]  # now a 404
    routes["/feed.xml"] = (
        200,
        "text/xml",
        rss(
            item("/news/dam.html", "Fighting near the dam"),
            item("/news/talks.html", "Talks in Kessel", summary="Talks resumed."),
            item("/news/missing.html", "Border arrests", summary=LONG_SUMMARY),
            item("/news/empty.html", "Empty page"),
            item("/news/protest.html", "Protest outside parliament"),
        ),
    )
    errors: list[IngestError] = []
    articles = list(read(f"{base}/feed.xml", allow_private=True, on_error=errors.append))
    assert [a.title for a in articles] == ["Fighting near the dam", "Border arrests", "Protest outside parliament"]
    assert articles[1].text == LONG_SUMMARY  # the page is gone; the long summary stands in
    assert [(e.source, e.reason) for e in errors] == [
        (f"{base}/news/talks.html", f"HTTP 404 Not Found from {base}/news/talks.html"),
        (f"{base}/news/empty.html", "no article text found (empty, broken or boilerplate-only HTML)"),
    ]
    assert requested == ["/feed.xml", "/news/dam.html", "/news/talks.html", "/news/missing.html",
                         "/news/empty.html", "/news/protest.html"]


def test_read_local_feed_server_refused_without_allow_private(site) -> None:
    base, routes, requested = site
    routes["/feed.xml"] = (200, "application/rss+xml", rss(item("/news/dam.html", "A")))
    with pytest.raises(IngestError, match="resolves to non-public address 127.0.0.1"):
        list(read(f"{base}/feed.xml"))
    assert requested == []


def test_read_local_feed_server_malformed_feed(site) -> None:
    base, routes, requested = site
    routes["/feed.xml"] = (200, "application/rss+xml", b"<rss><channel><title>Cut off")
    with pytest.raises(IngestError) as info:
        list(read(f"{base}/feed.xml", allow_private=True))
    assert info.value.source == f"{base}/feed.xml"
    assert info.value.reason.startswith("malformed feed: ")


def test_read_local_feed_file_fetches_entry_links(site, tmp_path: Path) -> None:
    base, routes, requested = site
    serve_stories(routes)
    path = tmp_path / "world.rss"
    path.write_bytes(rss(*(item(f"{base}{p}", t) for p, (t, _) in STORIES.items())))
    assert [a.title for a in read(path, allow_private=True)] == [t for t, _ in STORIES.values()]
    assert requested == list(STORIES)


# --- hostile feeds (issue 13): only IngestError escapes, and the good entries are read -----------


def _own_text_item(title: str, text: str = LONG_SUMMARY) -> str:
    return f"<item><title>{title}</title><description>{text}</description></item>"


@pytest.mark.issue(13)
@pytest.mark.parametrize("reference", ["&#xD800;", "&#xdcff;", "&#55296;", "&#1114112;", "&#x110000;", "&#99999999999999999999;"])
def test_read_feed_reference_to_no_character_is_u_fffd(reference: str) -> None:
    data = rss(_own_text_item("Patrols doubled"), _own_text_item(f"Patrols {reference} halved"), _own_text_item("Calm"))
    articles = list(read_feed(data))
    assert [a.title for a in articles] == ["Patrols doubled", "Patrols \ufffd halved", "Calm"]


@pytest.mark.issue(13)
def test_read_feed_nul_in_encoding_declaration_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "world.rss"
    path.write_bytes(rss(_own_text_item("Patrols doubled")).replace(b'encoding="utf-8"', b'encoding="utf\x00-8"'))
    with pytest.raises(IngestError) as info:
        list(read(path))
    assert (info.value.source, info.value.reason) == (str(path), "malformed feed: ValueError: embedded null character")


@pytest.mark.issue(13)
def test_read_feed_odd_entry_field_fails_that_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    from flashpoint.ingest import rss as rss_module

    def odd_date(entry):
        if entry.get("title") == "Odd":
            raise TypeError("an odd date")
        return None

    monkeypatch.setattr(rss_module, "_entry_date", odd_date)
    errors: list[IngestError] = []
    data = rss(_own_text_item("Patrols doubled"), _own_text_item("Odd"), _own_text_item("Calm"))
    assert [a.title for a in read_feed(data, url="https://courier.example/f", on_error=errors.append)] == ["Patrols doubled", "Calm"]
    assert [str(e) for e in errors] == ["https://courier.example/f entry 2: malformed entry: TypeError: an odd date"]


_MUTATIONS = [b"&#xD800;", b"&#1114112;", b"&#99999999999999999999;", b"\x00", b"\xff", b"\xed\xa0\x80", b"<", b"&",
              b"]]>", b'encoding="utf-16"', b"<item>", b"</item>", b"<pubDate>Mon, 99 Feb 2022</pubDate>"]  # fmt: skip


@pytest.mark.issue(13)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_read_feed_mutated_feeds_raise_only_ingest_errors(kind: str) -> None:
    import random

    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title><entry>'
            f'<title type="html">Patrols &lt;b&gt;doubled</title><updated>2022-02-15T10:00:00Z</updated>'
            f'<summary>{LONG_SUMMARY}</summary></entry></feed>').encode()  # fmt: skip
    base = rss(item("https://courier.example/a", "Patrols", summary=LONG_SUMMARY), _own_text_item("Calm")) if kind == "rss" else atom
    rng = random.Random(13)
    for _ in range(400):
        data = bytearray(base)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data))
            choice = rng.random()
            if choice < 0.5:
                data[at:at] = rng.choice(_MUTATIONS)
            elif choice < 0.75:
                data[at] = rng.randrange(256)
            else:
                del data[at : at + rng.randint(1, 20)]
        try:
            list(read_feed(bytes(data)))
        except IngestError:
            pass  # anything else fails the test, with the input in its traceback
