"""The project's article scoring equals the reference scorer (../shared/tools/score_articles.py).

The real coder codes the shared dev articles once; the reference script scores the JSONL
events and every total and per-article count it prints must equal our report. Needs
../shared and the spaCy model; skips with a reason without either.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import pytest

from flashpoint.evaluation import (
    ArticleCounts,
    ArticleReport,
    evaluate_articles,
    load_article_gold,
    read_event_records,
    score_articles,
)
from flashpoint.ingest import read

from conftest import shared_path  # tests/conftest.py: skips with the reason when ../shared is absent

pytestmark = [pytest.mark.shared, pytest.mark.model]

TOTAL = re.compile(
    r"^(?P<label>\w+): (?P<articles>\d+) articles, required (?P<found>\d+)/(?P<required>\d+) \(recall (?P<recall>[\d.]+)\), "
    r"(?P<fp>\d+) false positives \([\d.]+ per required\), precision~ (?P<precision>[\d.]+), "
    r"(?P<forbidden>\d+) forbidden, background (?P<background>\d+)/(?P<background_listed>\d+)$"
)
ARTICLE = re.compile(
    r"^(?P<article>\S+)\s+required\s+(?P<found>\d+)/\s*(?P<required>\d+)\s+FP\s+(?P<fp>\d+)\s+forbidden (?P<forbidden>\d+)"
    r"\s+background (?P<background>\d+)/(?P<background_listed>\d+)\s+precision~ (?P<precision>[\d.]+)$"
)


@pytest.fixture(scope="module")
def scored(coder: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[ArticleReport, ArticleReport, str]:
    """(our report coding the articles, our report on the written events, the reference's output)."""
    articles = shared_path("data", "articles", "dev_articles.jsonl")
    gold_dir = shared_path("data", "articles", "gold")
    script = shared_path("tools", "score_articles.py")
    gold = load_article_gold([gold_dir])
    events = tmp_path_factory.mktemp("articles") / "events.jsonl"
    with events.open("w", encoding="utf-8") as out:  # as `flashpoint code --format jsonl` writes them
        for coded in coder.pipe(read(str(articles), format="jsonl")):
            for event in coded.events:
                out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    coded_report = evaluate_articles(gold, coder, read(str(articles), format="jsonl"))
    file_report = score_articles(gold, read_event_records(events))
    # The reference exits 1 when its thresholds fail (any forbidden hit does by default).
    result = subprocess.run(
        [sys.executable, str(script), str(events), str(gold_dir)], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip(), result.stderr
    return coded_report, file_report, result.stdout


def _expected(counts: ArticleCounts) -> dict[str, str]:
    return {
        "found": str(counts.found),
        "required": str(counts.required),
        "fp": str(counts.false_positives),
        "forbidden": str(counts.forbidden),
        "background": str(counts.background),
        "background_listed": str(counts.background_listed),
        "precision": f"{counts.precision:.2f}",
    }


def test_article_scoring_totals_equal_reference(scored: tuple[ArticleReport, ArticleReport, str]) -> None:
    coded_report, file_report, output = scored
    match = TOTAL.match(output.strip().splitlines()[-1])
    assert match, output
    theirs = match.groupdict()
    for report in (coded_report, file_report):
        total = report.total
        ours = {**_expected(total), "articles": str(total.articles), "recall": f"{total.recall:.2f}"}
        assert {k: theirs[k] for k in ours} == ours


def test_article_scoring_per_article_equals_reference(scored: tuple[ArticleReport, ArticleReport, str]) -> None:
    coded_report, file_report, output = scored
    theirs = {m["article"]: m.groupdict() for m in map(ARTICLE.match, output.splitlines()) if m}
    assert len(theirs) == len(coded_report.articles)
    for report in (coded_report, file_report):
        for score in report.articles:
            line = theirs[score.article_id]
            ours = _expected(score.counts)
            assert {k: line[k] for k in ours} == ours, score.article_id
