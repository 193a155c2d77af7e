"""`flashpoint actors`: resolve phrases to actor codes, list the gazetteer, check a user actor file."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from flashpoint.actors import ActorResolver
from flashpoint.actors.catalogue import (
    RESOLVED_FIELDS,
    actor_record,
    entry_record,
    list_actors,
    parse_country,
    resolve_mentions,
)
from flashpoint.cli._util import actors_option, app, build_settings, parse_date_option, run_or_exit, setup_logging
from flashpoint.errors import GazetteerError, IngestError
from flashpoint.resources import load_resources
from flashpoint.resources.gazetteer import Gazetteer, check_actors_file

actors_app = typer.Typer(help="Actor knowledge: resolve phrases, list actors, check a user actor file.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")

_LIST_FIELDS = ("code", "kind", "name", "country", "sector", "role", "valid_from", "valid_to")


class ResolveFormat(str, Enum):
    json = "json"
    table = "table"


class ListFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


def _gazetteer(actors: Path | None, debug: bool) -> Gazetteer:
    settings = build_settings(debug, actors)
    return run_or_exit(lambda: load_resources(settings.data_dir, settings.actors_file).gazetteer, debug)


def _print_table(fields: tuple[str, ...], records: list[dict[str, Any]]) -> None:
    rows = [list(fields)] + [["-" if r[f] is None else str(r[f]) for f in fields] for r in records]
    widths = [min(max(len(row[i]) for row in rows), 40) for i in range(len(fields))]
    for row in rows:
        typer.echo("  ".join(cell[:40].ljust(widths[i]) for i, cell in enumerate(row)).rstrip())


@actors_app.command("resolve")
def resolve_cli(
    text: str | None = typer.Argument(None, help="The phrase to resolve, e.g. 'the Russian president'."),
    date: str | None = typer.Option(None, "--date", help="Resolve as of this day (YYYY-MM-DD); lines' own dates win."),
    input_file: Path | None = typer.Option(
        None, "--input", exists=True, dir_okay=False, help='JSONL of {"text", "date"?}: one output line per input line.'
    ),
    output_format: ResolveFormat = typer.Option(ResolveFormat.json, "--format", help="json (one object a line) or table."),
    actors: Path | None = actors_option(),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Resolve a phrase (or every line of --input) to {text, code, country, sector, name, valid_from, valid_to, matched_by}."""
    setup_logging(False)
    if (text is None) == (input_file is None):
        raise typer.BadParameter("give either a TEXT to resolve or --input FILE.jsonl, not both")
    on = parse_date_option(date)
    resolver = ActorResolver(_gazetteer(actors, debug))
    skipped = 0

    def report(error: IngestError) -> None:
        nonlocal skipped
        skipped += 1
        typer.echo(f"error: {error}", err=True)

    if input_file is not None:
        records = run_or_exit(lambda: resolve_mentions(resolver, input_file, on=on, on_error=report), debug)
    else:
        assert text is not None
        records = iter([actor_record(text, resolver.resolve(text, on))])
    printed: list[dict[str, Any]] = []
    for record in records:
        if output_format is ResolveFormat.json:
            typer.echo(json.dumps(record, ensure_ascii=False))
        printed.append(record)
    if output_format is ResolveFormat.table:
        _print_table(RESOLVED_FIELDS, printed)
    if skipped:
        typer.echo(f"{skipped} line(s) skipped, {len(printed)} resolved", err=True)
    if not printed:
        raise typer.Exit(1)


@actors_app.command("list")
def list_cli(
    country: str | None = typer.Option(None, "--country", help="Only this country's actors (code, e.g. RUS)."),
    date: str | None = typer.Option(None, "--date", help="Only the person terms valid on this day (YYYY-MM-DD)."),
    output_format: ListFormat = typer.Option(ListFormat.table, "--format", help="table or jsonl."),
    actors: Path | None = actors_option(),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """List countries, institutions, organisations and people (with their terms) from the gazetteer."""
    setup_logging(False)
    on = parse_date_option(date)
    gazetteer = _gazetteer(actors, debug)
    code = run_or_exit(lambda: parse_country(gazetteer, country), debug) if country else None
    records = [entry_record(entry, forms) for entry, forms in list_actors(gazetteer, country=code, on=on)]
    if output_format is ListFormat.jsonl:
        for record in records:
            typer.echo(json.dumps(record, ensure_ascii=False))
    else:
        _print_table(_LIST_FIELDS, records)


@actors_app.command("check")
def check_cli(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="User actor TSV to validate."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Validate a user actor file: one `path:line: reason` per problem (exit 1), else `ok: N rows`."""
    setup_logging(False)
    settings = build_settings(debug)
    try:
        rows, problems = check_actors_file(path, settings.data_dir)
    except GazetteerError as exc:
        if debug:
            raise
        rows, problems = 0, [exc]
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        raise typer.Exit(1)
    typer.echo(f"ok: {rows} rows")
