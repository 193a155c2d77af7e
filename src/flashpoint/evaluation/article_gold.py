"""Article gold files: ArticleGold, ArticleGoldEntry and load_article_gold with its validation.

One JSON file per article (../shared/data/articles/GUIDE.md): {"article", "date",
"required", "optional", "forbidden_current", "background", "notes"}; each event has
"id", "sentence_has", "root", "source", "target" and optionally "modes", "cameo",
"note" and (background) "year". Malformed files are DataErrors naming the file and
the entry, so a user's own gold fails as clearly as a typo in the shared set.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashpoint.errors import DataError
from flashpoint.model import Mode

__all__ = ["ArticleGold", "ArticleGoldEntry", "load_article_gold"]

log = logging.getLogger(__name__)

ASSERTED = Mode.ASSERTED.value
_MODES = frozenset(m.value for m in Mode)
_LISTS = ("required", "optional", "forbidden_current", "background")


@dataclass(frozen=True, slots=True)
class ArticleGoldEntry:
    """One gold event of an article. `source`/`target` None accept any actor (`target: null`);
    `modes` matter for required entries only; `year` is set on background entries."""

    id: str
    sentence_has: tuple[str, ...]
    roots: tuple[str, ...]
    source: tuple[str, ...] | None = None
    target: tuple[str, ...] | None = None
    modes: tuple[str, ...] = (ASSERTED,)
    note: str = ""
    cameo: str | None = None
    year: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sentence_has": list(self.sentence_has),
            "root": list(self.roots),
            "source": list(self.source) if self.source is not None else None,
            "target": list(self.target) if self.target is not None else None,
            "modes": list(self.modes),
            "note": self.note,
            "cameo": self.cameo,
            "year": self.year,
        }


@dataclass(frozen=True, slots=True)
class ArticleGold:
    """The gold coding of one article, read from `path`."""

    article_id: str
    path: Path
    required: tuple[ArticleGoldEntry, ...] = ()
    optional: tuple[ArticleGoldEntry, ...] = ()
    forbidden: tuple[ArticleGoldEntry, ...] = ()
    background: tuple[ArticleGoldEntry, ...] = ()
    date: str | None = None


def load_article_gold(paths: Iterable[Path]) -> tuple[ArticleGold, ...]:
    """Read article gold files; a directory stands for its *.json files. Sorted by article id.

    A JSON object without an "article" key is not article gold and is skipped, as the
    reference scorer skips it.

    Raises:
        DataError: a path is missing, a file is not valid JSON or is malformed (named with
            its path and the entry), two files code the same article, or no gold was found.
    """
    by_id: dict[str, ArticleGold] = {}
    given = [Path(p) for p in paths]
    for path in given:
        if path.is_dir():
            files = sorted(path.glob("*.json"))
        elif path.exists():
            files = [path]
        else:
            raise DataError("no such article gold file or directory", path)
        for file in files:
            gold = _read_gold_file(file)
            if gold is None:
                continue
            if gold.article_id in by_id:
                raise DataError(
                    f"article {gold.article_id!r} is also coded in {by_id[gold.article_id].path}", file
                )
            by_id[gold.article_id] = gold
    if not by_id:
        names = ", ".join(str(p) for p in given) or "(no path given)"
        raise DataError(f"no article gold found (*.json files with an \"article\" key) in {names}")
    return tuple(by_id[key] for key in sorted(by_id))


def _read_gold_file(path: Path) -> ArticleGold | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot open article gold: {exc.strerror}", path) from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"article gold is not UTF-8: {exc.reason}", path) from exc
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, exc.lineno) from exc
    if not isinstance(obj, dict):
        raise DataError("article gold must be a JSON object", path)
    if "article" not in obj:
        log.warning("%s: no \"article\" key, so not article gold; skipped", path)
        return None
    article_id = obj["article"]
    if not isinstance(article_id, str) or not article_id:
        raise DataError("'article' must be a non-empty string (the article id)", path)
    date = obj.get("date")
    if date is not None and not isinstance(date, str):
        raise DataError("'date' must be a string (YYYY-MM-DD) or null", path)
    lists: dict[str, tuple[ArticleGoldEntry, ...]] = {}
    for name in _LISTS:
        raw = obj.get(name) or []
        if not isinstance(raw, list):
            raise DataError(f"{name!r} must be a list of events", path)
        lists[name] = tuple(_read_entry(e, name, index, path) for index, e in enumerate(raw))
    return ArticleGold(
        article_id=article_id,
        path=path,
        required=lists["required"],
        optional=lists["optional"],
        forbidden=lists["forbidden_current"],
        background=lists["background"],
        date=date,
    )


def _read_entry(raw: object, list_name: str, index: int, path: Path) -> ArticleGoldEntry:
    where = f"{list_name}[{index}]"
    if not isinstance(raw, dict):
        raise DataError(f"{where}: each event must be a JSON object", path)
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        raise DataError(f"{where}: event has no string 'id'", path)
    where = f"{list_name} {entry_id}"

    def fail(reason: str) -> DataError:
        return DataError(f"{where}: {reason}", path)

    sentence_has = raw.get("sentence_has")
    if not _strings(sentence_has) or not sentence_has:
        raise fail("'sentence_has' must be a non-empty list of strings")
    roots = raw.get("root")
    if not _strings(roots) or not roots or not all(len(r) == 2 and r.isdigit() for r in roots):
        raise fail("'root' must be a non-empty list of two-digit CAMEO roots such as \"11\"")
    actors: dict[str, tuple[str, ...] | None] = {}
    for key in ("source", "target"):
        value = raw.get(key)
        if value is not None and not _strings(value):
            raise fail(f"{key!r} must be a list of actor tokens or null")
        actors[key] = tuple(value) if value else None
    modes = raw.get("modes") or [ASSERTED]
    if not _strings(modes) or not set(modes) <= _MODES:
        raise fail(f"'modes' must be a list of {', '.join(sorted(_MODES))}")
    note, cameo = raw.get("note") or "", raw.get("cameo")
    if not isinstance(note, str) or (cameo is not None and not isinstance(cameo, str)):
        raise fail("'note' and 'cameo' must be strings")
    year = raw.get("year")
    if list_name == "background" and (isinstance(year, bool) or not isinstance(year, (int, str)) or not str(year)):
        raise fail("a background event needs its 'year' (such as 2014)")
    return ArticleGoldEntry(
        id=entry_id,
        sentence_has=tuple(sentence_has),
        roots=tuple(roots),
        source=actors["source"],
        target=actors["target"],
        modes=tuple(modes),
        note=note,
        cameo=cameo,
        year=None if year is None else str(year),
    )


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
