"""`flashpoint ingest` and `flashpoint watch`: inputs -> the event store (DuckDB)."""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path
from typing import Any

import typer

from flashpoint.cli._util import StatusLine, actors_option, app, build_settings, parse_date_option, run_or_exit, setup_logging
from flashpoint.config import Settings
from flashpoint.errors import FlashpointError, StoreLocked
from flashpoint.runner import RunReport, run, store_coded
from flashpoint.store import open_store

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600}


def db_option() -> Any:
    """The `--db FILE` option shared by the store commands."""
    return typer.Option(None, "--db", dir_okay=False, help="DuckDB file of the event store (default FLASHPOINT_DB or ./flashpoint.duckdb).")


def settings_with_db(debug: bool, actors: Path | None, db: Path | None) -> Settings:
    settings = build_settings(debug, actors)
    return dataclasses.replace(settings, db_path=db) if db is not None else settings


class _Progress(StatusLine):
    """`N articles (new X, duplicate Y, failed Z), R articles/s` on stderr."""

    def __init__(self) -> None:
        super().__init__()
        self.started: float | None = None  # the first article, so loading the model is not counted
        self.done_at_start = 0

    def __call__(self, report: RunReport) -> None:
        now = time.perf_counter()
        done = report.new + report.skipped_duplicate
        if self.started is None:
            self.started, self.done_at_start = now, done
        if not self.due():
            return
        rate = (done - self.done_at_start) / (now - self.started) if now > self.started else 0.0
        self.draw(
            f"{done} articles (new {report.new}, duplicate {report.skipped_duplicate}, "
            f"failed {len(report.failed)}), {rate:.1f} articles/s"
        )


def _print_failure(source: str, reason: str) -> None:
    typer.echo(f"failed: {source}: {reason}", err=True)


@app.command("ingest")
def ingest_cli(
    inputs: list[str] = typer.Argument(None, help="Files, folders, .jsonl/.jsonl.gz corpora, feeds or http(s) URLs."),
    db: Path | None = db_option(),
    from_parquet: Path | None = typer.Option(
        None, "--from-parquet", file_okay=False, help="Store the output folder of `flashpoint batch` instead of coding inputs."
    ),
    date: str | None = typer.Option(None, "--date", help="Article date (YYYY-MM-DD) where the input gives none."),
    actors: Path | None = actors_option(),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Let URLs and feed links reach private and loopback addresses (off by default)."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log every stored article."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Code new articles into the event store; already stored articles are skipped.

    Ends with one summary line on stderr; the exit code is 1 when any input or article failed.
    """
    setup_logging(verbose)
    if bool(inputs) == (from_parquet is not None):
        typer.echo("error: give inputs or --from-parquet DIR (not both)", err=True)
        raise typer.Exit(2)
    default_date = parse_date_option(date)
    settings = settings_with_db(debug, actors, db)
    progress = _Progress()

    def on_error(source: str, reason: str) -> None:
        if progress.enabled:  # live on a terminal; every failure is listed after the summary anyway
            progress.clear()
            _print_failure(source, reason)

    def work() -> RunReport:
        try:
            return run(inputs, settings, on_error=on_error, progress=progress, date=default_date, allow_private=allow_private)
        except StoreLocked:
            # A running `flashpoint serve` is the store's one writer: hand the articles to it.
            from flashpoint.api.client import find_server, ingest_remote

            server = find_server(settings.db_path)
            if server is None:
                raise
            typer.echo(f"{settings.db_path} is held by flashpoint serve at {server.url}: sending the articles to it", err=True)
            return ingest_remote(inputs, server, date=default_date, allow_private=allow_private, on_error=on_error, progress=progress)

    try:
        if from_parquet is not None:
            report = run_or_exit(lambda: _store_parquet(from_parquet, settings, on_error, progress), debug)
        else:
            report = run_or_exit(work, debug)
    except KeyboardInterrupt:
        progress.clear()
        typer.echo("interrupted: every article stored so far is kept; run again to continue", err=True)
        raise typer.Exit(130) from None
    progress.clear()
    typer.echo(report.summary(), err=True)
    for source, reason in report.failed:
        typer.echo(f"  failed: {source}: {reason}", err=True)
    if report.failed:
        raise typer.Exit(1)


def _store_parquet(folder: Path, settings: Settings, on_error: Any, progress: _Progress) -> RunReport:
    from flashpoint.jobs import read_coded  # noqa: PLC0415  (jobs only when asked for)

    return store_coded(read_coded(folder), settings, on_error=on_error, progress=progress)


def parse_interval(value: str) -> float:
    """Seconds in "90", "30s", "5m", "1h"."""
    match = _INTERVAL.match(value)
    if not match:
        raise typer.BadParameter(f"{value!r} is not an interval like 30s, 5m or 1h")
    return float(match.group(1)) * _SECONDS[match.group(2)]


@app.command("watch")
def watch_cli(
    source: str = typer.Argument(..., help="A folder or a feed URL to poll."),
    every: str = typer.Option("5m", "--every", help="Time between polls: 30s, 5m, 1h."),
    db: Path | None = db_option(),
    date: str | None = typer.Option(None, "--date", help="Article date (YYYY-MM-DD) where the input gives none."),
    max_polls: int | None = typer.Option(None, "--max-polls", min=1, help="Stop after this many polls (default: until Ctrl-C)."),
    actors: Path | None = actors_option(),
    verbose: bool = typer.Option(False, "--verbose", "-v"),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Poll a folder or feed and ingest new items until Ctrl-C (or --max-polls).

    Every article is its own transaction, so stopping loses nothing already stored. A poll
    that fails (a broken feed, the network, the store) is reported and the next one runs.
    The exit code is 1 when any input or poll failed during the watch.
    """
    setup_logging(verbose)
    interval = parse_interval(every)
    default_date = parse_date_option(date)
    settings = settings_with_db(debug, actors, db)
    # One store for the whole watch: this process stays the file's single writer.
    store = run_or_exit(lambda: open_store(settings.db_path), debug)
    reported: set[tuple[str, str]] = set()

    def on_error(source: str, reason: str) -> None:
        if (source, reason) not in reported:  # a bad file is reported once, not on every poll
            reported.add((source, reason))
            _print_failure(source, reason)

    def poll() -> RunReport | None:
        try:
            return run([source], settings, on_error=on_error, date=default_date, store=store)
        except Exception as exc:  # noqa: BLE001  (one poll's failure, a feed or store fault, must not end the watch)
            if debug:
                raise
            reason = str(exc) if isinstance(exc, FlashpointError) else f"{type(exc).__name__}: {exc}"
            on_error(source, f"poll failed: {reason}")
            return None

    polls = new = 0
    try:
        while True:
            report = poll()
            polls += 1
            if report is not None:
                new += report.new
            if report is not None and (report.new or verbose):
                typer.echo(f"{time.strftime('%H:%M:%S')} poll {polls}: {report.summary()}", err=True)
            if max_polls is not None and polls >= max_polls:
                break
            time.sleep(interval)
    except KeyboardInterrupt:
        typer.echo("stopped: every article stored so far is kept", err=True)
    finally:
        store.close()
    typer.echo(f"watch: {polls} poll(s), {new} new article(s), {len(reported)} failure(s)", err=True)
    if reported:
        raise typer.Exit(1)
