"""`flashpoint batch`: code a corpus on Dask workers into partitioned Parquet, resumably."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import typer

from flashpoint.cli._util import StatusLine, actors_option, app, build_settings, parse_date_option, run_or_exit, setup_logging

class _ShardProgress(StatusLine):
    """`[###...] shards D/T (skipped S, failed F), A articles, R articles/s` on stderr."""

    def __init__(self) -> None:
        super().__init__()
        self.started = time.perf_counter()

    def __call__(self, report: Any) -> None:
        done = report.coded + report.skipped + len(report.failed_shards)
        if not self.due(force=done >= report.shards):
            return
        now = time.perf_counter()
        width = 24
        filled = width * done // report.shards if report.shards else width
        rate = report.articles / (now - self.started) if now > self.started else 0.0
        self.draw(
            f"[{'#' * filled}{'.' * (width - filled)}] shards {done}/{report.shards} "
            f"(skipped {report.skipped}, failed {len(report.failed_shards)}), {report.articles} articles, {rate:.1f} articles/s"
        )


@app.command("batch")
def batch_cli(
    inputs: list[str] = typer.Argument(..., help="Folders or files of .txt/.html/.jsonl/.jsonl.gz; fsspec URLs (s3://...) too."),
    out: Path = typer.Option(..., "--out", file_okay=False, help="Output folder: Parquet tables and _manifest.json."),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Local Dask worker processes (default: CPU count)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Use a running Dask scheduler, e.g. tcp://HOST:8786."),
    partition_by: str = typer.Option("month", "--partition-by", help="month (article month, default) or none."),
    shard_size: int = typer.Option(200, "--shard-size", min=1, help="Articles (JSONL lines) or files per shard."),
    date: str | None = typer.Option(None, "--date", help="Article date (YYYY-MM-DD) where the input gives none."),
    actors: Path | None = actors_option(),
    verbose: bool = typer.Option(False, "--verbose", "-v"),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Code a corpus on Dask workers into Parquet (events, quotes, articles, sentences by month).

    Re-running skips shards already written from the same input by the same coder; a killed
    run or worker loses only the shards in progress. Load the output into the event store
    with `flashpoint ingest --from-parquet DIR`. Exit code 1 when any shard or article failed.
    """
    setup_logging(verbose)
    if workers is not None and scheduler is not None:
        typer.echo("error: give --workers or --scheduler, not both", err=True)
        raise typer.Exit(2)
    default_date = parse_date_option(date)
    settings = build_settings(debug, actors)
    from flashpoint.jobs import run_batch  # noqa: PLC0415  (dask loads only for a batch)

    progress = _ShardProgress()
    try:
        report = run_or_exit(
            lambda: run_batch(
                inputs, out, settings, workers=workers, scheduler=scheduler, partition_by=partition_by,
                shard_size=shard_size, date=default_date, progress=progress,
            ),
            debug,
        )  # fmt: skip
    except KeyboardInterrupt:
        progress.clear()
        typer.echo("interrupted: every shard written so far is kept; run again to continue", err=True)
        raise typer.Exit(130) from None
    progress.clear()
    typer.echo(report.summary(), err=True)
    for shard_id, reason in report.failed_shards:
        typer.echo(f"  failed shard {shard_id}: {reason}", err=True)
    for source, reason in report.failed_articles:
        typer.echo(f"  failed: {source}: {reason}", err=True)
    if not report.ok:
        raise typer.Exit(1)
