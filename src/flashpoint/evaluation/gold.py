"""Gold records: GoldRecord, GoldEvent and load_gold with its per-line validation.

Three gold formats share one record shape (see ../shared/README.md): CAMEO codebook
examples (one exact code, no actors), PLOVER gold records (a PLOVER category, given
here as `allowed_roots`, plus ISO3+sector actors) and PETRARCH-2 validation
sentences (CAMEO code + actors, with `expect_no_event` records).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flashpoint.errors import DataError
from flashpoint.model import Article

# Builds the DataError for the line being read, so helpers need not carry path and line.
_Fail = Callable[[str], DataError]

_CODE_RE = re.compile(r"\d{2,4}")
_ROOT_RE = re.compile(r"\d\d")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event. `roots` are the CAMEO roots that count as finding it."""

    source: str | None
    code: str | None
    target: str | None
    roots: tuple[str, ...]
    plover: str | None = None

    @property
    def root_key(self) -> str:
        """The label of this event's row in the per-root table ("04", or "10/02" for PLOVER)."""
        return self.code[:2] if self.code else "/".join(self.roots)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "code": self.code,
            "target": self.target,
            "roots": list(self.roots),
            "plover": self.plover,
        }


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold sentence with its events; `scored` is the record's "evaluate" flag."""

    id: str
    set: str
    text: str
    date: date | None
    events: tuple[GoldEvent, ...]
    expect_no_event: bool = False
    allowed_roots: tuple[str, ...] = ()
    text_kind: str | None = None
    category: str | None = None
    scored: bool = True

    def article(self) -> Article:
        return Article(id=self.id, text=self.text, published=self.date)


def load_gold(path: Path) -> list[GoldRecord]:
    """Read a gold JSONL file (any of the three shared formats).

    Raises:
        DataError: the file cannot be read, or a line is malformed (named as path:line).
    """
    path = Path(path)
    records: list[GoldRecord] = []
    seen: dict[str, int] = {}
    for number, obj in read_json_lines(path):
        record = _read_record(obj, path, number)
        if record.id in seen:
            raise DataError(f"duplicate id {record.id!r} (first on line {seen[record.id]})", path, number)
        seen[record.id] = number
        records.append(record)
    return records


def read_json_lines(path: Path, kind: str = "gold file") -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line of a JSONL file; `kind` names it in errors.

    Raises:
        DataError: the file cannot be opened, or a line is not a JSON object (path:line).
    """
    # Not resources._tables.read_jsonl: that module is private to the packaged-data
    # loaders, skips "//" lines and words its errors differently ("cannot open: ..."
    # with the whole OSError), and reading gold should not need the resources package.
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot open {kind}: {exc.strerror}", path) from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise DataError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, number) from exc
            if not isinstance(obj, dict):
                raise DataError("expected a JSON object", path, number)
            yield number, obj


def _read_record(obj: Mapping[str, Any], path: Path, line: int) -> GoldRecord:
    def fail(reason: str) -> DataError:
        return DataError(reason, path, line)

    record_id = obj.get("id")
    if not isinstance(record_id, str) or not record_id:
        raise fail("record has no string 'id'")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise fail(f"{record_id}: 'text' must be a non-empty string")
    set_name = obj.get("set", path.stem)
    if not isinstance(set_name, str):
        raise fail(f"{record_id}: 'set' must be a string")
    allowed = obj.get("allowed_roots") or []
    if not isinstance(allowed, list) or not all(isinstance(r, str) and _ROOT_RE.fullmatch(r) for r in allowed):
        raise fail(f"{record_id}: 'allowed_roots' must be a list of two-digit roots such as \"03\"")
    expect_none = obj.get("expect_no_event", False)
    if not isinstance(expect_none, bool):
        raise fail(f"{record_id}: 'expect_no_event' must be true or false")
    scored = obj.get("evaluate", True)
    if not isinstance(scored, bool):
        raise fail(f"{record_id}: 'evaluate' must be true or false")
    raw_events = obj.get("events")
    if not isinstance(raw_events, list):
        raise fail(f"{record_id}: 'events' must be a list")
    events = tuple(_read_event(e, tuple(allowed), record_id, fail) for e in raw_events)
    if expect_none and events:
        raise fail(f"{record_id}: 'expect_no_event' is true but the record lists events")
    if not expect_none and not events:
        raise fail(f"{record_id}: no events and 'expect_no_event' is false, so there is nothing to score")
    return GoldRecord(
        id=record_id,
        set=set_name,
        text=text,
        date=_read_date(obj.get("date"), record_id, fail),
        events=events,
        expect_no_event=expect_none,
        allowed_roots=tuple(allowed),
        text_kind=_optional_str(obj, "text_kind", record_id, fail),
        category=_optional_str(obj, "category", record_id, fail),
        scored=scored,
    )


def _read_event(raw: object, allowed: tuple[str, ...], record_id: str, fail: _Fail) -> GoldEvent:
    if not isinstance(raw, dict):
        raise fail(f"{record_id}: each event must be a JSON object")
    values: dict[str, str | None] = {}
    for key in ("source", "code", "target", "plover"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise fail(f"{record_id}: event {key!r} must be a string or null")
        values[key] = value or None
    code = values["code"]
    if code is not None and not _CODE_RE.fullmatch(code):
        raise fail(f"{record_id}: event code {code!r} is not a 2-4 digit CAMEO code")
    roots = (code[:2],) if code else allowed
    if not roots:
        raise fail(f"{record_id}: event has no code and the record no 'allowed_roots'")
    return GoldEvent(values["source"], code, values["target"], roots, values["plover"])


def _read_date(raw: object, record_id: str, fail: _Fail) -> date | None:
    if raw is None:
        return None
    if isinstance(raw, str) and re.fullmatch(r"\d{6}", raw):
        # A two-digit year cannot be placed in a century (PETR-2 record
        # AFP0808020905_1 carries "121108" in a 2008 file), so the date is unknown.
        return None
    if not isinstance(raw, str) or not re.fullmatch(r"\d{8}", raw):
        raise fail(f"{record_id}: 'date' must be YYYYMMDD or null, not {raw!r}")
    try:
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    except ValueError:
        raise fail(f"{record_id}: 'date' {raw!r} is not a calendar date") from None


def _optional_str(obj: Mapping[str, Any], key: str, record_id: str, fail: _Fail) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise fail(f"{record_id}: {key!r} must be a string or null")
    return value or None
