"""Shared CLI plumbing: the Typer app, settings from flags, errors -> one line and an exit code."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import typer

from flashpoint.errors import FlashpointError

T = TypeVar("T")

app = typer.Typer(
    help="flashpoint: code English news into CAMEO/PLOVER political events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
