"""Packaged data and its loaders: ontology, lexicon, modality cues, actor gazetteer, boilerplate rules.

`load_resources(data_dir, actors_file)` reads and validates every table once per process and
returns immutable objects; callers receive them as arguments (no module globals).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import LexiconError
from flashpoint.resources._tables import data_path
from flashpoint.resources.boilerplate import Boilerplate, load_boilerplate
from flashpoint.resources.cues import Cues, load_cues
from flashpoint.resources.gazetteer import Gazetteer, load_gazetteer
from flashpoint.resources.lexicon import Lexicon, load_lexicon
from flashpoint.resources.ontology import Ontology, load_ontology

__all__ = ["Resources", "load_resources"]


@dataclass(frozen=True, slots=True)
class Resources:
    ontology: Ontology
    lexicon: Lexicon
    cues: Cues
    gazetteer: Gazetteer
    boilerplate: Boilerplate


@functools.cache
def load_resources(data_dir: Path | None = None, actors_file: Path | None = None) -> Resources:
    """Every data table, validated across files (lexicon codes must exist in the ontology).

    `actors_file` is a user actor table laid over the packaged ones (see `load_gazetteer`);
    it is part of the cache key, so each (data_dir, actors_file) pair is loaded once.

    Raises:
        DataError: a file is missing or malformed (the message names path:line).
    """
    ontology = load_ontology(data_dir)
    lexicon = load_lexicon(data_path("lexicon/triggers.jsonl", data_dir), known_codes=ontology.codes())
    cues = load_cues(
        data_path("lexicon/modality.tsv", data_dir),
        data_path("lexicon/reporting.tsv", data_dir),
        data_path("lexicon/intent.tsv", data_dir),
        data_path("lexicon/mutual.tsv", data_dir),
        data_path("lexicon/allegation.tsv", data_dir),
    )
    for root, code in [*cues.intent_codes.items(), *cues.refuse_codes.items(), *cues.demand_codes.items()]:
        if code not in ontology:
            raise LexiconError(f"code {code!r} for root {root} is not in the ontology", "lexicon/intent.tsv")
    for code in cues.mutual_codes - ontology.codes():
        raise LexiconError(f"code {code!r} is not in the ontology", "lexicon/mutual.tsv")
    for code in {*cues.allegation_codes, *cues.allegation_codes.values()} - ontology.codes():
        raise LexiconError(f"code {code!r} is not in the ontology", "lexicon/allegation.tsv")
    gazetteer = load_gazetteer(data_dir, actors_file)
    boilerplate = load_boilerplate(data_path("text/boilerplate.tsv", data_dir))
    return Resources(ontology=ontology, lexicon=lexicon, cues=cues, gazetteer=gazetteer, boilerplate=boilerplate)
