"""Text hygiene in the coder: boilerplate is not coded, the title is coded once as the first
sentence, and an event told in both title and body is kept once (the body's)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from flashpoint.coding.title import title_end, with_title
from flashpoint.model import Article

TITLE = "Egypt expels Israeli ambassador"


@pytest.mark.parametrize(
    ("title", "text", "coded"),
    [
        (TITLE, "Officials met on Sunday.", TITLE + "\n\nOfficials met on Sunday."),
        (TITLE, TITLE + "\n\nOfficials met on Sunday.", TITLE + "\n\nOfficials met on Sunday."),  # already first
        (None, "Officials met on Sunday.", "Officials met on Sunday."),
        ("Egypt", "Egypt expelled the envoy.", "Egypt\n\nEgypt expelled the envoy."),  # a word, not the first line
    ],
)
def test_with_title_puts_the_title_first_once(title: str | None, text: str, coded: str) -> None:
    article = with_title(Article(id="a", text=text, title=title))
    assert article.text == coded
    assert with_title(article) == article
    assert title_end(article) == (len(title) if title else 0)


def _coders(coder):
    from flashpoint.runner import get_coder

    return [coder, get_coder(dataclasses.replace(coder.settings, prefilter=False))]


SENTENCE_RUS = "Russian troops attacked Ukrainian positions near Kharkiv on Monday."
SENTENCE_FRA = "France condemned Germany on Monday."


@pytest.mark.model
@pytest.mark.parametrize("with_prefilter", [True, False])
@pytest.mark.parametrize(
    ("text", "sentence", "expected"),
    [
        ("Image copyright Getty Images\nImage caption Rebels attacked the convoy\n\n" + SENTENCE_RUS, SENTENCE_RUS, ("RUSMIL", "UKR", "19")),
        ("Enlarge this image toggle caption Jane Roe/Wire\n\n" + SENTENCE_FRA + "\nBy Jane Doe, Reuters", SENTENCE_FRA, ("FRA", "DEU", "11")),
        (SENTENCE_FRA + "\n\nRead more: Rebels attacked the convoy near Kharkiv\nSign up for our daily briefing", SENTENCE_FRA, ("FRA", "DEU", "11")),
        ("Smoke over the port after Russia attacked Odesa (AP Photo/Jane Roe)\n" + SENTENCE_RUS, SENTENCE_RUS, ("RUSMIL", "UKR", "19")),
        ("MOSCOW (Reuters) - " + SENTENCE_FRA + " (Reporting by Jane Doe; Editing by John Roe)", SENTENCE_FRA, ("FRA", "DEU", "11")),
    ],
)
def test_boilerplate_is_not_coded_and_its_neighbour_is(coder, with_prefilter, text, sentence, expected) -> None:
    used = _coders(coder)[0 if with_prefilter else 1]
    coded = used.code_text(text, article_id="b1")
    assert coded.events
    assert {e.sentence for e in coded.events} == {sentence}
    assert expected in {(e.source.code, e.target.code, e.root) for e in coded.events if e.source and e.target}
    for event in coded.events:  # offsets index the article text
        assert text[event.action.span[0] : event.action.span[1]] == event.action.text
    assert [s.text for s in coded.sentences if s.text == sentence] == [sentence]
    assert all(text[s.start : s.end] == s.text for s in coded.sentences)


def _jsonl(tmp_path: Path, **article: str) -> Path:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "w1", "date": "2024-05-05", **article}) + "\n", encoding="utf-8")
    return path


@pytest.mark.model
def test_jsonl_title_is_coded_once_as_the_first_sentence(coder, tmp_path) -> None:
    from flashpoint.ingest import read

    [article] = read(_jsonl(tmp_path, title=TITLE, text="Officials in Cairo gave no reason on Sunday."))
    [coded] = coder.pipe([article])
    assert coded.article.text.count(TITLE) == 1
    assert coded.sentences[0].text == TITLE
    title_events = [e for e in coded.events if e.sentence_index == 0]
    assert [(e.source.code, e.target.code, e.cameo) for e in title_events] == [("EGY", "ISRGOV", "166")]
    # the coded article is what is stored: its text holds the offsets
    assert coded.article.text[slice(*title_events[0].action.span)] == "expels"


@pytest.mark.model
def test_title_event_told_again_in_the_body_is_stored_once(coder, tmp_path) -> None:
    from flashpoint.config import Settings
    from flashpoint.runner import run
    from flashpoint.store import open_store

    path = _jsonl(tmp_path, title=TITLE, text="Egypt expelled the Israeli ambassador on Sunday.")
    settings = dataclasses.replace(coder.settings, db_path=tmp_path / "fp.duckdb")
    assert isinstance(settings, Settings)
    run([path], settings)
    with open_store(settings.db_path, read_only=True) as store:
        events = store.events()
    expulsions = events[events["cameo"] == "166"]
    assert len(expulsions) == 1
    assert expulsions.iloc[0]["sentence_index"] == 1  # the body's, not the title's
