"""Readers for the packaged data formats (TSV with a header, JSONL) that report path:line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flashpoint.errors import DataError

PACKAGED_DATA = Path(__file__).parent / "data"


def data_path(relative: str, data_dir: Path | None = None) -> Path:
    """The file to read for `relative` (e.g. "ontology/cameo.tsv").

    A file of the same relative name under `data_dir` replaces the packaged one,
    the way datasette stacks user template folders in front of its own.
    """
    if data_dir is not None:
        candidate = Path(data_dir) / relative
        if candidate.is_file():
            return candidate
    path = PACKAGED_DATA / relative
    if not path.is_file():
        raise DataError("data file missing", path)
    return path


def read_tsv(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row; '#' lines and blank lines are skipped.

    The first non-comment line is the header. Missing trailing cells read as "".
    Raises DataError naming path:line for a row with too many cells or a missing column.
    """
    header: list[str] | None = None
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot open: {exc}", path) from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise DataError(f"header lacks column(s) {', '.join(missing)}", path, number)
                continue
            if len(cells) > len(header):
                raise DataError(f"{len(cells)} cells but the header has {len(header)}", path, number)
            cells += [""] * (len(header) - len(cells))
            yield number, {k: v.strip() for k, v in zip(header, cells)}


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank, non-'//' line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot open: {exc}", path) from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.strip()
            if not line or line.startswith("//"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, number) from exc
            if not isinstance(obj, dict):
                raise DataError("expected a JSON object", path, number)
            yield number, obj


def split_list(cell: str) -> list[str]:
    """A multi-valued cell: values separated by '|'."""
    return [v.strip() for v in cell.split("|") if v.strip()]
