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


@pytest.mark.parametrize(
    ("text", "word", "nth", "code"),
    [
        # a party before a titled name: the head is a person, so "he" is him
        ("Tory peer Lord Doe said he agreed with the plan.", "he", 0, "GBRPTYCON"),
        ("Labour MP Tom Smith said he would vote against the bill.", "he", 0, "GBRPTYLAB"),
    ],
)
def test_reference_titled_name_with_party_is_a_person(coder, text: str, word: str, nth: int, code: str) -> None:
    assert _pronoun_code(coder, text, word, nth) == code


def test_reference_surname_names_the_earlier_person(coder) -> None:
    doc = coder.nlp("Sen. Jane Roe spoke on Monday. Later Roe met the press.")
    actors = ArticleActors(doc, ON, coder.resolver, coder.resources.gazetteer)
    actors.register_mentions()
    roe = [t for t in doc if t.text == "Roe"]
    assert [actors.resolve(t)[0].code for t in roe] == ["USALEG", "USALEG"]


def test_reference_surname_does_not_borrow_from_an_organisation(coder) -> None:
    doc = coder.nlp("Fox News reported the vote. Later Fox spoke to the press.")
    actors = ArticleActors(doc, ON, coder.resolver, coder.resources.gazetteer)
    actors.register_mentions()
    fox = [t for t in doc if t.text == "Fox"][1]
    assert [a.code for a in actors.resolve(fox)] in ([], [None])


@pytest.mark.parametrize(
    ("text", "head", "code"),
    [
        # a home-sector source with no country nearby takes the article's dominant country
        (
            "Ohio police arrested ten people in Columbus Ohio. The Ohio governor spoke to Ohio "
            "lawmakers. Italy sent a letter. The agency said it had acted.",
            "agency", "USAGOV",
        ),
    ],
)
def test_reference_home_sector_takes_the_dominant_country(coder, text: str, head: str, code: str) -> None:
    doc = coder.nlp(text)
    actors = ArticleActors(doc, ON, coder.resolver, coder.resources.gazetteer)
    actors.register_mentions()
    token = next(t for t in doc if t.text == head)
    found = actors.resolve(token)
    assert [actors.complete(a, token, "source", None).code for a in found] == [code]


@pytest.mark.parametrize(
    "text",
    [
        # a demonym and a company noun before the name
        "Slovak pipeline operator Acmegas rejected the offer. Acmegas said the pipe was full.",
        # the name in apposition to its description
        "The Slovak gas company, Acmegas, rejected the offer on Monday. Acmegas said the pipe was full.",
    ],
)
def test_reference_bare_name_names_the_earlier_described_body(coder, text: str) -> None:
    doc = coder.nlp(text)
    actors = ArticleActors(doc, ON, coder.resolver, coder.resources.gazetteer)
    actors.register_mentions()
    acme = [t for t in doc if t.text == "Acmegas"]
    assert [actors.resolve(t)[0].code for t in acme] == ["SVKBUS", "SVKBUS"]
