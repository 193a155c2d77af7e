"""Every packaged data file is described in MANIFEST.toml, with the columns it really has."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from flashpoint.resources import load_resources
from flashpoint.resources._tables import PACKAGED_DATA

MANIFEST = tomllib.loads((PACKAGED_DATA / "MANIFEST.toml").read_text(encoding="utf-8"))
DATA_FILES = sorted(
    str(p.relative_to(PACKAGED_DATA)) for p in PACKAGED_DATA.rglob("*") if p.suffix in (".tsv", ".jsonl")
)


def test_manifest_lists_every_data_file():
    assert sorted(MANIFEST["files"]) == DATA_FILES


@pytest.mark.parametrize("name", [n for n in DATA_FILES if n.endswith(".tsv")])
def test_manifest_columns_match_header(name):
    entry = MANIFEST["files"][name]
    lines = (PACKAGED_DATA / name).read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.strip() and not line.startswith("#"))
    assert header.split("\t") == entry["columns"]


def test_packaged_resources_load_and_validate():
    load_resources.cache_clear()
    resources = load_resources(None)
    assert len(resources.lexicon) > 1000
    assert set(resources.cues.intent_codes) >= {"04", "07", "19"}
    assert Path(PACKAGED_DATA).is_dir()
