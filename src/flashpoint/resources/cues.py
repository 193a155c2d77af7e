"""Modality cues and reporting verbs, read from lexicon/modality.tsv and lexicon/reporting.tsv, and the
codes of derived events (lexicon/intent.tsv, mutual.tsv, allegation.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import LexiconError
from flashpoint.model import Mode
from flashpoint.resources._tables import read_tsv

__all__ = ["Cues", "load_cues"]

_ATTRIBUTION_KINDS = ("speech", "claim", "cognition", "factive")
_WHERE = frozenset({"neg", "det", "prep", "aux", "mark", "governor", "governor_neg", "adverb", "obligation"})


@dataclass(frozen=True, slots=True)
class Cues:
    """cue word -> Mode, one table per syntactic position; reporting verbs."""

    by_where: dict[str, dict[str, Mode]]
    reporting: frozenset[str]  # speech and claim verbs: their subject is the speaker
    reporting_future: frozenset[str]
    claims: frozenset[str]  # what they govern is claimed, not asserted
    cognition: frozenset[str]  # belief and inference: no speaker, content not asserted
    factive: frozenset[str]  # presuppose their content: no speaker, content asserted
    intent_codes: dict[str, str]  # embedded event root -> code of the stated intention (lexicon/intent.tsv)
    refuse_codes: dict[str, str]  # embedded event root -> code of the stated refusal
    demand_codes: dict[str, str]  # embedded event root -> code of the demand ("X said Y must ...")
    mutual_codes: frozenset[str]  # "A met B" is also "B met A" (lexicon/mutual.tsv)
    allegation_codes: dict[str, str]  # reported wrongdoing code -> code of the speaker's accusation (lexicon/allegation.tsv)

    def get(self, where: str, word: str) -> Mode | None:
        return self.by_where.get(where, {}).get(word)


def load_cues(modality_path: Path, reporting_path: Path, intent_path: Path, mutual_path: Path, allegation_path: Path) -> Cues:
    by_where: dict[str, dict[str, Mode]] = {w: {} for w in _WHERE}
    for line, row in read_tsv(modality_path, required=("cue", "kind", "where")):
        if row["where"] not in _WHERE:
            raise LexiconError(f"unknown where {row['where']!r}", modality_path, line)
        try:
            mode = Mode(row["kind"])
        except ValueError:
            raise LexiconError(f"unknown kind {row['kind']!r}", modality_path, line) from None
        by_where[row["where"]][row["cue"].lower()] = mode
    kinds: dict[str, set[str]] = {k: set() for k in _ATTRIBUTION_KINDS}
    future: set[str] = set()
    for line, row in read_tsv(reporting_path, required=("lemma", "kind")):
        if row["kind"] not in kinds:
            raise LexiconError(f"unknown kind {row['kind']!r} (one of {', '.join(_ATTRIBUTION_KINDS)})", reporting_path, line)
        kinds[row["kind"]].add(row["lemma"].lower())
        if row.get("confirm_future", "") == "yes":
            future.add(row["lemma"].lower())
    reporting = kinds["speech"] | kinds["claim"]
    intent: dict[str, str] = {}
    refuse: dict[str, str] = {}
    demand: dict[str, str] = {}
    for line, row in read_tsv(intent_path, required=("root", "intent_code", "refuse_code", "demand_code")):
        if not (row["root"].isdigit() and len(row["root"]) == 2):
            raise LexiconError(f"root {row['root']!r} must be 2 digits", intent_path, line)
        if row["intent_code"]:
            intent[row["root"]] = row["intent_code"]
        if row["refuse_code"]:
            refuse[row["root"]] = row["refuse_code"]
        if row["demand_code"]:
            demand[row["root"]] = row["demand_code"]
    mutual: set[str] = set()
    for line, row in read_tsv(mutual_path, required=("code",)):
        if not (row["code"].isdigit() and len(row["code"]) in (3, 4)):
            raise LexiconError(f"code {row['code']!r} must be 3 or 4 digits", mutual_path, line)
        mutual.add(row["code"])
    allegation: dict[str, str] = {}
    for line, row in read_tsv(allegation_path, required=("code", "report_code")):
        for column in ("code", "report_code"):
            if not (row[column].isdigit() and len(row[column]) in (3, 4)):
                raise LexiconError(f"{column} {row[column]!r} must be 3 or 4 digits", allegation_path, line)
        allegation[row["code"]] = row["report_code"]
    return Cues(
        by_where, frozenset(reporting), frozenset(future), frozenset(kinds["claim"]), frozenset(kinds["cognition"]),
        frozenset(kinds["factive"]), intent, refuse, demand, frozenset(mutual), allegation,
    )
