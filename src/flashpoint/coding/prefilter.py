"""Prefilter: which sentences of an article can hold an event or a quote, decided without parsing.

Parsing is ~97% of the coder's time, and most sentences of a news article hold no trigger.
An event needs a token whose lemma is a lexicon trigger (coding/extract.py) or an obligation
auxiliary under a reporting verb ("X said Y must ...", derived.py); a sentence with neither
cannot yield one. A quote needs a reporting verb ("said", "warned") or quotation marks
(coding/quotes.py), so sentences with either are kept too: quotes and their speakers are
part of the output, not only a means to events. The prefilter finds those words with one Aho-Corasick automaton over the
lower-cased text, built once per Coder from the lexicon (each trigger lemma as a prefix, plus
the irregular forms the spaCy lemmatizer maps to it: "held" -> hold, "fought" -> fight).

Kept sentences are parsed in place: every other sentence is replaced by spaces of the same
length (its line breaks kept, so the parser sees the same lines), so character offsets in the parsed Doc are the article's offsets and every span an
event carries stays article-level. What a kept sentence needs from its neighbours is kept too:
the `context` sentences before it (pronouns and bare roles look back: "He said ...", "the
ministry said ..."), the article's first sentence (headline and dateline), every sentence of
a direct quote that overlaps it, and the sentence after the quote's end, where the
attribution sits ('..." she said.'). Spans the caller marks as `skip` (boilerplate:
coding/hygiene.py) are sentences of their own and are never parsed.

    prefilter = build_prefilter(resources.lexicon, resources.cues, irregular_forms)
    selection = prefilter.select(article.text, skip)    # .text to parse, .spans, .kept
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ahocorasick

from flashpoint.coding.quotes import DIRECT_QUOTE
from flashpoint.nlp.breaks import line_breaks, unbroken_spans
from flashpoint.resources.cues import Cues
from flashpoint.resources.lexicon import Lexicon

__all__ = [
    "Prefilter", "Selection", "build_prefilter", "lemma_forms", "lexicon_needs", "select_all", "split_sentences",
]

# A sentence ends at . ! ? (and any closing quotes or brackets after it) followed by white
# space and a capital, digit or opening quote, or at a line break that ends one for the
# parser too (nlp/breaks.py: a blank line, or the break after a headline-like line). Erring towards too few
# splits is safe (a merged pair is kept or skipped together); a split inside a sentence
# would blank half of it, so a period after these abbreviations or initials is no end.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“‘'(\[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt adm cmdr gov sen rep rev st jr sr no vs
    jan feb mar apr aug sep sept oct nov dec inc corp co ltd dept est fig approx""".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?$")
# How an automaton key must end: as a whole word, with an inflection ending, or anyhow.
_WORD, _INFLECTED, _PREFIX = 0, 1, 2
# What may follow a lemma (or its stem) in its inflected forms: "attack|s", "seiz|ing",
# "alli|es", "ban|n|ed" (a doubled last consonant), "tak|en".
_ENDINGS = frozenset({"s", "es", "d", "ed", "ing", "n", "en"})
# Words that take their actor from an earlier sentence ("HE said", "THEIR troops").
_REFERRING = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]ts?|[Hh]i[ms]|[Hh]er|[Tt]heir|[Tt]hem)\b")
# A capitalised word after a space: most often a name.
_NAME = re.compile(r"\s[A-Z][a-z]")
_NOT_NEWLINE = re.compile(r"[^\n]")
# How many sentences before a sentence with a pronoun may be parsed for its antecedent.
DEFAULT_CONTEXT = 2


def split_sentences(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character spans that tile `text` (each includes its trailing white space), cut at
    sentence ends and around each `skip` span; at least one span for a non-empty text, none
    for an empty one."""
    starts = line_breaks(text)
    cuts = set(starts)
    lines = unbroken_spans(text, starts)  # the parser does not cut them either
    line_starts = [start for start, _ in lines]
    for match in _END.finditer(text):
        k = bisect_right(line_starts, match.start()) - 1
        if k >= 0 and match.start() < lines[k][1]:
            continue
        if text[match.start()] == ".":
            word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
            before = word.group(1) if word else ""
            # "U.S. officials", "Gen. Smith", "J. Smith": an abbreviation, not an end.
            if len(before) == 1 or before.lower() in _ABBREVIATIONS:
                continue
        cuts.add(_after_space(text, match.end()))
    for start, end in skip:
        cuts.update((start, _after_space(text, end)))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts):
        if start < cut < len(text):
            spans.append((start, cut))
            start = cut
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _after_space(text: str, end: int) -> int:
    while end < len(text) and text[end].isspace():
        end += 1
    return end


@dataclass(frozen=True, slots=True)
class Selection:
    """One article's sentences, which of them to parse, and the text the parser gets.

    `text` has the length of the article text; skipped sentences are spaces in it.
    """

    text: str
    spans: tuple[tuple[int, int], ...]
    kept: tuple[bool, ...]

    @property
    def all_kept(self) -> bool:
        return all(self.kept)

    @property
    def kept_chars(self) -> int:
        return sum(end - start for (start, end), keep in zip(self.spans, self.kept, strict=True) if keep)


# A lexicon entry's needs, each a set of alternatives; an alternative is a tuple of words
# that must all occur (a multiword complement such as "war crime" needs both words).
Need = frozenset[tuple[str, ...]]


class Prefilter:
    """The word automaton and the keep rules; immutable, one per Coder.

    `entries` maps a trigger lemma to the needs of each of its lexicon entries: a sentence
    can hold an event when it has the lemma and, for one entry, a word of each need.
    """

    def __init__(
        self,
        automaton: ahocorasick.Automaton,
        entries: Mapping[str, tuple[tuple[Need, ...], ...]],
        context: int = DEFAULT_CONTEXT,
    ) -> None:
        self._automaton = automaton
        self._entries = entries
        self.context = context

    def words_by_sentence(self, text: str, spans: list[tuple[int, int]]) -> list[set[str]]:
        """For each span, the lexicon words (lemmas, particles, prefixes) found in it."""
        starts = [s for s, _ in spans]
        lower = text.lower()
        found: list[set[str]] = [set() for _ in spans]
        size = len(lower)
        for end, (key, kind, words) in self._automaton.iter(lower):
            start = end - len(key) + 1
            if start > 0 and lower[start - 1].isalpha():
                continue  # inside a word: "draid" is not "aid"
            if kind != _PREFIX:
                rest_end = end + 1
                while rest_end < size and lower[rest_end].isalpha():
                    rest_end += 1
                rest = lower[end + 1 : rest_end]
                if rest and (kind == _WORD or not _inflection(key, rest)):
                    continue  # "held" but not "helder"; "funded" but not "fundamental"
            found[bisect_right(starts, start) - 1].update(words)
        return found

    def can_hold_event(self, words: set[str]) -> bool:
        """Whether a sentence with these words has a trigger whose entry's needs are all met."""
        for lemma in words:
            for needs in self._entries.get(lemma, ()):
                if all(any(all(w in words for w in alt) for alt in need) for need in needs):
                    return True
        return False

    def event_sentences(self, text: str, spans: list[tuple[int, int]]) -> set[int]:
        """Indices of the spans that can hold an event."""
        return {i for i, words in enumerate(self.words_by_sentence(text, spans)) if self.can_hold_event(words)}

    def select(self, text: str, skip: Iterable[tuple[int, int]] = ()) -> Selection:
        """The sentences of `text` to parse (see the module docstring for the rules); the
        sentences inside `skip` spans (sorted, disjoint) are never parsed."""
        skip = tuple(skip)
        spans = split_sentences(text, skip)
        if not spans:
            return Selection(text, (), ())
        events = self.event_sentences(text, spans)
        kept = [False] * len(spans)
        for i in events:
            kept[i] = True
            start, end = spans[i]
            if _REFERRING.search(text, start, end) is None:
                continue
            # A pronoun refers back: parse the sentences before, up to `context` of them, and
            # stop at the first that names someone (a capitalised word after its first).
            for j in range(i - 1, max(-1, i - 1 - self.context), -1):
                kept[j] = True
                if _NAME.search(text, spans[j][0] + 1, spans[j][1]) is not None:
                    break
        if events:
            kept[0] = True
        starts = [s for s, _ in spans]
        # A direct quote is parsed whole, with the sentence after it: its marks must pair up
        # as in the article and its speaker may be named after it ('..." she said.').
        for match in DIRECT_QUOTE.finditer(text):
            first = bisect_right(starts, match.start()) - 1
            last = bisect_right(starts, max(match.start(), match.end() - 1)) - 1
            for j in range(first, min(last + 2, len(spans))):
                kept[j] = True
        return _selection(text, spans, kept, skip)


def select_all(text: str, skip: Iterable[tuple[int, int]] = ()) -> Selection:
    """Every sentence of `text` parsed but those inside `skip` spans (sorted, disjoint)."""
    skip = tuple(skip)
    spans = split_sentences(text, skip)
    return _selection(text, spans, [True] * len(spans), skip)


def _selection(text: str, spans: list[tuple[int, int]], kept: list[bool], skip: tuple[tuple[int, int], ...]) -> Selection:
    """The Selection with the sentences that start inside a `skip` span dropped from `kept`,
    and every dropped sentence blanked (line breaks kept)."""
    if skip:
        starts = [s for s, _ in skip]
        for i, (start, _) in enumerate(spans):
            k = bisect_right(starts, start) - 1
            if k >= 0 and start < skip[k][1]:
                kept[i] = False
    if all(kept):
        return Selection(text, tuple(spans), tuple(kept))
    parts = [
        text[start:end] if keep else _NOT_NEWLINE.sub(" ", text[start:end])
        for (start, end), keep in zip(spans, kept, strict=True)
    ]
    return Selection("".join(parts), tuple(spans), tuple(kept))


def _inflection(key: str, rest: str) -> bool:
    return rest in _ENDINGS or (rest[0] == key[-1] and rest[1:] in _ENDINGS)


def lemma_forms(lemma: str, irregular: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Lower-case strings that find `lemma` in text -> how a match must end (_WORD: as a
    whole word; _INFLECTED: as a word or with an inflection ending).

    The lemma takes inflection endings ("attack" -> attacked, attacks), as do its stems
    without a final e or y ("seize" -> seizing, "ally" -> allied) and with "ie" as "y"
    ("tie" -> tying); `irregular` (lemma -> forms, from the lemmatizer's exception table) adds
    the forms no ending reaches ("fight" -> fought) as whole words.
    """
    lemma = lemma.lower()
    forms = {lemma: _INFLECTED}
    if lemma.endswith("ie"):
        forms[lemma[:-2] + "y"] = _INFLECTED
    if lemma.endswith("e"):
        forms[lemma[:-1]] = _INFLECTED
    if lemma.endswith("y"):
        forms[lemma[:-1] + "i"] = _INFLECTED
    for form in irregular.get(lemma, ()):
        forms.setdefault(form.lower(), _WORD)
    return forms


def lexicon_needs(lexicon: Lexicon, cues: Cues) -> dict[str, tuple[tuple[Need, ...], ...]]:
    """Trigger lemma -> each entry's word needs (Trigger.word_needs, compiled from the entry's
    frame and constraints). An obligation auxiliary ("X said Y MUST ...")
    with a reporting verb is an entry too (coding/derived.py: reported_obligations)."""
    entries: dict[str, list[tuple[Need, ...]]] = {}
    for trig in lexicon.triggers:
        entries.setdefault(trig.lemma.lower(), []).append(trig.word_needs())
    reporting = frozenset((verb,) for verb in cues.reporting)
    for word in cues.by_where.get("obligation", {}):
        entries.setdefault(word.lower(), []).append((reporting,))
    # A reporting verb alone makes a reported quote ("the minister said talks had failed").
    for verb in cues.reporting:
        entries.setdefault(verb.lower(), []).append(())
    return {lemma: tuple(needs) for lemma, needs in entries.items()}


def build_prefilter(
    lexicon: Lexicon,
    cues: Cues,
    irregular: Mapping[str, Iterable[str]] | None = None,
    *,
    context: int = DEFAULT_CONTEXT,
) -> Prefilter:
    """The prefilter for a lexicon; `irregular` maps a lemma to inflected forms that do not
    start with it (see `lemma_forms`)."""
    irregular = irregular or {}
    entries = lexicon_needs(lexicon, cues)
    words: set[str] = set(entries)
    for lemma_entries in entries.values():
        for needs in lemma_entries:
            for need in needs:
                for alternative in need:
                    words.update(alternative)
    # Particles and prepositions are matched as written ("up", "on"), as are obligation words.
    whole_words = {t.prt.lower() for t in lexicon.triggers if t.prt} | {t.prep.lower() for t in lexicon.triggers if t.prep}
    whole_words |= {w for t in lexicon.triggers for w in t.setting}
    whole_words |= set(cues.by_where.get("obligation", {}))
    # key -> (how a match must end, the lexicon words it stands for); a key several words
    # share takes the loosest ending, so no word loses a form.
    keys: dict[str, tuple[int, set[str]]] = {}
    for word in words:
        if word.endswith("*"):
            forms = {word[:-1]: _PREFIX}
        elif word in whole_words:
            forms = {word: _WORD}
        else:
            forms = lemma_forms(word, irregular)
        for form, kind in forms.items():
            if not form:
                continue
            old_kind, ids = keys.get(form, (_WORD, set()))
            keys[form] = (max(old_kind, kind), ids | {word})
    automaton = ahocorasick.Automaton()
    for key, (kind, ids) in keys.items():
        automaton.add_word(key, (key, kind, frozenset(ids)))
    automaton.make_automaton()
    return Prefilter(automaton, entries, context)
