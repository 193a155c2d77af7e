"""`flashpoint export`: the stored events as Parquet, CSV, GDELT's event layout or PLOVER JSON."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from flashpoint.cli._util import actors_option, app, run_or_exit, setup_logging
from flashpoint.cli.ingest import db_option, settings_with_db
from flashpoint.export import WRITERS
from flashpoint.store import open_store


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    gdelt = "gdelt"
    plover = "plover"


@app.command("export")
def export_cli(
    output_format: ExportFormat = typer.Option(..., "--format", help="parquet | csv | gdelt (61 tab-separated columns) | plover (JSON lines)."),
    out: Path = typer.Option(..., "--out", help="File to write."),
    db: Path | None = db_option(),
    actors: Path | None = actors_option(),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Write every stored event (GDELT and PLOVER: asserted events only) to one file."""
    setup_logging(False)
    settings = settings_with_db(debug, actors, db)

    def write() -> int:
        with open_store(settings.db_path, read_only=True) as store:
            events = store.events()
        return WRITERS[output_format.value](events, out)

    count = run_or_exit(write, debug)
    typer.echo(f"wrote {count} records to {out}", err=True)
