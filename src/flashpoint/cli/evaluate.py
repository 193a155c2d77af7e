"""`flashpoint evaluate`: score the coder against sentence gold (JSONL) or article gold (JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from flashpoint.cli._util import actors_option, app, build_settings, run_or_exit, setup_logging
from flashpoint.evaluation import (
    ArticleReport,
    evaluate,
    evaluate_articles,
    format_article_report,
    format_report,
    load_article_gold,
    load_gold,
    read_event_records,
    score_articles,
)
from flashpoint.ingest import read
from flashpoint.runner import load


@app.command("evaluate")
def evaluate_cli(
    gold: list[Path] = typer.Argument(
        ..., help="Sentence gold JSONL files (../shared/data/gold), or with --articles article gold files or folders."
    ),
    articles: bool = typer.Option(
        False, "--articles", help="GOLD is article gold (one JSON per article; a folder means its *.json)."
    ),
    input_path: Path | None = typer.Option(
        None, "--input", help="With --articles: articles JSONL to code and score.", dir_okay=False
    ),
    events_path: Path | None = typer.Option(
        None, "--events", help="With --articles: score this `flashpoint code --format jsonl` output instead of coding.",
        dir_okay=False,
    ),  # fmt: skip
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N records (sentence gold)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    misses: bool = typer.Option(False, "--misses", help="List the gold events not found (sentence gold)."),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="List misses: per article every required entry, forbidden hit and FP."
    ),
    actors: Path | None = actors_option(),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Sentence gold: root recall, exact-code recall, actor agreement, precision and a per-root table.
    Article gold (--articles): required found, FP, forbidden, background, precision~ and recall."""
    setup_logging(False)
    if articles:
        _evaluate_articles(gold, input_path, events_path, as_json, verbose, actors, debug)
        return
    if input_path is not None or events_path is not None:
        raise typer.BadParameter("--input and --events score article gold: add --articles", param_hint="--articles")
    records = [run_or_exit(lambda path=path: load_gold(path), debug) for path in gold]
    coder = run_or_exit(lambda: load(build_settings(debug, actors)), debug)
    listed = misses or verbose
    reports = [run_or_exit(lambda r=r: evaluate(r, coder, limit=limit), debug) for r in records]
    if as_json:
        dicts = [report.to_dict(include_misses=listed) for report in reports]
        typer.echo(json.dumps(dicts[0] if len(dicts) == 1 else dicts, indent=2))
    else:
        typer.echo("\n\n".join(format_report(report, misses=listed) for report in reports))


def _evaluate_articles(
    gold_paths: list[Path],
    input_path: Path | None,
    events_path: Path | None,
    as_json: bool,
    verbose: bool,
    actors: Path | None,
    debug: bool,
) -> None:
    if (input_path is None) == (events_path is None):
        raise typer.BadParameter("give one of --input ARTICLES.jsonl or --events EVENTS.jsonl", param_hint="--articles")
    gold = run_or_exit(lambda: load_article_gold(gold_paths), debug)
    report: ArticleReport
    if input_path is not None:
        coder = run_or_exit(lambda: load(build_settings(debug, actors)), debug)
        report = run_or_exit(lambda: evaluate_articles(gold, coder, read(str(input_path), format="jsonl")), debug)
    elif events_path is not None:
        report = run_or_exit(lambda: score_articles(gold, read_event_records(events_path)), debug)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(format_article_report(report, verbose=verbose))
