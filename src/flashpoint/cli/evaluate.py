"""`flashpoint evaluate`: score the coder against a gold JSONL file."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from flashpoint.cli._util import actors_option, app, build_settings, run_or_exit, setup_logging
from flashpoint.evaluation import evaluate, format_report, load_gold
from flashpoint.runner import load


@app.command("evaluate")
def evaluate_cli(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold JSONL (see ../shared/data/gold)."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N records."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    misses: bool = typer.Option(False, "--misses", help="List the gold events not found."),
    actors: Path | None = actors_option(),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Root recall, exact-code recall, actor agreement, precision and a per-root table."""
    setup_logging(False)
    records = run_or_exit(lambda: load_gold(gold), debug)
    settings = build_settings(debug, actors)
    coder = run_or_exit(lambda: load(settings), debug)
    report = evaluate(records, coder, limit=limit)
    if as_json:
        typer.echo(json.dumps(report.to_dict(include_misses=misses) if misses else report.to_dict(), indent=2))
    else:
        typer.echo(format_report(report, misses=misses) if misses else format_report(report))
