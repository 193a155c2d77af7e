"""Clauses: the one reading of a sentence's dependency parse that every coding decision uses.

A `Clause` is a predicate (a verb, or an event noun with its light verb: "held TALKS",
"NATO's ACCUSATION that ...") with:
  - its arguments, each with a grammatical role (subject, object, indirect object, passive
    agent, oblique by preposition, locative, temporal, that-complement, to-complement,
    possessor and modifier for nouns);
  - its voice (passive or not);
  - its link to the clause that governs it (root, ccomp, xcomp, relcl, advcl, conj, acl,
    noun argument, parataxis) and that governor's predicate;
  - its own cues (negation, auxiliaries and modals, subordinators, adverbs) and its own time
    expressions (DATE entities attached to it, with their preposition).

Only this module reads dependency labels for clause structure (`DEP` constants below); role
assignment (roles.py), modality (modality.py), time (time_expressions.py) and attribution
(attribution.py) read Clauses. The structure follows the "propositions first, patterns on
propositions" design of BBN SERIF/ACCENT: the parse is normalised once, the event patterns
(lexicon frames) are matched on the normalised form.

Subjects are resolved through control and coordination here, once: "urged HIM to recognise"
(object control), "Moscow plans to invade" (subject control), "the country, WHICH attacked"
(relative pronoun -> the noun it modifies), "troops FIRING on protesters" (participle), "X
arrived and MET Y" (shared subject).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from spacy.tokens import Span, Token

__all__ = ["Argument", "Clause", "Complements", "Link", "Role", "SentenceClauses", "complements", "for_infinitive", "in_place_phrase", "is_passive", "place_phrases", "prep_arguments"]


class Link(str, Enum):
    """How a clause hangs on its governor. The inheritance tables in modality.py,
    time_expressions.py and attribution.py are keyed by it."""

    ROOT = "root"
    CCOMP = "ccomp"  # "said THAT Russia attacked"
    XCOMP = "xcomp"  # "plans TO INVADE", "urged him TO RECOGNISE"
    RELCL = "relcl"  # "Iran, WHICH ATTACKED Israel"
    ADVCL = "advcl"  # "IF attacked", "..., DRAWING condemnation", "imposed tariffs TO PRESSURE"
    CONJ = "conj"  # "does not want war but ACCUSES"
    ACL = "acl"  # "a plan TO INVADE", "soldiers KILLED in ..."
    NOUN_ARG = "noun_arg"  # "accused Kyiv of SHELLING", an event noun as a verb's argument
    PARATAXIS = "parataxis"
    OTHER = "other"


class Role(str, Enum):
    SUBJECT = "subject"  # nsubj, or nsubjpass of a passive (the patient)
    OBJECT = "object"
    DATIVE = "dative"
    AGENT = "agent"  # passive by-phrase
    OBLIQUE = "oblique"  # a prepositional object; Argument.prep says which
    LOCATIVE = "locative"  # "in Kyiv", "near the border": never a target
    TEMPORAL = "temporal"  # "on Tuesday": never a participant
    THAT_COMP = "that_comp"
    TO_COMP = "to_comp"
    PURPOSE = "purpose"  # "sent arms TO AID Iraq", "imposed tariffs TO PRESSURE China"
    ATTRIBUTE = "attribute"  # attr / oprd / acomp
    POSSESSOR = "possessor"  # "RUSSIA's attack"
    MODIFIER = "modifier"  # "RUSSIAN attack", "NATO airstrikes"


@dataclass(frozen=True, slots=True)
class Argument:
    role: Role
    head: Token
    prep: str | None = None  # the preposition of an oblique ("with", "against")


@dataclass(slots=True)
class Clause:
    predicate: Token  # the verb, or the event noun
    verb: Token | None  # the token carrying tense and cues: the verb, a noun's light verb, or None
    link: Link
    governor: Token | None  # the governing clause's predicate (None at the root)
    passive: bool
    arguments: tuple[Argument, ...]
    negation: tuple[Token, ...]
    auxiliaries: tuple[Token, ...]
    marks: tuple[Token, ...]
    adverbs: tuple[Token, ...]
    determiners: tuple[Token, ...] = ()  # "NO talks were held"
    times: tuple[str, ...] = ()
    question: bool = False
    _subject: Token | None = field(default=None)

    @property
    def anchor(self) -> Token:
        """The token by which the clause hangs in the tree (the light verb for a noun)."""
        return self.verb if self.verb is not None else self.predicate

    @property
    def subject(self) -> Token | None:
        """The clause's subject head, through control, relatives and coordination."""
        return self._subject

    def args(self, *roles: Role) -> list[Argument]:
        return [a for a in self.arguments if a.role in roles]

    def first(self, role: Role) -> Token | None:
        return next((a.head for a in self.arguments if a.role is role), None)

    def oblique(self, prep: str) -> Token | None:
        return next((a.head for a in self.arguments if a.role is Role.OBLIQUE and a.prep == prep), None)

    def declared(self, prep: str) -> Token | None:
        """A prepositional argument a frame names explicitly ("intervene IN"): locatives count, times do not."""
        return next((a.head for a in self.arguments if a.prep == prep and a.role in (Role.OBLIQUE, Role.LOCATIVE, Role.DATIVE)), None)

    @property
    def lemma(self) -> str:
        return self.predicate.lemma_.lower()


# -- dependency labels (the only place they are listed for clause structure) ------------
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
_ATTR_DEPS = frozenset({"attr", "oprd", "acomp"})
_LINKS = {
    "ROOT": Link.ROOT, "ccomp": Link.CCOMP, "xcomp": Link.XCOMP, "relcl": Link.RELCL, "advcl": Link.ADVCL,
    "conj": Link.CONJ, "acl": Link.ACL, "pcomp": Link.NOUN_ARG, "pobj": Link.NOUN_ARG, "dobj": Link.NOUN_ARG,
    "nsubj": Link.NOUN_ARG, "nsubjpass": Link.NOUN_ARG, "attr": Link.NOUN_ARG, "appos": Link.NOUN_ARG,
    "parataxis": Link.PARATAXIS, "csubj": Link.NOUN_ARG,
}
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Prepositions whose object says where or when, not to whom.
_LOCATIVE_PREPS = frozenset({"in", "near", "inside", "outside", "across", "throughout", "around", "along", "within", "beyond", "off"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_TIME_ENTS = frozenset({"DATE", "TIME"})
_TIME_PREPS = frozenset({"in", "on", "since", "during", "by", "until", "from", "before", "after", "through", "till"})
# Verbs whose to-infinitive says what for: "SENT envoys to negotiate" (the talks may not happen).
PURPOSE_VERBS = frozenset({"send", "dispatch", "deploy", "fly", "rush", "bring", "use", "mobilize", "mobilise"})
# Verbs whose object, not subject, controls their to-complement: "urged HIM to recognise".
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "tell", "order", "force", "call", "persuade", "encourage", "press", "pressure", "invite",
     "allow", "help", "compel", "warn", "request", "instruct", "authorize", "authorise", "permit", "accuse",
     # "charged the minister WITH aiding", "blamed Kyiv FOR shelling", "praised Chile FOR hosting"
     "charge", "blame", "condemn", "criticize", "criticise", "denounce", "rebuke", "fault", "punish", "praise",
     "thank", "commend", "congratulate", "sanction"}
)


# A trigger's complements, by type (the lexicon frame's `takes` says which an entry accepts and
# where its `comp` words are looked for). Phrases: objects, obliques, attributes, a noun's
# modifiers and participles ("OPENED FIRE on protesters", "HUNGER strike", "AIR strikes").
_PHRASE_DEPS = frozenset({"dobj", "dative", "prep", "attr", "acomp", "oprd", "pobj", "agent", "npadvmod", "pcomp", "compound", "amod", "acl"})
# Of those, the ones that make a complement of their own (modifiers only describe the trigger).
_PHRASE_ARGUMENT_DEPS = frozenset({"dobj", "dative", "prep", "attr", "acomp", "oprd", "pobj", "agent", "pcomp"})


@dataclass(frozen=True, slots=True)
class Complements:
    """The tokens under a trigger's complements, in text order, by type."""

    phrase: tuple[Token, ...]  # "accused Kyiv OF GENOCIDE", "signed a TREATY"
    to: tuple[Token, ...]  # "threatened TO IMPOSE SANCTIONS"
    that: tuple[Token, ...]  # "warned THAT IT WOULD CUT TIES"
    has_phrase: bool  # an object or oblique is present (not only modifiers)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def for_infinitive(verb: Token) -> bool:
    """ "called FOR Israel TO allow ...": an infinitive with its own subject, introduced by "for"
    (the parser makes it an adverbial clause with "for" as its mark); a complement, not an adjunct."""
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)
        and _infinitive(verb)
    )


def prep_arguments(token: Token) -> frozenset[str]:
    """The prepositions of a predicate's prepositional arguments: not its times ("ON MONDAY,
    the UN chief called the deaths a shock" has no "call on"), and "for" of a for-infinitive
    ("called FOR Israel to allow")."""
    out: set[str] = set()
    for child in token.children:
        if child.dep_ in _PREP_DEPS:
            obj = _pobj(child)
            if obj is not None and _is_time(obj):
                continue
            out.add(child.lower_)
        elif for_infinitive(child):
            out.add("for")
    return frozenset(out)


def _indirect_question(verb: Token) -> bool:
    return any(
        (c.dep_ == "mark" and c.lower_ in ("whether", "if")) or (c.tag_ in ("WDT", "WP", "WRB") and c.i < verb.i)
        for c in verb.children
    )


def complements(token: Token, light_verb: Token | None = None) -> Complements:
    """What `token` takes, by type. For a noun with a light verb, the verb's other complements
    count too ("signalled a WILLINGNESS to begin NEGOTIATIONS"). Subjects, conjoined clauses
    and adverbial clauses are never complements."""
    heads = [token] if light_verb is None else [token, light_verb]
    found: dict[str, dict[int, Token]] = {"phrase": {}, "to": {}, "that": {}}
    has_phrase = False
    if token.dep_ == "acl" and token.tag_ == "VBN":
        # A participle's patient is the noun it modifies: "a report RELEASED on Tuesday".
        has_phrase = True
        for t in token.head.subtree:
            if t.i < token.i and (t.i == token.head.i or t.head.i == token.head.i):
                found["phrase"].setdefault(t.i, t)
    for head in heads:
        for child in head.children:
            if child.i == token.i:
                continue
            dep = child.dep_
            if dep == "xcomp" or (dep == "ccomp" and _infinitive(child)) or for_infinitive(child):
                kind = "to"  # "allowed X TO PARTICIPATE" is parsed as a ccomp with its own subject
            elif dep == "ccomp" and not _indirect_question(child):
                kind = "that"
            elif dep == "ccomp":
                kind = "phrase"  # "investigated WHETHER imports threatened security": what is looked into
                has_phrase = True
            elif dep in _PHRASE_DEPS:
                kind = "phrase"
                has_phrase = has_phrase or dep in _PHRASE_ARGUMENT_DEPS
            else:
                continue
            for t in child.subtree:
                found[kind].setdefault(t.i, t)
    ordered = {k: tuple(v[i] for i in sorted(v)) for k, v in found.items()}
    return Complements(ordered["phrase"], ordered["to"], ordered["that"], has_phrase)


def place_phrases(clause: Clause) -> list[Token]:
    """Heads of the places a clause names: its locatives and the locative phrases inside its
    arguments ("postponed the demonstration IN BAKU"), without entering other clauses."""
    out = [a.head for a in clause.args(Role.LOCATIVE)]
    stack = [a.head for a in clause.arguments if a.role not in (Role.LOCATIVE, Role.TEMPORAL, Role.THAT_COMP, Role.TO_COMP, Role.PURPOSE)]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in ("relcl", "ccomp", "advcl", "parataxis", "xcomp", "csubj"):
                continue
            if child.dep_ == "prep" and _is_place(_pobj(child) or child, child.lower_):
                obj = _pobj(child)
                if obj is not None:
                    out.append(obj)
            stack.append(child)
    return out


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in token.children)


def _pobj(prep: Token) -> Token | None:
    return next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)


def _is_time(head: Token) -> bool:
    return head.ent_type_ in _TIME_ENTS or head.lower_ in ("today", "yesterday", "tonight")


def in_place_phrase(head: Token) -> bool:
    """Whether `head` is the object of a place preposition: "a curfew IN ALGIERS"."""
    return head.dep_ == "pobj" and _is_place(head, head.head.lower_)


def _is_place(head: Token, prep: str) -> bool:
    """ "in Kyiv", "near the border", "at the embassy"; "fired AT protesters" is directed."""
    if prep in _LOCATIVE_PREPS:
        return True
    return prep == "at" and head.ent_type_ in _PLACE_ENTS


def _obliques(holder: Token) -> list[Argument]:
    out: list[Argument] = []
    for child in holder.children:
        if child.dep_ not in _PREP_DEPS:
            continue
        prep = child.lower_
        obj = _pobj(child)
        if child.dep_ == "dative" and obj is None and child.pos_ != "ADP":
            out.append(Argument(Role.DATIVE, child))  # "gave Iraq helicopters"
            continue
        if obj is None:
            continue
        if child.dep_ == "agent":
            out.append(Argument(Role.AGENT, obj, "by"))
        elif _is_time(obj) and prep in _TIME_PREPS:
            out.append(Argument(Role.TEMPORAL, obj, prep))  # "met WITH Assad Tuesday" is not a time
        elif _is_place(obj, prep):
            out.append(Argument(Role.LOCATIVE, obj, prep))
        elif child.dep_ == "dative":
            out.append(Argument(Role.DATIVE, obj, prep))
        else:
            out.append(Argument(Role.OBLIQUE, obj, prep))
    return out


def _verb_arguments(verb: Token) -> list[Argument]:
    out: list[Argument] = []
    for child in verb.children:
        dep = child.dep_
        if dep in SUBJECT_DEPS or dep in PASSIVE_SUBJECT_DEPS:
            out.append(Argument(Role.SUBJECT, child))
        elif dep == "dobj" and verb.dep_ == "relcl" and (child.tag_ == "WDT" or child.lower_ in _RELATIVE_PRONOUNS):
            out.append(Argument(Role.OBJECT, verb.head))  # "a truce, WHICH Colombia disputed": the truce
        elif dep == "dobj":
            out.append(Argument(Role.OBJECT, child))
        elif dep == "ccomp":
            out.append(Argument(Role.THAT_COMP, child))
        elif dep == "xcomp" or for_infinitive(child):
            out.append(Argument(Role.TO_COMP, child))
        elif dep == "advcl" and _infinitive(child) and not any(c.dep_ == "mark" for c in child.children):
            out.append(Argument(Role.PURPOSE, child))
        elif dep in _ATTR_DEPS:
            out.append(Argument(Role.ATTRIBUTE, child))
        elif dep == "npadvmod" and _is_time(child):
            out.append(Argument(Role.TEMPORAL, child))
        elif dep == "prt" and child.lower_ == "up" and not any(c.dep_ == "dobj" for c in verb.children):
            counted = _up_to_count(child)
            if counted is not None:
                out.append(Argument(Role.OBJECT, counted))
    out.extend(_obliques(verb))
    return out


def _up_to_count(up: Token) -> Token | None:
    """The object of "kidnapped UP TO 16 advisers", which the parser reads as a particle "up"
    with a prepositional phrase "to 16 advisers"."""
    to = next((c for c in up.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if obj is not None and any(c.dep_ == "nummod" for c in obj.children):
        return obj
    return None


def _noun_arguments(noun: Token) -> list[Argument]:
    out: list[Argument] = []
    for child in noun.children:
        if child.dep_ == "poss":
            out.append(Argument(Role.POSSESSOR, child))
        elif child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i:
            out.append(Argument(Role.MODIFIER, child))
        elif child.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            out.append(Argument(Role.THAT_COMP, child))
        elif child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            out.append(Argument(Role.TO_COMP, child))
    out.extend(_obliques(noun))
    return out


def _cues(holder: Token, into: dict[str, list[Token]]) -> None:
    for child in holder.children:
        dep = child.dep_
        if dep == "neg":
            into["neg"].append(child)
        elif dep in ("aux", "auxpass"):
            into["aux"].append(child)
        elif dep == "mark":
            into["mark"].append(child)
        elif dep == "advmod":
            into["adv"].append(child)
        elif dep == "det":
            into["det"].append(child)


def _with_absolute_subject(verb: Token) -> Token | None:
    """The subject of a "with X V-ing" clause the parser split: X, the object of "with" or
    "without" just before the participle (adverbs between allowed)."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ == "advmod":
        i -= 1
    if i < verb.sent.start:
        return None
    noun = verb.doc[i]
    if noun.dep_ == "pobj" and noun.head.lower_ in ("with", "without") and noun.pos_ in ("NOUN", "PROPN"):
        return noun
    return None


def _governor(anchor: Token) -> tuple[Link, Token | None]:
    """The link and the governing predicate of a clause anchored at `anchor`."""
    if anchor.dep_ == "ROOT" or anchor.head.i == anchor.i:
        return Link.ROOT, None
    link = _LINKS.get(anchor.dep_, Link.OTHER)
    head = anchor.head
    if anchor.dep_ in ("pcomp", "pobj") and head.dep_ in _PREP_DEPS and head.head.i != head.i:
        head = head.head  # "accused Kyiv OF shelling": the governor is "accused"
        if head.dep_ in ("acomp", "attr") and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "was responsible FOR shelling": the copula's clause
    if link is Link.OTHER and anchor.dep_ == "advmod":
        link = Link.ADVCL
    if link is Link.ADVCL and for_infinitive(anchor):
        link = Link.XCOMP  # "called for Israel TO ALLOW": governed like "urged Israel to allow"
    if link is Link.XCOMP and (head.lemma_.lower() in PURPOSE_VERBS or (head.dep_ == "acl" and head.tag_ == "VBN")):
        # a purpose, not a complement: "SENT envoys TO NEGOTIATE", "a delegation LED by X TO NEGOTIATE"
        link = Link.ADVCL
    if (
        anchor.dep_ == "acl"
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in anchor.children)
        and head.dep_ == "pobj"
        and head.head.dep_ == "prep"
        and head.head.head.pos_ in ("VERB", "AUX")
    ):
        # A that-clause the parser hung on a noun inside a verb's phrase is the verb's:
        # "said IN A STATEMENT that ...", "urged DURING HIS VISIT that ..."
        return Link.CCOMP, head.head.head
    return link, head


class SentenceClauses:
    """The clauses of one sentence, built on demand per predicate and cached.

    `dates` maps the index of the token each DATE expression modifies to its texts
    (time_expressions.date_expressions, computed once per Doc).
    """

    def __init__(self, sent: Span, dates: dict[int, list[str]] | None = None) -> None:
        self.sent = sent
        self.dates = dates or {}
        self._cache: dict[tuple[int, int], Clause] = {}
        self.question = sent.text.rstrip().rstrip("\"'”’)").endswith("?")

    def of(self, predicate: Token, light_verb: Token | None = None) -> Clause:
        """The clause of a verb, or of an event noun (with its light verb, if any)."""
        key = (predicate.i, light_verb.i if light_verb is not None else -1)
        found = self._cache.get(key)
        if found is None:
            found = self._build(predicate, light_verb)
            self._cache[key] = found
        return found

    def governing(self, clause: Clause) -> Clause | None:
        """The clause that governs `clause` (its governor's own clause), if any."""
        return self.of(clause.governor) if clause.governor is not None else None

    def clause_at(self, token: Token) -> Clause:
        """The clause whose predicate is the nearest verb at or above `token`."""
        tok = token
        steps = 0
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 12:
            tok = tok.head
            steps += 1
        return self.of(tok)

    # -- building --------------------------------------------------------------------
    def _build(self, predicate: Token, light_verb: Token | None) -> Clause:
        noun = predicate.pos_ in ("NOUN", "PROPN") or (predicate.tag_.startswith("NN"))
        verb: Token | None = predicate if not noun else light_verb
        cue_lists: dict[str, list[Token]] = {"neg": [], "aux": [], "mark": [], "adv": [], "det": []}
        if verb is not None:
            _cues(verb, cue_lists)
        if noun:
            _cues(predicate, cue_lists)  # "NO talks", "never-ending talks"
        anchor = verb if verb is not None else predicate
        link, governor = _governor(anchor)
        passive = verb is not None and is_passive(verb)
        arguments: list[Argument] = []
        if noun:
            arguments.extend(_noun_arguments(predicate))
            if light_verb is not None:
                arguments.extend(
                    a for a in _verb_arguments(light_verb) if a.head.i != predicate.i and a.role is not Role.OBJECT
                )
        else:
            arguments.extend(_verb_arguments(predicate))
        times: list[str] = list(self.dates.get(predicate.i, []))
        if verb is not None and verb.i != predicate.i:
            times.extend(self.dates.get(verb.i, []))
        for arg in arguments:
            # A date inside a time or place phrase of the clause dates it too: "seized the
            # Golan IN THE 1967 war", "during the 2014 campaign".
            if arg.role in (Role.TEMPORAL, Role.LOCATIVE) or (arg.role is Role.OBLIQUE and arg.prep in _TIME_PREPS):
                times.extend(t for t in self.dates.get(arg.head.i, []) if t not in times)
        clause = Clause(
            predicate=predicate,
            verb=verb,
            link=link,
            governor=governor,
            passive=passive,
            arguments=tuple(arguments),
            negation=tuple(cue_lists["neg"]),
            auxiliaries=tuple(cue_lists["aux"]),
            marks=tuple(cue_lists["mark"]),
            adverbs=tuple(cue_lists["adv"]),
            determiners=tuple(cue_lists["det"]),
            times=tuple(times),
            question=self.question and anchor.dep_ == "ROOT",
        )
        clause._subject = self._subject(clause)
        return clause

    def _subject(self, clause: Clause, depth: int = 0) -> Token | None:
        """Subject through control, relatives, participles and coordination (see module doc)."""
        verb = clause.verb
        if verb is None:
            return None
        own = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        if own is not None:
            if own.tag_ == "WDT" or own.lower_ in _RELATIVE_PRONOUNS:
                return verb.head if verb.dep_ == "relcl" else None
            return own
        if depth > 4 or clause.governor is None:
            return None
        dep = verb.dep_
        head = verb.head
        if dep == "relcl":
            return head
        if dep == "acl" and verb.tag_ == "VBG":
            return head  # "troops FIRING on protesters"
        if dep == "acl" and any(c.lower_ == "to" for c in verb.children):
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner  # "condemned RUSSIA's decision to expel them": Russia expels
        if dep == "acl" and head.dep_ in ("dobj", "attr") and any(c.lower_ == "to" for c in verb.children):
            # "Armenia signalled a willingness TO BEGIN talks": the subject of "signalled"
            if head.head.pos_ in ("VERB", "AUX"):
                return self._subject(self.of(head.head), depth + 1)
            return None
        if dep == "advcl" and verb.tag_ == "VBG":
            absolute = _with_absolute_subject(verb)
            if absolute is not None:
                return absolute  # "... struck the camps, with CANADIAN ADVISERS quietly providing help"
        if dep == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
            return None  # "ASKED about the talks, the minister said ...": the minister is asked, not asking
        gov = clause.governor
        if dep in ("xcomp", "advcl", "conj", "ccomp", "pcomp", "pobj") or (dep == "acl" and head.pos_ != "NOUN"):
            if gov is None:
                return None
            if gov.pos_ == "ADJ" and gov.dep_ in ("acomp", "amod", "xcomp") and gov.head.i != gov.i:
                gov = gov.head  # "France is READY to contribute": the subject of "is"
            if gov.pos_ not in ("VERB", "AUX"):
                return None
            if dep in ("xcomp", "pcomp", "pobj"):
                obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
                if obj is not None and gov.lemma_.lower() in OBJECT_CONTROL:
                    return obj  # "urged HIM to recognise", "accused KYIV of shelling"
            if dep == "xcomp" and gov.dep_ == "acl" and gov.tag_ == "VBN" and gov.head.pos_ in ("NOUN", "PROPN"):
                return gov.head  # "sent a DELEGATION led by the minister to negotiate": the delegation
            if is_passive(gov):
                if dep == "conj":
                    by = next((a for a in _obliques(gov) if a.role is Role.AGENT), None)
                    return by.head if by is not None else next((c for c in gov.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
                return next((c for c in gov.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
            return self._subject(self.of(gov), depth + 1)
        return None
