"""Settings from the environment: FLASHPOINT_MAX_TEXT_CHARS (issue 13), and every setting documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.config import MAX_TEXT_CHARS, SETTINGS, Settings
from flashpoint.errors import ConfigError

README = Path(__file__).resolve().parents[1] / "README.md"


def test_settings_max_text_chars_default_is_spacy_max_length() -> None:
    assert Settings.from_env({}).max_text_chars == MAX_TEXT_CHARS == 1_000_000


def test_settings_max_text_chars_from_environment() -> None:
    assert Settings.from_env({"FLASHPOINT_MAX_TEXT_CHARS": "50000"}).max_text_chars == 50_000


@pytest.mark.parametrize(("raw", "message"), [("lots", "is not a whole number"), ("0", "must be at least 1")])
def test_settings_max_text_chars_bad_value_names_the_variable(raw: str, message: str) -> None:
    with pytest.raises(ConfigError, match=f"FLASHPOINT_MAX_TEXT_CHARS='{raw}' {message}"):
        Settings.from_env({"FLASHPOINT_MAX_TEXT_CHARS": raw})


@pytest.mark.parametrize("variable", [var for var, _help in SETTINGS.values()])
def test_settings_every_variable_is_in_the_readme(variable: str) -> None:
    assert f"`{variable}`" in README.read_text(encoding="utf-8")


@pytest.mark.model
def test_get_coder_refuses_a_cap_above_the_pipeline_max_length(nlp) -> None:
    from flashpoint.runner import get_coder

    with pytest.raises(ConfigError, match=f"is above the spaCy pipeline's max_length \\({nlp.max_length}\\)"):
        get_coder(Settings(max_text_chars=nlp.max_length + 1))
