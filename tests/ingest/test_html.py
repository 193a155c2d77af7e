"""read_html: an HTML page -> one Article with the story's text, title, date and outlet."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from flashpoint.errors import IngestError
from flashpoint.ingest.html import read_html
from flashpoint.model import Article

PARAGRAPHS = [
    "Negotiators from the two neighbouring states met again on Tuesday in the frontier town of "
    "Kessel, the first meeting since the clashes in January left several soldiers wounded.",
    "The foreign minister said the delegations had agreed to restore the hotline between the two "
    "armies and to exchange lists of detained fishermen before the end of the month.",
    "Opposition leaders accused the government of giving up too much, and called for protests "
    "outside parliament on Friday.",
]
BODY = "\n".join(PARAGRAPHS)

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Border talks resume | The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta property="og:title" content="Border talks resume">
<meta name="date" content="2022-02-15">
<link rel="canonical" href="https://courier.example/2022/02/15/border-talks">
<script>var SCRIPT_MARKER = "tracking"; function track() {{ return SCRIPT_MARKER; }}</script>
<style>.STYLE_MARKER {{ color: red }}</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World NAV_MARKER</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<header><div class="menu">Subscribe now MENU_MARKER</div></header>
<article>
<h1>Border talks resume</h1>
<p>{0}</p>
<script>document.write("INLINE_SCRIPT_MARKER");</script>
<p>{1}</p>
<p>{2}</p>
</article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/x">Storm hits coast ASIDE_MARKER</a></li></ul></aside>
<footer>Copyright 2022 The Valley Courier FOOTER_MARKER. All rights reserved.</footer>
</body></html>
""".format(*PARAGRAPHS)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_read_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    article = read_html(write(tmp_path, "talks.html", PAGE))
    assert article.text == BODY
    for marker in ("SCRIPT_MARKER", "STYLE_MARKER", "NAV_MARKER", "MENU_MARKER", "FOOTER_MARKER", "ASIDE_MARKER"):
        assert marker not in article.text


def test_read_html_metadata_from_page(tmp_path: Path) -> None:
    article = read_html(write(tmp_path, "talks.html", PAGE), date=datetime.date(2000, 1, 1))
    assert article == Article(
        id=f"talks-{Article.make_id(BODY)[:8]}",
        text=BODY,
        published=datetime.date(2022, 2, 15),
        title="Border talks resume",
        source="The Valley Courier",
        url="https://courier.example/2022/02/15/border-talks",
    )


def test_read_html_bytes_with_url_id_from_text_and_url() -> None:
    url = "https://courier.example/talks?from=feed"
    article = read_html(PAGE.encode("utf-8"), url=url)
    assert article.id == Article.make_id(BODY, url)
    assert article.url == url


def test_read_html_default_date_when_page_has_none() -> None:
    # htmldate would also read the date in the canonical URL's path.
    page = PAGE.replace('<meta name="date" content="2022-02-15">', "").replace("/2022/02/15/", "/world/")
    article = read_html(page.encode("utf-8"), date=datetime.date(2021, 6, 1))
    assert article.published == datetime.date(2021, 6, 1)


def test_read_html_outlet_falls_back_to_host() -> None:
    page = PAGE.replace('<meta property="og:site_name" content="The Valley Courier">', "").replace(
        "<title>Border talks resume | The Valley Courier</title>", "<title>Border talks resume</title>"
    )
    article = read_html(page.encode("utf-8"), url="https://courier.example/a")
    assert article.source == "courier.example"


def test_read_html_charset_from_meta_tag() -> None:
    text = "Le ministre a confirmé la réunion des délégations à Genève le mardi suivant."
    page = f'<html><head><meta charset="iso-8859-1"></head><body><article><p>{text}</p></article></body></html>'
    assert read_html(page.encode("iso-8859-1")).text == text


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n  ",
        b"<html",
        b"<html><head><title>Nothing</title></head><body></body></html>",
        b"<html><body><div><p></div></span></p><td></table></body>",
        b"<html><head><style>p { margin: 0 }</style></head><body><script>var story = 1;</script></body></html>",
    ],
    ids=["empty", "blank", "truncated", "empty-body", "mismatched-tags", "scripts-only"],
)
def test_read_html_broken_or_empty_is_ingest_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "broken.html", data)
    with pytest.raises(IngestError) as info:
        read_html(path)
    assert info.value.source == str(path)
    assert info.value.reason == "no article text found (empty, broken or boilerplate-only HTML)"


def test_read_html_bytes_error_names_url() -> None:
    with pytest.raises(IngestError) as info:
        read_html(b"<html></html>", url="https://courier.example/empty")
    assert info.value.source == "https://courier.example/empty"


def test_read_html_binary_file_is_ingest_error(tmp_path: Path) -> None:
    path = write(tmp_path, "image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(IngestError) as info:
        read_html(path)
    assert info.value.reason == "binary file (NUL bytes in the first 8 KB), not HTML"


def test_read_html_too_large_is_ingest_error(tmp_path: Path) -> None:
    path = write(tmp_path, "big.html", PAGE)
    with pytest.raises(IngestError) as info:
        read_html(path, max_bytes=100)
    assert info.value.reason.startswith("too large: ")


def test_read_html_missing_file_is_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as info:
        read_html(tmp_path / "absent.html")
    assert info.value.reason == "cannot read: No such file or directory"
