"""Gold-set evaluation: read gold, score a coder against it, format the report.

`gold` reads the sentence gold records, `scoring` codes their texts and counts what
was found, `article_gold` reads whole-article gold and `articles` scores coded events
against it, `report` formats both results as text. The coder is anything with
`pipe(articles) -> iterable of CodedArticle`; this package never loads spaCy or
the lexicon itself.
"""

from __future__ import annotations

from flashpoint.evaluation.article_gold import ArticleGold, ArticleGoldEntry, load_article_gold
from flashpoint.evaluation.articles import (
    ArticleCounts,
    ArticleReport,
    ArticleScore,
    ScoredEvent,
    evaluate_articles,
    read_event_records,
    score_articles,
)
from flashpoint.evaluation.gold import GoldEvent, GoldRecord, load_gold
from flashpoint.evaluation.report import format_article_report, format_article_total, format_report
from flashpoint.evaluation.scoring import CodedSummary, EvaluationReport, EventCoder, Miss, RootRow, Score, evaluate

__all__ = [
    "ArticleCounts",
    "ArticleGold",
    "ArticleGoldEntry",
    "ArticleReport",
    "ArticleScore",
    "CodedSummary",
    "EvaluationReport",
    "EventCoder",
    "GoldEvent",
    "GoldRecord",
    "Miss",
    "RootRow",
    "Score",
    "ScoredEvent",
    "evaluate",
    "evaluate_articles",
    "format_article_report",
    "format_article_total",
    "format_report",
    "load_article_gold",
    "load_gold",
    "read_event_records",
    "score_articles",
]
