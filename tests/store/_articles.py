"""Hand-built coded articles for store tests (no spaCy model needed)."""

from __future__ import annotations

from datetime import date

from flashpoint.model import Action, Actor, Article, CodedArticle, Event, Mode, Plover, Quote, Sentence


def event(
    article_id: str,
    *,
    source: str | None = "RUSGOV",
    target: str | None = "UKR",
    cameo: str = "190",
    quad_class: int = 4,
    goldstein: float = -10.0,
    mode: Mode = Mode.ASSERTED,
    event_date: date | None = date(2022, 2, 24),
    article_date: date | None = date(2022, 2, 24),
    background: bool = False,
    start: int = 7,
    sentence: str = "Russia attacked Ukraine.",
) -> Event:
    return Event(
        article_id=article_id,
        article_date=article_date,
        sentence_index=0,
        sentence=sentence,
        source=Actor("Russia", source, country=source[:3] if source else None, span=(0, 6)) if source else None,
        target=Actor("Ukraine", target, span=(16, 23)) if target else None,
        action=Action("attacked", (start, start + 8)),
        cameo=cameo,
        cameo_name="Use conventional military force",
        goldstein=goldstein,
        quad_class=quad_class,
        plover=Plover("ASSAULT", None),
        mode=mode,
        rule="test-rule",
        event_date=event_date,
        background=background,
    )


def coded(article_id: str = "a1", text: str = "Russia attacked Ukraine. Kyiv said it would resist.", events: int = 1) -> CodedArticle:
    article = Article(id=article_id, text=text, published=date(2022, 2, 24), title="A title", source="Test Wire", url=f"https://example.org/{article_id}")
    sentences = [Sentence(0, 0, 24, "Russia attacked Ukraine."), Sentence(1, 25, len(text), text[25:])]
    quote = Quote(article_id, 1, "it would resist", (35, 50), "reported", Actor("Kyiv", "UKRGOV", span=(25, 29)), "said")
    return CodedArticle(article, sentences, [event(article_id, start=7 + i) for i in range(events)], [quote])
