"""Use cases over the layers below: build a Coder from Settings, code inputs end to end."""

from __future__ import annotations

import functools

from flashpoint.coding.coder import Coder
from flashpoint.config import Settings
from flashpoint.nlp.pipeline import load_nlp
from flashpoint.resources import load_resources

__all__ = ["get_coder", "load"]


@functools.cache
def get_coder(settings: Settings) -> Coder:
    """One Coder per process and configuration (the spaCy pipeline is loaded once)."""
    resources = load_resources(settings.data_dir, settings.actors_file)
    return Coder(load_nlp(settings.spacy_model), resources, settings)


def load(settings: Settings | None = None) -> Coder:
    """The coder for `settings` (default: FLASHPOINT_* environment variables), like spacy.load.

    Raises:
        ModelNotInstalled: the configured spaCy pipeline is not installed.
        DataError: a packaged or override data file is malformed.
    """
    return get_coder(settings if settings is not None else Settings.from_env())
