"""Convert a version-1 trigger lexicon (lexicon/triggers.jsonl) to format version 2.

Version 1 said nothing about an entry's complements: its `comp` words were looked for anywhere
under the trigger, that-clauses included, so "Investigators concluded THAT Russia had broken the
TREATY" fired conclude + treaty (057). Version 2 gives every entry a frame (docs/lexicon.md):

  takes   the complement types it accepts. Every entry takes an object phrase, a to-infinitive
          or nothing, as version 1 did. A finite that-clause belongs to verbs of saying, appeal,
          intent, criticism, rejection, demand and threat (roots 01, 02, 03, 10, 11, 12, 13) and
          not to verbs of belief or inference ("agreed THAT the crisis was serious" is a belief,
          reporting.tsv kinds cognition/factive): those take no that-clause whatever their root.
  roles   the version-1 keys target / no_target / theme_source / swap as one slot -> role map;
          an entry that had none of them keeps the default (docs/lexicon.md) and writes none.
  embeds  "hypothetical" for the roots whose verbs make what they govern not yet a fact (appeal,
          intent, demand, rejection, threat: 02 03 10 12 13), as version 1 decided by lemma.

    python scripts/migrate_lexicon.py OLD.jsonl REPORTING.tsv > NEW.jsonl

Comment lines are kept; the `{"lexicon_format": 2}` header goes before the first entry.
"""

from __future__ import annotations

import csv
import json
import sys

PROPOSITION_ROOTS = {"01", "02", "03", "10", "11", "12", "13"}
EMBEDDING_ROOTS = {"02", "03", "10", "12", "13"}
BELIEF_KINDS = {"cognition", "factive"}
# Verbs whose that-clause is agreement with a view, not a commitment ("agreed that the crisis
# was serious"), in addition to reporting.tsv's belief verbs.
CONCUR = {"agree", "accept", "concur", "recognise", "recognize", "acknowledge", "concede"}


def belief_lemmas(reporting_tsv: str) -> set[str]:
    with open(reporting_tsv, encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        header = next(rows)
        lemma, kind = header.index("lemma") if "lemma" in header else 0, header.index("kind")
        return {row[lemma] for row in rows if len(row) > kind and row[kind] in BELIEF_KINDS} | CONCUR


def frame(entry: dict, beliefs: set[str]) -> dict:
    root = entry["cameo"][:2]
    takes = ["np", "to"]
    if root in PROPOSITION_ROOTS and entry["lemma"] not in beliefs:
        takes.append("that")
    takes.append("none")
    out: dict = {"takes": takes}
    roles = _roles(entry)
    if roles is not None:
        out["roles"] = roles
    if root in EMBEDDING_ROOTS:
        out["embeds"] = "hypothetical"
    return out


def _roles(entry: dict) -> dict | None:
    target = entry.pop("target", None) or []
    if isinstance(target, str):
        target = [target]
    theme = entry.pop("theme_source", False)
    swap = entry.pop("swap", False)
    none = entry.pop("no_target", False)
    if not (target or theme or swap or none):
        return None
    roles: dict[str, str] = {"subject": "target" if swap else "source"}
    if theme:
        roles["theme"] = "source"
    if none:
        return roles
    other = "source" if swap else "target"
    slots = [("object" if s == "dobj" else s) for s in target] or ["object", "dative", "directed"]
    for slot in slots:
        roles.setdefault(slot, other)
    return roles


def main(argv: list[str]) -> int:
    old, reporting = argv[1], argv[2]
    beliefs = belief_lemmas(reporting)
    header_written = False
    with open(old, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            stripped = line.strip()
            if not stripped or stripped.startswith("//"):
                print(line)
                continue
            entry = json.loads(stripped)
            if "lexicon_format" in entry:
                raise SystemExit(f"{old}: already format {entry['lexicon_format']}")
            if not header_written:
                print(json.dumps({"lexicon_format": 2}))
                header_written = True
            note = entry.pop("note", None)
            entry["frame"] = frame(entry, beliefs)
            if note is not None:
                entry["note"] = note
            print(json.dumps(entry, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
