"""The article title in the coded text: coded once, as the first sentence, for every input kind.

Readers keep the title apart from the body (`Article.title`; text files and HTML pages drop a
headline that repeats it, RSS takes the entry's). The coder codes `with_title(article)`, whose
text is the title, a blank line (a sentence end: nlp/breaks.py) and the body, so JSONL, text,
HTML and RSS input all code their title exactly once. That article is the one the coder
returns, so the store, exports and quotes hold the text the offsets and sentence indices index.
A text whose first line is its title (an article read back from the store) is left as is.

A headline usually restates the lead paragraph; `drop_title_repeats` keeps one copy of an event
told in both. A title-case headline is parsed in sentence case (`parser_text`, nlp/casing.py).
"""

from __future__ import annotations

from dataclasses import replace

from collections.abc import Callable

from flashpoint.model import Article, Event
from flashpoint.nlp.casing import is_title_case, sentence_case

__all__ = ["TITLE_BREAK", "drop_title_repeats", "parser_text", "title_end", "with_title"]

TITLE_BREAK = "\n\n"


def with_title(article: Article) -> Article:
    """The article whose text starts with its title and a blank line (unchanged when it has no
    title or its first line already is the title)."""
    title = (article.title or "").strip()
    if not title or title_end(article):
        return article
    return replace(article, text=title + TITLE_BREAK + article.text)


def parser_text(text: str, article: Article, name_length: Callable[[list[str], int], int]) -> str:
    """The text to parse for `article` (coded `with_title`): `text` with a title-case title
    at its start in sentence case, same length; anything else unchanged."""
    end = title_end(article)
    if not end or not is_title_case(text[:end]):
        return text
    return sentence_case(text[:end], name_length) + text[end:]


def title_end(article: Article) -> int:
    """Where the title ends in `article.text` when the text's first line is the title, else 0."""
    title = (article.title or "").strip()
    text = article.text.lstrip()
    if not title or not text.startswith(title) or text[len(title) : len(title) + 1] not in ("", "\n", "\r"):
        return 0
    return len(article.text) - len(text) + len(title)


def _key(event: Event) -> tuple[str | None, str | None, str, str]:
    source = event.source.code if event.source is not None else None
    target = event.target.code if event.target is not None else None
    return source, target, event.cameo, event.mode.value


def drop_title_repeats(events: list[Event], article: Article) -> list[Event]:
    """The events without those of the title that the body also tells: a title event is dropped
    when a body event has the same source code, target code, CAMEO code and mode (the body's
    event, with its context, is kept). Order is kept; without a title nothing is dropped."""
    end = title_end(article)
    if end == 0:
        return events
    in_body = {_key(e) for e in events if e.action.span[0] >= end}
    return [e for e in events if e.action.span[0] >= end or _key(e) not in in_body]
