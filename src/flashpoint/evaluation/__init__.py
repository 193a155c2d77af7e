"""Gold-set evaluation: read gold JSONL records, score a coder against them, format the report.

`gold` reads the records, `scoring` codes their texts and counts what was found,
`report` formats the result as text. The coder is anything with
`pipe(articles) -> iterable of CodedArticle`; this package never loads spaCy or
the lexicon itself.
"""

from __future__ import annotations

from flashpoint.evaluation.gold import GoldEvent, GoldRecord, load_gold
from flashpoint.evaluation.report import format_report
from flashpoint.evaluation.scoring import CodedSummary, EvaluationReport, EventCoder, Miss, RootRow, Score, evaluate

__all__ = [
    "CodedSummary",
    "EvaluationReport",
    "EventCoder",
    "GoldEvent",
    "GoldRecord",
    "Miss",
    "RootRow",
    "Score",
    "evaluate",
    "format_report",
    "load_gold",
]
