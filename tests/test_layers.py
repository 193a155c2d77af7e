"""Import directions between layers (STYLE.md §5), checked on the source's imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "flashpoint"

# layer -> flashpoint layers it may import (besides itself)
ALLOWED = {
    "errors": set(),
    "about": set(),
    "model": {"errors"},
    "config": {"errors"},
    "resources": {"errors", "model", "config"},
    "ingest": {"errors", "model", "config"},
    "nlp": {"errors", "model", "config", "resources"},
    "actors": {"errors", "model", "config", "resources", "nlp"},
    "coding": {"errors", "model", "config", "resources", "nlp", "actors"},
    "store": {"errors", "model", "config"},
    "analysis": {"errors", "model", "export"},
    "export": {"errors", "model", "about", "resources"},
    "evaluation": {"errors", "model", "config", "resources", "coding"},
    "runner": {"errors", "model", "config", "resources", "nlp", "actors", "coding", "ingest", "store", "analysis"},
    "cli": {
        "errors", "model", "config", "resources", "nlp", "actors", "coding", "ingest", "runner", "evaluation",
        "about", "store", "analysis", "export", "api", "jobs",
    },
    "api": {
        "errors", "model", "config", "resources", "ingest", "runner", "store", "analysis", "export", "coding", "about",
    },
    "jobs": {"errors", "model", "config", "about", "resources", "ingest", "runner", "store", "export", "coding", "nlp"},
    "__init__": {"errors", "model", "config", "about", "runner", "coding", "store"},
    "__main__": {"cli"},
}
# third-party packages confined to some layers
CONFINED = {
    "spacy": {"nlp", "actors", "coding"},
    "typer": {"cli"},
    "click": {"cli"},
    "duckdb": {"store"},
    "matplotlib": {"analysis"},
    "httpx": {"ingest", "api"},
    "httpcore": {"ingest"},
    "fastapi": {"api"},
    "starlette": {"api"},
    "uvicorn": {"api"},
    "pydantic": {"api"},
    "trafilatura": {"ingest"},
    "feedparser": {"ingest"},
    "charset_normalizer": {"ingest"},
    "dask": {"jobs"},
    "distributed": {"jobs"},
    "fsspec": {"jobs"},
}


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_layers_import_direction(path):
    layer = _layer(path)
    assert layer in ALLOWED, f"{layer} is not in the layer table"
    for module in _imports(path):
        parts = module.split(".")
        if parts[0] == "flashpoint" and len(parts) > 1:
            target = parts[1]
            assert target == layer or target in ALLOWED[layer], f"{path.name}: {layer} must not import {module}"
        elif parts[0] in CONFINED:
            assert layer in CONFINED[parts[0]], f"{path.name}: {parts[0]} is confined to {CONFINED[parts[0]]}"
