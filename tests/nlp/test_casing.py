"""Headline casing (nlp/casing.py): title case detected, lowered in place, names kept."""

from __future__ import annotations

import pytest

from flashpoint.nlp.casing import is_title_case, sentence_case

NAMES = {("Chile",), ("North", "Korean"), ("New", "York"), ("Peru",)}


def _names(words: list[str], i: int) -> int:
    return max((len(n) for n in NAMES if tuple(words[i : i + len(n)]) == n), default=0)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Chile Sends Troops to Help Peru Fight Floods", True),
        ("Chile sends troops to help Peru fight floods", False),
        ("Peru Votes", False),  # too short to tell
    ],
)
def test_title_case_is_detected(line: str, expected: bool) -> None:
    assert is_title_case(line) is expected


def test_sentence_case_lowers_words_and_keeps_names_acronyms_and_length() -> None:
    line = "Chile Sends Troops to Help Peru After U.S. Warning: Officials Say North Korean Hackers Struck New York"
    out = sentence_case(line, _names)
    assert out == "Chile sends troops to help Peru after U.S. warning: Officials say North Korean hackers struck New York"
    assert len(out) == len(line)


def test_sentence_case_keeps_i_and_mixed_case() -> None:
    assert sentence_case("Sisi: I Will Expand EgyptAir Flights", _names) == "Sisi: I will expand EgyptAir flights"
