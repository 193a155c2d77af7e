"""HTML pages -> one Article: the main text and metadata, as trafilatura extracts them.

Menus, scripts, footers and comment sections are left out; what remains is the story
with paragraphs on their own lines. Character offsets downstream index that text
(`Article.text`), never the raw HTML.
"""

from __future__ import annotations

import datetime
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura

from flashpoint.errors import IngestError
from flashpoint.ingest._files import file_article_id, read_capped
from flashpoint.ingest.dates import parse_date
from flashpoint.ingest.encoding import BINARY_SNIFF_BYTES, bom_encoding, decode_bytes
from flashpoint.ingest.text import MAX_BYTES
from flashpoint.model import Article

__all__ = ["HTML_SUFFIXES", "read_html"]

HTML_SUFFIXES = (".html", ".htm")
# A page's own charset (<meta charset>, http-equiv, <?xml encoding>) is looked for where a
# browser's prescan looks: the first 1024 bytes (and here a little more).
_PRESCAN_BYTES = 2048
_DECLARED_CHARSET = re.compile(rb"charset\s*=|<\?xml[^>]*encoding\s*=", re.IGNORECASE)

logger = logging.getLogger(__name__)


def read_html(
    source: Path | str | bytes,
    *,
    url: str | None = None,
    date: datetime.date | None = None,
    name: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Article:
    """Read one article from an HTML file (a path) or a page's bytes.

    The charset is taken from the page's byte-order mark, else its meta tag (trafilatura
    reads it), as a browser would; a page that names none is decoded as encoding.py says. The title and site name come from the page's metadata; a headline that
    repeats the title at the top of the text is dropped from `text`. The date is the
    page's publication date when it gives one, else `date`.

    The id is `file_article_id` (stem plus content hash) for a file read without `url`; otherwise
    `Article.make_id(text, url)`. `url` is the page's address (else its canonical
    link, if any); it also resolves relative links. `name` labels bytes in error
    messages (default: `url`, else "<html>").

    Raises:
        IngestError: the file cannot be read, is larger than `max_bytes`, is binary,
            or holds no article text (empty, broken or boilerplate-only HTML).
    """
    if isinstance(source, bytes):
        label = name or url or "<html>"
        data = source
        if len(data) > max_bytes:
            raise IngestError(label, f"too large: {len(data)} bytes, the limit is {max_bytes}")
        file: Path | None = None
    else:
        path = Path(source)
        label = name or str(path)
        data = read_capped(path, max_bytes, label)
        file = path
    bom = bom_encoding(data)
    if bom is None and b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise IngestError(label, "binary file (NUL bytes in the first 8 KB), not HTML")
    page: bytes | str = data
    if bom is not None or not _DECLARED_CHARSET.search(data[:_PRESCAN_BYTES]):
        page = _undeclared(data, label)
    try:
        document = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            # Tables come out as cell soup ("a | b | c") that no sentence parser reads well.
            include_tables=False,
            date_extraction_params=_date_params(),
        )
    except (ValueError, TypeError, LookupError) as exc:
        # trafilatura catches most parser failures itself; these escape on odd input.
        raise IngestError(label, f"broken HTML: {type(exc).__name__}: {exc}") from exc
    raw_text = getattr(document, "text", None) if document is not None else None
    title = _clean(getattr(document, "title", None))
    text = _body(raw_text or "", title)
    if not text:
        raise IngestError(label, "no article text found (empty, broken or boilerplate-only HTML)")
    page_url = url or _clean(getattr(document, "url", None))
    published = _page_date(getattr(document, "date", None), label) or date
    source_name = _clean(getattr(document, "sitename", None)) or _hostname(page_url)
    return Article(
        id=file_article_id(file, text) if file is not None and url is None else Article.make_id(text, page_url),
        text=text,
        published=published,
        title=title,
        source=source_name,
        url=page_url,
    )


def _undeclared(data: bytes, label: str) -> bytes | str:
    """A page that names no charset (or has a byte-order mark) decoded by encoding.py's
    policy: trafilatura's own guess reads Latin-1 pages as Windows-1250 ("Genčve"). Bytes that
    policy refuses (UTF-8 with damage) are left to trafilatura, which reads what it can."""
    try:
        return decode_bytes(data, label, what="HTML").text
    except IngestError:
        return data


def _date_params() -> dict[str, object]:
    # Only dates the page states (meta tags, time elements, its URL): htmldate's
    # extensive search turns a footer's "Copyright 2022" into 2022-01-01, and a wrong
    # article date moves every relative date in the story.
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": datetime.date.today().isoformat(),
    }



def _body(raw: str, title: str | None) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    first, newline, rest = text.partition("\n")
    # trafilatura keeps the <h1> as the first line; it is already the title.
    if title and newline and first.strip() == title:
        return rest.strip()
    return text


def _page_date(value: object, label: str) -> datetime.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_date(value, source=label)
    except IngestError as error:
        # A page's own odd date should not cost us its text; the default date stands in.
        logger.debug("ignoring page date: %s", error)
        return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname or None
    except ValueError:
        return None
