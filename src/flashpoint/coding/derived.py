"""Derived events: what a stated intention, refusal, reported obligation or reported
wrongdoing amounts to.

"Athens is ready to resume talks" reports no talks, but CAMEO codes the statement itself
(036, express intent to meet). The codes come from lexicon/intent.tsv by the root of the
embedded event (lexicon/allegation.tsv by the code of a reported wrongdoing); the derived
event is asserted and dated on the article's day.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Span, Token

from flashpoint.coding.clauses import Link, Role, SentenceClauses
from flashpoint.coding.extract import Candidate
from flashpoint.coding.modality import obligation, stated_intention
from flashpoint.model import Action, DatePrecision, Event, Mode, Plover
from flashpoint.resources import Resources
from flashpoint.resources.cues import Cues
from flashpoint.resources.ontology import CameoCode

__all__ = ["GENERIC_DEMAND", "allegation", "code_fields", "demand_event", "intention_event", "reported_obligations"]


def code_fields(code: CameoCode) -> dict[str, Any]:
    """The Event fields that follow from a CAMEO code (name, weight, quad class, PLOVER)."""
    return {
        "cameo": code.code,
        "cameo_name": code.name,
        "goldstein": code.goldstein,
        "quad_class": code.quad_class,
        "plover": Plover(code.plover_event, code.plover_mode),
    }


def _restate(event: Event, code: CameoCode, action: Action, rule: str, **changes: object) -> Event:
    """`event` recoded as the statement about it: asserted, on the reporting day."""
    return replace(
        event,
        action=action,
        **code_fields(code),
        mode=Mode.ASSERTED,
        rule=rule,
        event_date=event.article_date,
        date_precision=DatePrecision.DAY if event.article_date else None,
        background=False,
        **changes,  # type: ignore[arg-type]
    )


def intention_event(event: Event, cand: Candidate, clauses: SentenceClauses, resources: Resources, text: str) -> Event | None:
    """The intent (03x, or 13x for conflict) or refusal (12x) that `event` amounts to, if its
    mode comes from a stated intention: "Japan announced it would send aid" -> JPN 033."""
    if event.mode not in (Mode.INTENDED, Mode.NEGATED):
        return None
    cues = resources.cues
    stated = stated_intention(cand.clause, clauses, cues)
    if stated is None:
        return None
    governor, negated = stated
    table, rule = (cues.refuse_codes, "refuse") if negated else (cues.intent_codes, "intent")
    if (event.mode is Mode.NEGATED) != negated or event.root not in table:
        return None
    source = event.source
    speaker = event.speaker
    # Announced with will/would under a reporting verb, the intention is the speaker's:
    # "Putin confirmed that units would be pulled back" (unless a third party reports it).
    if speaker is not None and governor.dep_ == "aux" and (source is None or source.country == speaker.country):
        source = speaker
    if source is not None and event.target is not None and source.code == event.target.code:
        return None  # "the president said the US would support ...": not an act on itself
    last = cand.trigger
    start, end = governor.idx, max(last.idx + len(last.text), governor.idx + len(governor.text))
    code = resources.ontology.get(table[event.root])
    return _restate(event, code, Action(text[start:end], (start, end)), f"{rule}:{cand.entry.id}", source=source)


def demand_event(event: Event, cand: Candidate, clauses: SentenceClauses, resources: Resources) -> Event | None:
    """ "Russia said Sudan must return the helicopter": the speaker demands it of the subject."""
    speaker, source = event.speaker, event.source
    table = resources.cues.demand_codes
    if speaker is None or source is None or event.root not in table or speaker.code == source.code:
        return None
    verb: Token | None = obligation(cand.clause, clauses, resources.cues)
    if verb is None:
        return None
    code = resources.ontology.get(table[event.root])
    action = Action(verb.text, (verb.idx, verb.idx + len(verb.text)))
    return _restate(event, code, action, f"demand:{cand.entry.id}", source=speaker, target=source)


def allegation(event: Event, cue: str, resources: Resources) -> tuple[Event, Event] | None:
    """ "Mr Lee has broken his pledges, the senator said": the senator accuses Lee (the speech
    act is the event) and the breaking becomes the senator's claim, hypothetical with `cue` (the
    reporting word) as its evidence. Only for wrongdoing codes (lexicon/allegation.tsv) told as
    fact by a known speaker about someone else; returns (the claim, the accusation)."""
    report_code = resources.cues.allegation_codes.get(event.cameo)
    speaker, doer = event.speaker, event.source
    if report_code is None or event.mode is not Mode.ASSERTED or event.background:
        return None
    if speaker is None or speaker.code is None or doer is None or doer.code is None or speaker.code == doer.code:
        return None
    claim = replace(event, mode=Mode.HYPOTHETICAL, mode_cue=cue)
    code = resources.ontology.get(report_code)
    return claim, _restate(event, code, event.action, f"allege:{event.rule}", source=speaker, target=doer)


# "X said Y must ..." with no event verb in the clause ("must ensure security") is still
# a demand; CAMEO's general code is used.
GENERIC_DEMAND = "100"


def reported_obligations(
    sent: Span, clauses: SentenceClauses, cues: Cues, coded: set[int]
) -> list[tuple[Token, Token, Token]]:
    """(reporting verb, obligation clause verb, its subject) for each "X said Y must ..." in
    `sent` whose clause verb is not an event trigger already (`coded` holds their indices)."""
    out: list[tuple[Token, Token, Token]] = []
    for tok in sent:
        if tok.i in coded or tok.pos_ not in ("VERB", "AUX"):
            continue
        clause = clauses.of(tok)
        governor = clauses.governing(clause) if clause.link is Link.CCOMP else None
        if governor is None or governor.lemma not in cues.reporting:
            continue
        if not any(cues.get("obligation", t.lower_) for t in clause.auxiliaries):
            continue
        subject = clause.first(Role.SUBJECT)
        if subject is not None:
            out.append((governor.predicate, tok, subject))
    return out
