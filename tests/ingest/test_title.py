"""Every reader's title is coded exactly once, as the article's first sentence (coding/title.py),
whether the input kind keeps it apart from the body (JSONL, RSS) or finds it in the text (a
plain-text headline, an HTML page's heading)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.ingest import read

pytestmark = pytest.mark.model

TITLE = "Egypt expels Israeli ambassador"
BODY = (
    "Officials in Cairo gave no reason for the decision on Sunday. The foreign ministry said it would "
    "explain its position to other governments in the coming days. Diplomats in the region said "
    "relations between the two countries had been tense for months, and trade had already slowed."
)


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "j1", "title": TITLE, "text": BODY}) + "\n", encoding="utf-8")
    return path


def _text(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(f"{TITLE}\n\n{BODY}\n", encoding="utf-8")
    return path


def _html(tmp_path: Path) -> Path:
    path = tmp_path / "a.html"
    path.write_text(
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        f"<p>{BODY}</p></article></body></html>",
        encoding="utf-8",
    )
    return path


def _rss(tmp_path: Path) -> Path:
    path = tmp_path / "a.rss"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>{TITLE}</title><description>{BODY}</description></item></channel></rss>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("write", [_jsonl, _text, _html, _rss], ids=["jsonl", "text", "html", "rss"])
def test_title_is_coded_once_for_every_input_kind(coder, tmp_path, write) -> None:
    [article] = read(write(tmp_path))
    [coded] = coder.pipe([article])
    assert coded.article.title == TITLE
    assert coded.article.text.count(TITLE) == 1
    assert coded.article.text.startswith(TITLE + "\n\n")
    assert coded.sentences[0].text == TITLE
    title_events = [(e.source.code, e.target.code, e.cameo) for e in coded.events if e.sentence_index == 0]
    assert title_events == [("EGY", "ISRGOV", "166")]
