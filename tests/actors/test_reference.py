"""Pronoun reference within an article, on the real pipeline and sentences written for these tests.

Each case names one pronoun by its text and its occurrence (0 = first) and the code it must
resolve to. The rules are in actors/reference.py: subjects of governing clauses first, then the
sentence, then the previous sentence's subject; bodies named after a person are an "it".
"""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.actors.article import ArticleActors

pytestmark = pytest.mark.model

ON = date(2014, 6, 1)  # Kerry and Putin in office
TRUMP = date(2018, 9, 1)


def _pronoun_code(coder, text: str, word: str, nth: int, on: date = ON) -> str | None:
    doc = coder.nlp(text)
    actors = ArticleActors(doc, on, coder.resolver, coder.resources.gazetteer)
    actors.register_mentions()
    tokens = [t for t in doc if t.lower_ == word]
    found = actors.resolve(tokens[nth])
    return found[0].code if found else None


@pytest.mark.parametrize(
    ("text", "word", "nth", "code"),
    [
        # the subject of the governing clause, not the nearer object
        (
            "Secretary of State John Kerry, after the Syrian president spoke on television, "
            "criticised the Iranian president as he urged the United Nations to act.",
            "he", 0, "USAGOV",
        ),
        # a body named after a person is an "it": not the nearer country named earlier
        (
            "Beijing rejected the charge. The latest threat from the Trump administration came on "
            "Friday, when it warned that it could impose new tariffs on China.",
            "it", 0, "USAGOV",
        ),
        (
            "Beijing rejected the charge. The latest threat from the Trump administration came on "
            "Friday, when it warned that it could impose new tariffs on China.",
            "it", 1, "USAGOV",
        ),
        # the previous sentence's subject, not its object
        (
            "Russian President Vladimir Putin met the German chancellor in Berlin. "
            "He said the talks were useful.",
            "he", 0, "RUSGOV",
        ),
        # in its own sentence, the most recent mention: the object of another clause
        (
            "Kerry urged the United Nations to act quickly when it meets next week.",
            "it", 0, "IGOUNO",
        ),
        # a title that names its country, then "he"
        (
            "Sen. John Doe criticised the plan on Monday. He said it would fail.",
            "he", 0, "USALEG",
        ),
    ],
)
def test_reference_pronoun_resolves_to(coder, text: str, word: str, nth: int, code: str) -> None:
    on = TRUMP if "Trump" in text else ON
    assert _pronoun_code(coder, text, word, nth, on) == code
