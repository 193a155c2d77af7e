"""Gazetteer: the actor tables (countries, regions, organisations, institutions, agent nouns, people
with dated roles, places) read from resources/data/actors/, validated, and indexed by folded alias.

Every surface form goes through `fold` ("the U.S." -> "us", "Erdoğan's" -> "erdogan",
"al-Qaeda" -> "al qaeda"), so data and text meet in one form. All indexes are plain dicts
built once by `load_gazetteer`; a lookup is one dict access plus ordering a handful of
entries by date. A user actor file (people or organisations, `--actors`) is laid over the
packaged tables by `load_gazetteer`, its rows winning; `check_actors_file` validates one alone.

Modules, lowest first: `_text` (folding, tokenising), `entries` (the values and the read-only
Gazetteer index), `_build` (the builder and the packaged-table readers), `_people` (person terms:
validation, user terms over built-ins, indexing), `load` (`load_gazetteer`, `check_actors_file`).
"""

from __future__ import annotations

from flashpoint.resources.gazetteer._build import KNOWN_SECTORS
from flashpoint.resources.gazetteer._people import PEOPLE_COLUMNS
from flashpoint.resources.gazetteer._text import fold, singulars, split_tokens
from flashpoint.resources.gazetteer.entries import ActorEntry, Gazetteer, SectorWord, Term
from flashpoint.resources.gazetteer.load import check_actors_file, load_gazetteer

__all__ = [
    "KNOWN_SECTORS",
    "PEOPLE_COLUMNS",
    "ActorEntry",
    "Gazetteer",
    "SectorWord",
    "Term",
    "check_actors_file",
    "fold",
    "load_gazetteer",
    "singulars",
    "split_tokens",
]
