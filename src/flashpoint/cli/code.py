"""`flashpoint code`: code text files, folders, JSONL corpora or stdin into events."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import typer

from flashpoint.cli._util import actors_option, app, build_settings, parse_date_option, run_or_exit, setup_logging
from flashpoint.errors import IngestError
from flashpoint.ingest import read
from flashpoint.model import Article, CodedArticle
from flashpoint.runner import load


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


class InputFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


@app.command("code")
def code_cli(
    inputs: list[str] = typer.Argument(..., help="Text files, folders, .jsonl/.jsonl.gz corpora, or - for stdin."),
    date: str | None = typer.Option(None, "--date", help="Article date (YYYY-MM-DD) where the input gives none."),
    output_format: OutputFormat | None = typer.Option(
        None, "--format", help="jsonl (default when piped) or table (default on a terminal)."
    ),
    input_format: InputFormat | None = typer.Option(None, "--input-format", help="Force text or jsonl (default: by extension)."),
    quotes: bool = typer.Option(False, "--quotes", help="Also emit quote records (type 'quote')."),
    unattributed: bool = typer.Option(
        False, "--unattributed",
        help="Also emit the events whose source is no known actor (type 'unattributed'; never stored or scored).",
    ),
    all_modes: bool = typer.Option(True, "--all-modes/--asserted-only", help="Emit non-asserted events too (with their mode)."),
    actors: Path | None = actors_option(),
    verbose: bool = typer.Option(False, "--verbose", "-v"),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Code articles into events: one JSON line per event (and per quote with --quotes)."""
    setup_logging(verbose)
    default_date = parse_date_option(date)
    fmt = output_format or (OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl)
    settings = build_settings(debug, actors)
    coder = run_or_exit(lambda: load(settings), debug)
    errors: list[IngestError] = []

    def report(error: IngestError) -> None:
        errors.append(error)
        typer.echo(f"error: {error}", err=True)

    def articles() -> Iterator[Article]:
        for source in inputs:
            try:
                yield from read(
                    source, format=input_format.value if input_format else None, date=default_date,
                    on_error=report, max_chars=settings.max_text_chars,
                )  # fmt: skip
            except IngestError as exc:
                report(exc)

    count = failed = 0
    rows: list[list[str]] = []
    for coded in coder.pipe(articles()):
        count += 1
        failed += bool(coded.failures)
        for failure in coded.failures:
            typer.echo(f"error: article {failure.article_id}: {failure.error}: {failure.message}", err=True)
        if fmt is OutputFormat.jsonl:
            _write_jsonl(coded, quotes, all_modes, unattributed)
        else:
            rows.extend(_table_rows(coded, quotes, all_modes, unattributed))
    if fmt is OutputFormat.table:
        _print_table(rows)
    if count == 0:
        typer.echo("error: no article could be read", err=True)
        raise typer.Exit(1)
    if errors or failed:
        typer.echo(
            f"{len(errors)} input(s) skipped, {failed} article(s) failed in coding, {count - failed} article(s) coded",
            err=True,
        )


def _write_jsonl(coded: CodedArticle, quotes: bool, all_modes: bool, unattributed: bool = False) -> None:
    out = sys.stdout
    for event in coded.events:
        if all_modes or event.is_fact:
            out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    if unattributed:
        for event in coded.unattributed:
            if all_modes or event.is_fact:
                out.write(json.dumps({**event.to_dict(), "type": "unattributed"}, ensure_ascii=False) + "\n")
    if quotes:
        for quote in coded.quotes:
            out.write(json.dumps(quote.to_dict(), ensure_ascii=False) + "\n")
    out.flush()


_HEADER = ["article", "s", "source", "cameo", "target", "mode", "date", "bg", "rule", "action"]


def _table_rows(coded: CodedArticle, quotes: bool, all_modes: bool, unattributed: bool = False) -> list[list[str]]:
    rows = []
    for e in [*coded.events, *(coded.unattributed if unattributed else [])]:
        if not (all_modes or e.is_fact):
            continue
        rows.append(
            [
                e.article_id[:14],
                str(e.sentence_index),
                (e.source.code or f"?{e.source.text}") if e.source else "-",
                e.cameo,
                (e.target.code or f"?{e.target.text}") if e.target else "-",
                e.mode.value,
                (e.event_date.isoformat() if e.event_date else "-") + (f"/{e.date_precision.value[0]}" if e.date_precision else ""),
                "bg" if e.background else "",
                e.rule,
                e.action.text,
            ]
        )
    if quotes:
        for q in coded.quotes:
            speaker = (q.speaker.code or q.speaker.text) if q.speaker else "-"
            rows.append([q.article_id[:14], str(q.sentence_index), speaker, "quote", q.kind, "", "", "", q.verb or "", q.text[:60]])
    return rows


def _print_table(rows: list[list[str]]) -> None:
    table = [_HEADER, *rows]
    widths = [min(max(len(r[i]) for r in table), 40) for i in range(len(_HEADER))]
    for row in table:
        typer.echo("  ".join(cell[:40].ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
