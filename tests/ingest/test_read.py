"""read(): files, folders and stdin dispatched to READERS, errors to on_error."""

from __future__ import annotations

import datetime
import gzip
import io
import json
import socket
import sys
from pathlib import Path

import httpx
import pytest

from flashpoint.errors import IngestError, UnsupportedFormat
from flashpoint.ingest import READERS, detect_format, read
from flashpoint.model import Article

DAY = datetime.date(2022, 2, 15)


def make_tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "z.txt").write_text("Ceasefire holds\n\nThe guns were quiet overnight.", encoding="utf-8")
    (root / "a" / "deep" / "y.text").write_text("Envoys arrived in the capital.", encoding="utf-8")
    (root / "a" / "x.txt").write_text("Rebels took the bridge.", encoding="utf-8")
    (root / "a-b.txt").write_text("Police cleared the square.", encoding="utf-8")
    (root / "b" / "w.jsonl").write_text(json.dumps({"id": "w1", "text": "Talks resumed."}) + "\n", encoding="utf-8")
    (root / "b" / "v.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "v1", "text": "Aid arrived."}).encode()))
    (root / "notes.md").write_text("Not an article.", encoding="utf-8")
    (root / ".hidden" / "h.txt").write_text("Hidden text.", encoding="utf-8")
    (root / ".dot.txt").write_text("Hidden file.", encoding="utf-8")


def test_read_folder_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    make_tree(tmp_path)
    # files: stem plus content hash; JSONL records keep their own ids
    assert [a.id.rsplit("-", 1)[0] if a.id[0] in "xyza" else a.id for a in read(tmp_path)] == ["y", "x", "a-b", "v1", "w1", "z"]


def test_read_folder_default_date_applied(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert {a.published for a in read(tmp_path, date=DAY)} == {DAY}


def test_read_folder_bad_file_reported_rest_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "b.txt").write_text("Rebels took the bridge.", encoding="utf-8")
    errors: list[IngestError] = []
    articles = list(read(tmp_path, on_error=errors.append))
    assert [a.id for a in articles] == [f"b-{Article.make_id('Rebels took the bridge.')[:8]}"]
    assert [(e.source, e.reason[:11]) for e in errors] == [(str(tmp_path / "a.txt"), "binary file")]


def test_read_error_without_handler_raises(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("  ", encoding="utf-8")
    with pytest.raises(IngestError) as info:
        list(read(tmp_path / "a.txt"))
    assert info.value.reason.startswith("empty")


def test_read_single_file_unknown_extension_is_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("Rebels took the bridge.", encoding="utf-8")
    assert [(a.id, a.text) for a in read(path)] == [(f"story-{Article.make_id('Rebels took the bridge.')[:8]}", "Rebels took the bridge.")]


def test_read_format_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text(json.dumps({"id": "j", "text": "Talks resumed."}) + "\n", encoding="utf-8")
    assert [a.id for a in read(path, format="jsonl")] == ["j"]
    assert [a.id.split("-")[0] for a in read(path)] == ["lines"]


def test_read_unknown_format_raises_at_once(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat) as info:
        read(tmp_path, format="pdf")
    assert info.value.reason == "unknown format 'pdf'; known formats: html, json, jsonl, rss, text"


def test_read_missing_path_reported(tmp_path: Path) -> None:
    errors: list[IngestError] = []
    assert list(read(tmp_path / "absent.txt", on_error=errors.append)) == []
    assert [e.source for e in errors] == [str(tmp_path / "absent.txt")]


def test_read_stdin_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "Envoys arrived in the capital."
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"Envoys arrive\n\n{body}\n"))
    articles = list(read("-", date=DAY))
    assert articles == [Article(id=Article.make_id(body), text=body, published=DAY, title="Envoys arrive")]


def test_read_stdin_as_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = json.dumps({"id": "s1", "text": "Talks resumed.", "date": "2021-01-02"}) + "\n"
    lines += json.dumps({"id": "s2", "text": "Aid arrived."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    articles = list(read("-", format="jsonl", date=DAY))
    assert [(a.id, a.published) for a in articles] == [("s1", datetime.date(2021, 1, 2)), ("s2", DAY)]


def test_read_stdin_jsonl_error_names_stdin_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "s1", "text": "Talks resumed."}\n{oops\n'))
    errors: list[IngestError] = []
    assert [a.id for a in read("-", format="jsonl", on_error=errors.append)] == ["s1"]
    assert [e.source for e in errors] == ["<stdin>:2"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.jsonl", "jsonl"),
        ("a.JSONL.GZ", "jsonl"),
        ("a.txt", "text"),
        ("a.gz", "text"),
        ("a", "text"),
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("a.rss", "rss"),
        ("a.atom", "rss"),
        ("a.xml", "text"),
    ],
)
def test_detect_format_by_extension(name: str, expected: str) -> None:
    assert detect_format(name) == expected


def test_readers_registry_is_read_only() -> None:
    assert sorted(READERS) == ["html", "json", "jsonl", "rss", "text"]
    with pytest.raises(TypeError):
        READERS["html"] = READERS["text"]  # type: ignore[index]


# --- HTML files and http(s) URLs ---------------------------------------------------------------

STORY = (
    "Artillery units exchanged fire near the northern dam on Monday, officials in the regional "
    "capital said. Engineers warned that the spillway could fail if the shelling continued."
)
PAGE = (
    "<html><head><title>Fighting near the dam</title><meta name='date' content='2022-02-14'></head>"
    "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    f"<article><h1>Fighting near the dam</h1><p>{STORY}</p></article></body></html>"
)
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><link>/</link>'
    "<item><title>Fighting near the dam</title><link>https://courier.example/dam</link>"
    "<pubDate>Wed, 16 Feb 2022 08:00:00 +0000</pubDate></item></channel></rss>"
)


@pytest.fixture
def public_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """courier.example resolves to a public address, without DNS; other names fail."""

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        if host != "courier.example":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def mock_site(routes: dict[str, tuple[str, str]]) -> tuple[httpx.Client, list[str]]:
    """A client serving `routes` (URL -> (content type, body)) through httpx.MockTransport."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if str(request.url) not in routes:
            return httpx.Response(404)
        content_type, body = routes[str(request.url)]
        return httpx.Response(200, headers={"content-type": content_type}, content=body.encode("utf-8"))

    return httpx.Client(transport=httpx.MockTransport(handler)), seen


def test_read_folder_includes_html_files(tmp_path: Path) -> None:
    (tmp_path / "dam.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "old.HTM").write_text(PAGE.replace("northern", "southern"), encoding="utf-8")
    (tmp_path / "feed.rss").write_text(FEED, encoding="utf-8")  # feeds are not picked up from folders
    articles = list(read(tmp_path))
    assert [(a.id.split("-")[0], a.title, a.published) for a in articles] == [
        ("dam", "Fighting near the dam", datetime.date(2022, 2, 14)),
        ("old", "Fighting near the dam", datetime.date(2022, 2, 14)),
    ]
    assert articles[0].text == STORY


def test_read_html_file_error_reported(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    errors: list[IngestError] = []
    assert list(read(tmp_path, on_error=errors.append)) == []
    assert [(e.source, e.reason) for e in errors] == [
        (str(tmp_path / "empty.html"), "no article text found (empty, broken or boilerplate-only HTML)")
    ]


def test_read_stdin_as_html(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PAGE))
    [article] = read("-", format="html")
    assert (article.id, article.text, article.title) == (Article.make_id(STORY), STORY, "Fighting near the dam")


def test_read_url_html_page(public_dns: None) -> None:
    url = "https://courier.example/dam"
    client, seen = mock_site({url: ("text/html; charset=utf-8", PAGE)})
    articles = list(read(url, client=client))
    assert articles == [
        Article(
            id=Article.make_id(STORY, url),
            text=STORY,
            published=datetime.date(2022, 2, 14),
            title="Fighting near the dam",
            source="courier.example",
            url=url,
        )
    ]
    assert seen == [url]


@pytest.mark.parametrize(
    "content_type",
    ["application/rss+xml", "application/xml; charset=utf-8", "text/xml", "text/html", "text/plain", ""],
)
def test_read_url_feed_detected_by_type_or_body(public_dns: None, content_type: str) -> None:
    client, seen = mock_site(
        {
            "https://courier.example/feed": (content_type, FEED),
            "https://courier.example/dam": ("text/html", PAGE),
        }
    )
    articles = list(read("https://courier.example/feed", client=client))
    assert [(a.url, a.text, a.published) for a in articles] == [
        ("https://courier.example/dam", STORY, datetime.date(2022, 2, 16))
    ]
    assert seen == ["https://courier.example/feed", "https://courier.example/dam"]


def test_read_url_format_forces_html(public_dns: None) -> None:
    client, _ = mock_site({"https://courier.example/feed": ("application/rss+xml", PAGE)})
    assert [a.text for a in read("https://courier.example/feed", format="html", client=client)] == [STORY]


def test_read_url_plain_text(public_dns: None) -> None:
    url = "https://courier.example/story.txt"
    client, _ = mock_site({url: ("text/plain", f"Fighting near the dam\n\n{STORY}\n")})
    assert list(read(url, client=client, date=DAY)) == [
        Article(id=Article.make_id(STORY, url), text=STORY, published=DAY, title="Fighting near the dam", url=url)
    ]


def test_read_url_unsupported_content_type_reported(public_dns: None) -> None:
    client, _ = mock_site({"https://courier.example/report.pdf": ("application/pdf", "%PDF-1.7")})
    errors: list[IngestError] = []
    assert list(read("https://courier.example/report.pdf", client=client, on_error=errors.append)) == []
    assert [type(e) for e in errors] == [UnsupportedFormat]
    assert errors[0].reason == "cannot read content type application/pdf (not HTML, text or a feed)"


def test_read_feed_entry_link_not_html_reported(public_dns: None) -> None:
    client, _ = mock_site(
        {
            "https://courier.example/feed": ("application/rss+xml", FEED),
            "https://courier.example/dam": ("application/pdf", "%PDF-1.7"),
        }
    )
    errors: list[IngestError] = []
    assert list(read("https://courier.example/feed", client=client, on_error=errors.append)) == []
    assert [(e.source, e.reason) for e in errors] == [
        ("https://courier.example/dam", "not an HTML page: content type application/pdf")
    ]


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "FTP://courier.example/x", "data:text/html,<p>x</p>", "javascript:alert(1)"]
)
def test_read_url_other_schemes_refused(url: str) -> None:
    client, seen = mock_site({})
    errors: list[IngestError] = []
    assert list(read(url, client=client, on_error=errors.append)) == []
    assert [e.source for e in errors] == [url]
    assert errors[0].reason.startswith("refused: only http and https URLs are fetched")
    assert seen == []


def test_read_url_private_address_refused_unless_allowed() -> None:
    url = "http://10.0.0.1/dam"
    client, seen = mock_site({url: ("text/html", PAGE)})
    with pytest.raises(IngestError, match="non-public address 10.0.0.1"):
        list(read(url, client=client))
    assert seen == []
    assert [a.text for a in read(url, client=client, allow_private=True)] == [STORY]


def test_read_url_timeout_reported(public_dns: None) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    errors: list[IngestError] = []
    assert list(read("https://courier.example/slow", client=client, on_error=errors.append)) == []
    assert [(e.source, e.reason) for e in errors] == [
        ("https://courier.example/slow", "timed out fetching https://courier.example/slow (ReadTimeout)")
    ]


def test_read_url_same_input_same_id(public_dns: None) -> None:
    client, _ = mock_site({"https://courier.example/dam": ("text/html", PAGE)})
    first = [a.id for a in read("https://courier.example/dam", client=client)]
    again = [a.id for a in read("https://courier.example/dam", client=client)]
    assert first == again == [Article.make_id(STORY, "https://courier.example/dam")]


def test_read_feed_entry_link_to_file_scheme_refused(public_dns: None) -> None:
    feed = FEED.replace("https://courier.example/dam", "file:///etc/passwd")
    client, seen = mock_site({"https://courier.example/feed": ("application/rss+xml", feed)})
    errors: list[IngestError] = []
    assert list(read("https://courier.example/feed", client=client, on_error=errors.append)) == []
    # feedparser normalises the link to "file://etc/passwd"; either way it is refused.
    assert [e.source[:7] for e in errors] == ["file://"]
    assert errors[0].reason.startswith("refused: only http and https URLs are fetched, not file:")
    assert seen == ["https://courier.example/feed"]


def test_read_same_file_name_in_two_folders_are_two_articles(tmp_path: Path) -> None:
    for folder, text in (("monday", "Talks opened in the capital."), ("tuesday", "Talks broke down in the capital.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    ids = [a.id for a in read(tmp_path)]
    assert len(set(ids)) == 2
    assert all(i.startswith("report-") for i in ids)
    # the same text under the same name is the same article wherever it lies
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "report.txt").write_text("Talks opened in the capital.", encoding="utf-8")
    assert len({a.id for a in read(tmp_path)}) == 2
