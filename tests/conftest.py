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
