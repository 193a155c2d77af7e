"""`flashpoint trend`: a dyad's events per period, with the escalation index and alerts."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer

from flashpoint.analysis.trends import escalation
from flashpoint.cli._util import actors_option, app, parse_date_option, run_or_exit, setup_logging
from flashpoint.cli.ingest import db_option, settings_with_db
from flashpoint.store import open_store


class Freq(str, Enum):
    day = "day"
    week = "week"
    month = "month"


class TrendFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    png = "png"


_TABLE = ["period", "n", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean", "conflict_share", "escalation_index", "alert"]


@app.command("trend")
def trend_cli(
    source: str = typer.Option(..., "--source", help="Source actor code or prefix (RUS matches RUSGOV)."),
    target: str | None = typer.Option(None, "--target", help="Target actor code or prefix."),
    freq: Freq = typer.Option(Freq.week, "--freq"),
    since: str | None = typer.Option(None, "--since", help="First day (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last day (YYYY-MM-DD)."),
    window: int = typer.Option(8, "--window", help="Periods in the rolling baseline."),
    threshold: float = typer.Option(2.0, "--threshold", help="Alert when the escalation index exceeds this (docs/trends.md)."),
    output_format: TrendFormat = typer.Option(TrendFormat.table, "--format"),
    out: Path | None = typer.Option(None, "--out", help="File for --format png (default trend.png)."),
    db: Path | None = db_option(),
    actors: Path | None = actors_option(),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Per period: event count by QuadClass, Goldstein sum and mean, escalation index and alerts.

    Only asserted, non-speculative events count, each on its own event date (a 2014 event
    reported in 2022 counts in 2014).
    """
    setup_logging(False)
    settings = settings_with_db(debug, actors, db)
    first, last = parse_date_option(since), parse_date_option(until)

    def compute():  # type: ignore[no-untyped-def]
        with open_store(settings.db_path, read_only=True) as store:
            periods = store.trend(source, target, freq.value, since=first, until=last)
        return escalation(periods, window=window, threshold=threshold)

    frame = run_or_exit(compute, debug)
    if output_format is TrendFormat.png:
        from flashpoint.analysis.plot import plot_trend

        path = out or Path("trend.png")
        title = f"{source} -> {target or 'all'} per {freq.value}"
        run_or_exit(lambda: plot_trend(frame, path, title=title), debug)
        typer.echo(f"wrote {path}", err=True)
        return
    if output_format is TrendFormat.csv:
        frame.to_csv(sys.stdout, index=False)
        return
    records = frame.to_dict(orient="records")
    if output_format is TrendFormat.json:
        typer.echo(json.dumps(records, default=str, indent=1))
        return
    columns = [c for c in _TABLE if c in frame.columns]
    rows = [[_cell(r.get(c)) for c in columns] for r in records]
    widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(columns)]
    typer.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    for row in rows:
        typer.echo("  ".join(v.ljust(w) for v, w in zip(row, widths)))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if value != value else f"{value:.2f}"
    if hasattr(value, "date") and callable(value.date):
        return str(value.date())
    return str(value)
