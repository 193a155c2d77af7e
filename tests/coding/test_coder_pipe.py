"""Coder.pipe when spaCy raises for a batch: the batch is parsed again one article at a time,
so only the article that fails is lost (issue 13: E088 on one text cost a run every article)."""

from __future__ import annotations

import pytest

from flashpoint.model import Article

pytestmark = [pytest.mark.model, pytest.mark.issue(13)]

GOOD = "Russian forces shelled Kharkiv on Monday."


def _batch() -> list[Article]:
    # Built by hand, past ingest's cap: the coder must hold on its own (Python API users).
    huge = Article(id="huge", text="Shelling went on. " * (1_200_000 // 18 + 1))
    return [Article(id="first", text=GOOD), huge, Article(id="last", text=GOOD)]


def test_coder_pipe_parse_failure_fails_only_its_article(coder):
    coded = list(coder.pipe(_batch()))
    assert [c.article.id for c in coded] == ["first", "huge", "last"]
    assert [len(c.failures) for c in coded] == [0, 1, 0]
    assert coded[1].failures[0].error == "ValueError"
    assert "[E088]" in coded[1].failures[0].message
    assert coded[0].events and coded[2].events


def test_coder_pipe_parse_failure_raises_when_asked(coder):
    coded = coder.pipe(_batch(), on_error="raise")
    assert next(coded).article.id == "first"
    with pytest.raises(ValueError, match=r"\[E088\]"):
        next(coded)
