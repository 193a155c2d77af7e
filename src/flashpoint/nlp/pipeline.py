"""load_nlp: the only call to spacy.load in flashpoint, cached per process."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping

import spacy
from spacy.language import Language

from flashpoint.errors import ModelNotInstalled
from flashpoint.nlp.components import LINE_BREAKS

__all__ = ["irregular_forms", "load_nlp"]

log = logging.getLogger(__name__)


@functools.cache
def load_nlp(model: str) -> Language:
    """Load the installed spaCy pipeline `model` once per process.

    Loads from an installed package only (no hub downloads). The tagger, parser,
    lemmatizer and NER are all used by the coder, so nothing is disabled here. Our
    line-break component (components.py) goes before the parser.

    Raises:
        ModelNotInstalled: the package providing `model` is not installed.
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalled(model) from exc
    nlp.add_pipe(LINE_BREAKS, before="parser" if "parser" in nlp.pipe_names else None)
    log.info("loaded spaCy pipeline %s (%s)", model, ", ".join(nlp.pipe_names))
    return nlp


def irregular_forms(nlp: Language) -> Mapping[str, tuple[str, ...]]:
    """lemma -> the inflected forms the pipeline's lemmatizer maps to it by exception
    ("fought" -> fight), from its `lemma_exc` lookup table; empty when it has none.

    The coder's prefilter needs them: regular forms start with their lemma, these do not.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return {}
    forms: dict[str, set[str]] = {}
    for table in lookups.get_table("lemma_exc").values():  # one table per part of speech
        for form, lemmas in table.items():
            for lemma in lemmas:
                forms.setdefault(lemma.lower(), set()).add(form.lower())
    return {lemma: tuple(sorted(found)) for lemma, found in forms.items()}
