"""load_nlp: the only call to spacy.load in flashpoint, cached per process."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from flashpoint.errors import ModelNotInstalled

__all__ = ["load_nlp"]

log = logging.getLogger(__name__)


@functools.cache
def load_nlp(model: str) -> Language:
    """Load the installed spaCy pipeline `model` once per process.

    Loads from an installed package only (no hub downloads). The tagger, parser,
    lemmatizer and NER are all used by the coder, so nothing is disabled here.

    Raises:
        ModelNotInstalled: the package providing `model` is not installed.
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(model) from exc
    log.info("loaded spaCy pipeline %s (%s)", model, ", ".join(nlp.pipe_names))
    return nlp
