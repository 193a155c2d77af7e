"""Where line breaks end sentences: the shared rule (nlp/breaks.py), the prefilter's split at the
same places, and the parser keeping them (the flashpoint_line_breaks component)."""

from __future__ import annotations

import pytest

from flashpoint.coding.prefilter import split_sentences
from flashpoint.nlp.breaks import is_standalone_line, line_breaks, unbroken_spans


@pytest.mark.parametrize(
    ("line", "standalone"),
    [
        ("Rebels Seize Northern Town After Week of Fighting", True),  # headline case
        ("By Jane Doe, Reuters", True),  # a short line
        ("Enlarge this image toggle caption", True),
        ("Rebels seized the town after a week of fighting.", False),  # ends like a sentence
        ("The minister said on Tuesday that the government would", False),  # ends on a function word
        ("Talks between the two governments broke down late on Monday evening after", False),
        ("officials from both sides met in the capital for a second round of talks on", False),
        ("He listed three demands:", False),  # ends mid-clause
    ],
)
def test_is_standalone_line(line: str, standalone: bool) -> None:
    assert is_standalone_line(line) is standalone


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Para one\n\nPara two.", ["Para two."]),  # a blank line always
        ("Last line of a paragraph.\n\n  Indented para.", ["Indented para."]),
        ("Rebels Seize Northern Town\nRebels seized the town on Monday.", ["Rebels seized the town on Monday."]),
        ("By Jane Doe\nThe army said the town had fallen.", ["The army said the town had fallen."]),
        # a hard-wrapped sentence: the line is long and in sentence case, or the next opens lower case
        ("The minister said on Tuesday that talks with the rebels had\nfailed again.", []),
        ("Officials from both sides of the conflict met again in the capital on\nMonday for talks.", []),
        ("One sentence.\nAnother sentence.", []),  # after a full stop, the parser decides
    ],
)
def test_line_breaks_start_sentences(text: str, starts: list[str]) -> None:
    assert [text[i:] for i in line_breaks(text)] == starts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebels Seize Town\nBy Jane Doe\n\nRebels seized the town. They left.",
            ["Rebels Seize Town\n", "By Jane Doe\n\n", "Rebels seized the town. ", "They left."],
        ),
        # a standalone line is not cut at a full stop inside it, as the parser keeps it whole
        ("U.N. Envoy Meets Rebels. Talks Go On\n\nThe envoy met them.", ["U.N. Envoy Meets Rebels. Talks Go On\n\n", "The envoy met them."]),
        ("The minister said talks had\nfailed again. Rebels left.", ["The minister said talks had\nfailed again. ", "Rebels left."]),
    ],
)
def test_split_sentences_at_line_breaks(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_split_sentences_cuts_around_skip_spans() -> None:
    text = "Image caption Smoke over the port\nRebels shelled the port on Monday."
    spans = split_sentences(text, [(0, len("Image caption Smoke over the port"))])
    assert [text[s:e] for s, e in spans] == ["Image caption Smoke over the port\n", "Rebels shelled the port on Monday."]


def test_unbroken_spans_cover_headlines_and_line_starts_to_the_first_full_stop() -> None:
    text = "Talks In Brasilia\n\nVenezuela and Guyana met. Brazil praised both.\n\nBy Jane Doe"
    spans = unbroken_spans(text, line_breaks(text))
    assert [text[s:e] for s, e in spans] == ["Talks In Brasilia", "Venezuela and Guyana met", "By Jane Doe"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # after a headline the parser must not end the next sentence after its first word
            "Talks in Brasilia\n\nVenezuela and Guyana held talks in Brasilia on Monday. Brazil praised both sides.",
            ["Talks in Brasilia", "Venezuela and Guyana held talks in Brasilia on Monday.", "Brazil praised both sides."],
        ),
        (
            "Ship Captain In Deadly Sinking Charged With Manslaughter\n\n"
            "Enlarge this image toggle caption Jane Roe/Wire Photos\n\n"
            "Italian police arrested the captain of the boat on Monday.",
            [
                "Ship Captain In Deadly Sinking Charged With Manslaughter",
                "Enlarge this image toggle caption Jane Roe/Wire Photos",
                "Italian police arrested the captain of the boat on Monday.",
            ],
        ),
        (
            "By Jane Doe, Staff Writer\nRussia accused Ukraine of shelling a village.\nKyiv denied it.",
            ["By Jane Doe, Staff Writer", "Russia accused Ukraine of shelling a village.", "Kyiv denied it."],
        ),
        (
            "The minister said on Tuesday that talks with the rebels had\nfailed again.",
            ["The minister said on Tuesday that talks with the rebels had\nfailed again."],
        ),
    ],
)
def test_pipeline_sentences_end_at_line_breaks(nlp, text: str, expected: list[str]) -> None:
    assert [s.text.strip() for s in nlp(text).sents] == expected
