"""Folding and tokenising: the one form that actor data and article text are matched in.

`fold` turns "the U.S." into "us", "Erdoğan's" into "erdogan" and "al-Qaeda" into "al qaeda".
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "singulars", "split_tokens"]


_TOKEN_RE = re.compile(r"[\w.'&]+")
# Letters NFKD does not decompose, and apostrophe look-alikes.
_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
    "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "þ": "th",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
})


def _fold_token(raw: str) -> str:
    token = raw
    if token.endswith(("'s", "'S")):
        token = token[:-2]
    token = token.replace("'", "").replace(".", "")
    if not token.isascii():
        token = "".join(
            c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c)
        )
    return token.lower()


def split_tokens(text: str) -> list[tuple[str, str]]:
    """(raw, folded) tokens of `text`; punctuation and hyphens separate tokens.

    The folded form is lowercase ASCII without diacritics, dots ("U.S." -> "us") or
    apostrophes, with a possessive 's removed ("Russia's" -> "russia"). Tokens that fold
    to nothing (a lone "'s") are dropped.
    """
    out: list[tuple[str, str]] = []
    for match in _TOKEN_RE.finditer(text.translate(_SPECIAL)):
        raw = match.group().strip(".'")
        folded = _fold_token(raw) if raw else ""
        if folded:
            out.append((raw, folded))
    return out


def fold(text: str) -> str:
    """The form aliases are indexed under: folded tokens joined by spaces, leading "the" dropped."""
    tokens = [f for _, f in split_tokens(text)]
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def singulars(token: str) -> list[str]:
    """Candidate singular forms of a folded English plural ("troops" -> "troop", "spokesmen" -> "spokesman")."""
    out: list[str] = []
    if len(token) > 4 and token.endswith("men"):
        out.append(token[:-3] + "man")
    if len(token) > 4 and token.endswith("ies"):
        out.append(token[:-3] + "y")
    if len(token) > 3 and token.endswith("es"):
        out.append(token[:-2])
    if len(token) > 2 and token.endswith("s") and not token.endswith("ss"):
        out.append(token[:-1])
    return out


def _is_acronym(surface: str) -> bool:
    # "US", "WHO", "U.N.": short capitals that collide with English words once folded, so the
    # resolver matches them only where the text has them in capitals. Longer acronyms are
    # often written title case in the press ("Nato", "Opec") and match in any case.
    letters = surface.replace(".", "").replace(" ", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 3
