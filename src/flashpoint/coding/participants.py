"""Participants: a candidate's source and target heads -> actors.

Each side comes as alternatives in order of preference (subject, then agent; object, then
prepositional objects ...). The first alternative naming a known actor wins; a phrase that
is not itself an actor is searched inside ("a group OF MOROCCAN DIPLOMATS", "the shootings
IN SOUTH CAROLINA"), as coders of the PETRARCH family do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from flashpoint.actors.article import HOME_SECTORS, ArticleActors
from flashpoint.coding.clauses import Clause, in_place_phrase, place_phrases
from flashpoint.model import Actor

__all__ = ["COERCION_ROOT", "INSURGENT_SECTORS", "PROTEST_ROOT", "Surroundings", "coercion_authorities", "domestic_opponents", "pick", "protest_authorities"]

# Protests are aimed at the authorities of the place when no target is named
# ("Thousands of Iraqi Kurds demonstrated in Kirkuk" -> Iraq).
PROTEST_ROOT = "14"
# Arrests, detentions, deportations, seizures: done by a state's authorities.
COERCION_ROOT = "17"
_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my"})


def pick(
    actors: ArticleActors,
    groups: tuple[tuple[Token, ...], ...],
    speaker: Actor | None,
    role: str,
    sources: list[Actor] | None = None,
    around: Surroundings | None = None,
    place_slots: tuple[str, ...] = (),
) -> list[Actor]:
    """The first alternative that names a known actor, else the first with an unknown named one.
    A bare role ("the police") is completed with a country within `around` (see Surroundings).
    `place_slots`: the prepositions the entry's frame declares ("prep:in" of a curfew)."""
    fallback: list[Actor] = []
    around = around or Surroundings()
    for group in groups:
        found_group: list[Actor] = []
        for head in group:
            if role == "target" and _is_theme(head, sources or []):
                continue
            found = actors.resolve(head, speaker)
            if not any(a.code is not None for a in found):
                found = actors.inside(head, speaker, role) or found
            if role == "target" and not any(a.code is not None for a in found):
                found = actors.earlier_owner(head, speaker) or found  # "Norway criticized THE REPORT"
            if role == "target" and in_place_phrase(head) and head.head.lower_ in place_slots:
                # a place slot the frame declares names the place, not its seat of government: a
                # curfew "in ALGIERS" is on Algeria's people, not on Algeria's government
                found = [_as_place(a) for a in found]
            if not any(a.country or a.sector in HOME_SECTORS for a in found):
                # "Syrian rebels ... THE REBELS"; not "the president", "the police", which a story
                # names without a country for its own state (ArticleActors.complete)
                found = actors.same_as(head, speaker) or found
            found_group.extend(actors.complete(a, head, role, speaker, around.foreign, around.scope) for a in found)
        if role == "target" and sources:
            # A target phrase that names only the source itself ("ITS labour market") does
            # not stop the search: the next alternative may name whom the act is aimed at.
            codes = {a.code for a in sources if a.code}
            found_group = [a for a in found_group if a.code is None or a.code not in codes]
        if any(a.code is not None for a in found_group):
            return [a for a in found_group if a.code is not None]
        if found_group and not fallback:
            fallback = found_group
    return fallback


def protest_authorities(sources: list[Actor], place_countries: list[str]) -> list[Actor]:
    """A protest with no named target is aimed at the authorities of the place it is held
    ("US activists staged a protest in Beijing" -> China's government), else of the
    protesters' country ("Thousands of Iraqi Kurds demonstrated" -> Iraq's government)."""
    country = next(iter(place_countries), None) or next((a.country for a in sources if a.country), None)
    if country is None:
        return []
    return [Actor(text=sources[0].text, code=f"{country}GOV", country=country, sector="GOV", matched_by="protest:authorities")]


@dataclass(frozen=True, slots=True)
class Surroundings:
    """Where a bare role of one side of an event may find its country.

    `foreign`: token positions of the other side's phrases, never used: "Kurdish fighters
    received weapons from GERMANY" are not German fighters, "officials accused RUSSIA" are not
    Russian. A place named in them stays a place ("fired on protesters IN CONAKRY, GUINEA": the
    security forces are Guinean). `scope`: the event's own clause, the only stretch a source
    looks at after itself: "officials who met in 2019 accused RUSSIA" did not meet as Russians.
    """

    foreign: frozenset[int] = frozenset()
    scope: range | None = None

    @classmethod
    def of(cls, clause: Clause, others: tuple[tuple[Token, ...], ...]) -> Surroundings:
        places = frozenset(i for head in place_phrases(clause) for i in range(head.left_edge.i, head.right_edge.i + 1))
        # each head with the words before it ("the NORTH KOREAN army"), not the phrase after it
        phrases = frozenset(i for group in others for head in group for i in range(head.left_edge.i, head.i + 1))
        anchor = clause.anchor
        return cls(phrases - places, range(anchor.left_edge.i, anchor.right_edge.i + 1))


# Non-state armed and opposition sides, and the state sides that fight or repress them.
INSURGENT_SECTORS = frozenset({"REB", "INS", "SEP", "OPP"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})
# Coercion and force: the roots where a state side acts on its own insurgents or opposition.
_FORCE_ROOTS = frozenset({"17", "18", "19", "20"})


def domestic_opponents(targets: list[Actor], sources: list[Actor], code: str) -> list[Actor]:
    """Unnamed rebels or protesters that a state's forces fight or repress are that state's own:
    "President Sall's army dealt THE REBELS setbacks" -> SEN rebels, "police fired on
    PROTESTERS" in a Kenyan story -> KEN opposition. The one case where a bare side takes its
    country from the other side (CAMEO codes domestic insurgents with their state); a rebel
    side that the text places ("rebels IN MALI") keeps its country; one only guessed from the
    words around it (ArticleActors.complete, "sector+context") takes the state's."""
    if code[:2] not in _FORCE_ROOTS:
        return targets
    state = next((a.country for a in sources if a.country and (a.sector in _STATE_SECTORS or a.code == a.country)), None)
    if state is None:
        return targets
    return [
        replace(a, country=state, code=f"{state}{a.sector}", matched_by="sector+opponent")
        if a.sector in INSURGENT_SECTORS and (a.code == a.sector or a.matched_by == "sector+context")
        else a
        for a in targets
    ]


def coercion_authorities(place_countries: list[str], story_country: str | None) -> list[Actor]:
    """The implicit agent of an act of state coercion told from its target's side with no "by"
    ("More than 40 people were ARRESTED in Nairobi", "the editor FACES CHARGES"): the authorities of the place
    it happened, else of the story (`story_country`: whose authorities last acted so in the article,
    else its dominant country); never the targets' own country ("Americans were detained" in a
    story about Iran)."""
    country = next(iter(place_countries), None) or story_country
    if country is None:
        return []
    # implied, not written: no span; matched_by says so
    return [Actor(text="authorities", code=f"{country}GOV", country=country, sector="GOV", matched_by="coercion:authorities")]


_SEAT_KINDS = frozenset({"capital", "seat"})


def _as_place(actor: Actor) -> Actor:
    """A capital or seat read as the place, not the government it stands for."""
    if actor.matched_by not in _SEAT_KINDS or actor.country is None:
        return actor
    return replace(actor, code=actor.country, sector=None, matched_by="place")


def _is_theme(head: Token, sources: list[Actor]) -> bool:
    """A source's own belongings are what it acts with, not whom it acts on:
    "Syria offered ITS troops to Lebanon", "the two sides upgraded THEIR ties";
    and "their"/"each other" after coordinated sources is the sources themselves."""
    if head.dep_ == "dobj" and _has_own_possessive(head):
        return True
    return len(sources) > 1 and head.lower_ in ("their", "them", "other", "themselves")


def _has_own_possessive(head: Token) -> bool:
    """ "Israel strengthened ITS forces in Lebanon": the forces are the source's own."""
    return any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in head.children)
