"""`flashpoint events`, `quotes` and `articles`: read the event store as a table, JSONL or CSV."""

from __future__ import annotations

import datetime
import json
import math
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from flashpoint.cli._util import app, run_or_exit, setup_logging
from flashpoint.cli.ingest import db_option, settings_with_db
from flashpoint.export.columns import cell
from flashpoint.store import Store, open_store

if TYPE_CHECKING:
    import pandas


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


# Columns shown by --format table (jsonl and csv carry every column).
_TABLE_COLUMNS = {
    "events": ["event_date", "source_code", "cameo", "target_code", "mode", "goldstein", "action_text", "article_id"],
    "quotes": ["article_id", "sentence_index", "speaker_code", "speaker_text", "kind", "text"],
    "articles": ["id", "published", "source", "n_events", "title", "url"],
}
_DATE_COLUMNS = frozenset({"article_date", "event_date", "published", "period"})
_CELL_WIDTH = 48


def _format_option() -> Any:
    return typer.Option(None, "--format", help="table (default on a terminal), jsonl (default when piped) or csv.")


def _open(db: Path | None, debug: bool) -> Store:
    settings = settings_with_db(debug, None, db)
    return run_or_exit(lambda: open_store(settings.db_path, read_only=True), debug)


def _plain(column: str, value: Any) -> Any:
    """A JSON-ready value: dates as ISO strings, NaN/NaT/NA as None, numpy scalars as Python."""
    if cell(value) is None:
        return None
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # numpy scalar or array
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "to_pydatetime"):
        if str(value) == "NaT":
            return None
        value = value.to_pydatetime()
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if column in _DATE_COLUMNS else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def emit(frame: pandas.DataFrame, kind: str, fmt: Format | None) -> None:
    """Write a query result to stdout in the chosen format."""
    chosen = fmt or (Format.table if sys.stdout.isatty() else Format.jsonl)
    columns = list(frame.columns)
    records = [{c: _plain(c, v) for c, v in zip(columns, row)} for row in frame.itertuples(index=False, name=None)]
    out = sys.stdout
    if chosen is Format.jsonl:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif chosen is Format.csv:
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow(["" if v is None else json.dumps(v) if isinstance(v, list) else v for v in record.values()])
    else:
        shown = [c for c in _TABLE_COLUMNS[kind] if c in columns]
        rows = [[c for c in shown]] + [["-" if r[c] is None else str(r[c]) for c in shown] for r in records]
        widths = [min(max(len(row[i]) for row in rows), _CELL_WIDTH) for i in range(len(shown))]
        for row in rows:
            out.write("  ".join(cell[:_CELL_WIDTH].ljust(widths[i]) for i, cell in enumerate(row)).rstrip() + "\n")
        out.write(f"({len(records)} {kind})\n")
    out.flush()


@app.command("events")
def events_cli(
    source: str | None = typer.Option(None, "--source", help="Source actor code prefix (RUS matches RUSGOV)."),
    target: str | None = typer.Option(None, "--target", help="Target actor code prefix."),
    root: str | None = typer.Option(None, "--root", help="CAMEO root code, e.g. 11 (disapprove) or 19 (fight)."),
    mode: str | None = typer.Option(None, "--mode", help="asserted, negated, hypothetical, intended or denied."),
    since: str | None = typer.Option(None, "--since", help="First event date, YYYY-MM-DD (inclusive)."),
    until: str | None = typer.Option(None, "--until", help="Last event date, YYYY-MM-DD (inclusive)."),
    text: str | None = typer.Option(None, "--text", help="Words the sentence must all contain (any case)."),
    limit: int | None = typer.Option(None, "--limit", min=0, help="At most this many events."),
    output_format: Format | None = _format_option(),
    db: Path | None = db_option(),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Stored events, oldest first, filtered by actor, code, mode, date and words."""
    setup_logging(False)
    with _open(db, debug) as store:
        frame = run_or_exit(
            lambda: store.events(
                source=source, target=target, root=root, mode=mode, since=since, until=until, text=text, limit=limit
            ),
            debug,
        )
    emit(frame, "events", output_format)


@app.command("quotes")
def quotes_cli(
    speaker: str | None = typer.Option(None, "--speaker", help="Speaker code prefix (RUS) or part of the speaker's name."),
    output_format: Format | None = _format_option(),
    db: Path | None = db_option(),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Stored quotes with their speakers."""
    setup_logging(False)
    with _open(db, debug) as store:
        frame = run_or_exit(lambda: store.quotes(speaker), debug)
    emit(frame, "quotes", output_format)


@app.command("articles")
def articles_cli(
    output_format: Format | None = _format_option(),
    db: Path | None = db_option(),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Stored articles with their numbers of sentences, events and quotes."""
    setup_logging(False)
    with _open(db, debug) as store:
        frame = run_or_exit(store.articles, debug)
    emit(frame, "articles", output_format)
