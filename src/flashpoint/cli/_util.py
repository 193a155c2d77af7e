"""Shared CLI plumbing: the Typer app, settings from flags, errors -> one line and an exit code."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import typer

from flashpoint.config import Settings
from flashpoint.errors import FlashpointError

T = TypeVar("T")

app = typer.Typer(
    help="flashpoint: code English news into CAMEO/PLOVER political events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def actors_option() -> Any:
    """The global `--actors FILE` option (overrides FLASHPOINT_ACTORS) shared by the commands."""
    return typer.Option(
        None, "--actors", dir_okay=False,
        help="User actor TSV (people.tsv or organisations.tsv columns) laid over the packaged tables.",
    )


def build_settings(debug: bool = False, actors: Path | None = None) -> Settings:
    """Settings from FLASHPOINT_* variables and the global flags; a bad value exits 1."""
    return run_or_exit(lambda: Settings.from_env(actors_file=actors), debug)


def parse_date_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2022-02-15") from None


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def run_or_exit(func: Callable[[], T], debug: bool = False) -> T:
    """Run library code; a FlashpointError becomes one line on stderr and exit code 1."""
    try:
        return func()
    except FlashpointError as exc:
        if debug:
            raise
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


class StatusLine:
    """One line of progress redrawn in place on stderr, on a terminal only (piped output and
    logs stay clean), at most every `every` seconds unless forced."""

    def __init__(self, every: float = 0.2) -> None:
        self.enabled = sys.stderr.isatty()
        self.every = every
        self.last = 0.0
        self.drawn = False

    def due(self, force: bool = False) -> bool:
        """Whether a redraw now is worth it; callers skip building the text otherwise."""
        return self.enabled and (force or time.perf_counter() - self.last >= self.every)

    def draw(self, text: str) -> None:
        self.last = time.perf_counter()
        sys.stderr.write("\r" + text)
        sys.stderr.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.drawn = False
