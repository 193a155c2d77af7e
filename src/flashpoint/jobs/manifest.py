"""The batch manifest (`_manifest.json` in the output folder): which shards are written, from
what content, by which coder, with their counts and files.

    {"format": 1, "shards": {"<shard id>": {"input", "kind", "start", "stop", "files",
        "content_hash", "coder", "status": "done"|"failed", "articles", "events", "quotes",
        "failed_articles", "written": [paths], "error", "seconds", "finished_at"}}}

Only the driver writes it, after a shard's files are in place, and always whole (temporary
file + rename): a crash leaves the previous manifest, and a shard missing from it is coded
again. `coder` fingerprints what decides the output (flashpoint's version, the spaCy model,
the settings that change coding, every data file), so changing the lexicon re-codes
everything on the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from flashpoint.about import __version__
from flashpoint.config import Settings
from flashpoint.errors import StoreError

__all__ = ["MANIFEST_NAME", "Manifest", "coder_fingerprint"]

MANIFEST_NAME = "_manifest.json"
_FORMAT = 1


def _hash_tree(digest: Any, root: Path) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())


def coder_fingerprint(settings: Settings) -> str:
    """A hash of everything that changes what the coder outputs for `settings`."""
    digest = hashlib.sha1()
    try:
        model_version = metadata.version(settings.spacy_model)
    except metadata.PackageNotFoundError:
        model_version = "?"
    digest.update(
        f"{__version__}|{settings.spacy_model}|{model_version}|{settings.prefilter}|{settings.background_days}"
        f"|{settings.max_text_chars}".encode()  # the cap decides which articles are coded at all
    )
    _hash_tree(digest, Path(str(resources.files("flashpoint.resources") / "data")))
    if settings.data_dir is not None:
        _hash_tree(digest, Path(settings.data_dir))
    if settings.actors_file is not None:
        digest.update(Path(settings.actors_file).read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Manifest:
    """The manifest of one output folder; `shards` maps a shard id to its entry."""

    path: Path
    shards: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The folder's manifest, or an empty one.

        Raises:
            StoreError: the manifest exists but cannot be read.
        """
        path = out / MANIFEST_NAME
        if not path.is_file():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(path, f"cannot read the batch manifest: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(data.get("shards"), dict):
            raise StoreError(path, f"not a flashpoint batch manifest (format {_FORMAT})")
        return cls(path, data["shards"])

    def is_done(self, shard_id: str, content_hash: str, coder: str) -> bool:
        """Whether the shard is written from this content by this coder, and its files exist."""
        entry = self.shards.get(shard_id)
        if not entry or entry.get("status") != "done":
            return False
        if entry.get("content_hash") != content_hash or entry.get("coder") != coder:
            return False
        out = self.path.parent
        return all((out / name).is_file() for name in entry.get("written", []))

    def save(self) -> None:
        """Write the manifest whole (temporary file + rename).

        Raises:
            StoreError: it cannot be written.
        """
        temporary = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(
                json.dumps({"format": _FORMAT, "shards": self.shards}, indent=1, sort_keys=True), encoding="utf-8"
            )
            os.replace(temporary, self.path)
        except OSError as exc:
            raise StoreError(self.path, f"cannot write the batch manifest: {exc}") from exc
