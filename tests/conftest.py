"""The only conftest: markers' skip rules and shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared ({path} is absent)")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline, loaded once per test run; skips when not installed."""
    from flashpoint.config import Settings
    from flashpoint.errors import ModelNotInstalled
    from flashpoint.nlp.pipeline import load_nlp

    model = Settings.from_env().spacy_model
    try:
        return load_nlp(model)
    except ModelNotInstalled:
        pytest.skip(f"spaCy model {model} not installed")


@pytest.fixture(scope="session")
def coder(nlp):
    """The real coder on packaged data (loaded once per run)."""
    import flashpoint

    return flashpoint.load()


@pytest.fixture
def undecodable_file():
    """Writes `data` to a file named `stem + b"\\xff" + suffix` in a folder and returns the name
    Python gives it (with the lone surrogate "\\udcff"); skips where the file system refuses it."""
    import os

    def write(folder: Path, data: bytes, stem: bytes = b"bad", suffix: bytes = b"name.txt") -> Path:
        raw = os.path.join(os.fsencode(folder), stem + b"\xff" + suffix)
        try:
            with open(raw, "wb") as handle:
                handle.write(data)
        except OSError:
            pytest.skip("this file system refuses non-UTF-8 file names")
        return Path(os.fsdecode(raw))

    return write
