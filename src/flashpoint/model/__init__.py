"""The data model every layer shares: plain frozen dataclasses, no I/O, no spaCy.

Offsets are character offsets into `Article.text`; dates are `datetime.date`;
CAMEO event codes and actor codes are strings ("010" is not "10").
"""

from __future__ import annotations

from flashpoint.model.actor import Actor
from flashpoint.model.article import Article, Sentence
from flashpoint.model.coded import CodedArticle, Failure
from flashpoint.model.event import Action, DatePrecision, Event, Mode, Place, Plover
from flashpoint.model.quote import Quote

__all__ = [
    "Action",
    "Actor",
    "Article",
    "CodedArticle",
    "DatePrecision",
    "Event",
    "Failure",
    "Mode",
    "Place",
    "Plover",
    "Quote",
    "Sentence",
]
