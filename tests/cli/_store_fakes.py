"""A spaCy-free stand-in coder and hand-built events for the store CLI tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from flashpoint.model import Action, Actor, Article, CodedArticle, Event, Failure, Mode, Plover, Quote, Sentence


def make_event(article_id: str, index: int, line: str, start: int, *, source: str = "RUSGOV", target: str = "UKR",
               cameo: str = "190", mode: Mode = Mode.ASSERTED, day: date = date(2022, 2, 24)) -> Event:  # fmt: skip
    return Event(
        article_id=article_id, article_date=day, sentence_index=index, sentence=line,
        source=Actor("Russia", source, span=(start, start + 6)), target=Actor("Ukraine", target, span=(start + 16, start + 23)),
        action=Action("attacked", (start + 7, start + 15)), cameo=cameo, cameo_name="Use conventional military force",
        goldstein=-10.0, quad_class=4, plover=Plover("ASSAULT", None), mode=mode, rule="fake", event_date=day,
    )  # fmt: skip


class FakeCoder:
    """One sentence per line and one event per sentence; "FAIL" in the text fails the article."""

    def pipe(self, articles: Iterable[Article], *, on_error: str = "record") -> Iterator[CodedArticle]:
        for article in articles:
            if "FAIL" in article.text:
                yield CodedArticle(article, failures=[Failure(article.id, "ValueError", "boom")])
                continue
            sentences, events, start = [], [], 0
            for index, line in enumerate(article.text.split("\n")):
                sentences.append(Sentence(index, start, start + len(line), line))
                events.append(make_event(article.id, index, line, start))
                start += len(line) + 1
            quote = Quote(article.id, 0, article.text[:5], (0, 5), "direct", Actor("Sergei Lavrov", "RUSGOV"), "said")
            yield CodedArticle(article, sentences, events, [quote])
