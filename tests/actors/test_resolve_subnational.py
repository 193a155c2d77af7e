"""ActorResolver on the packaged tables: sub-national places and bodies, titles before names,
party names, cased forms and companies named by their trade.

The phrases are written for these tests; each stands for a class of mention (a state followed
by an institution word, an abbreviated title, a party word), not for a sentence of a corpus.
"""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.actors import ActorResolver
from flashpoint.resources.gazetteer import load_gazetteer

ON = date(2020, 6, 1)

US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Georgia state", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
    "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
    "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico",
    "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
    "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
    "Virginia", "Washington State", "West Virginia", "Wisconsin", "Wyoming",
)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_gazetteer())


@pytest.mark.parametrize("state", US_STATES)
def test_resolve_every_us_state_with_police_is_usacop(resolver: ActorResolver, state: str) -> None:
    actor = resolver.resolve(f"{state} police", ON)
    assert actor is not None
    assert (actor.code, actor.country, actor.sector) == ("USACOP", "USA", "COP")


@pytest.mark.parametrize(
    ("text", "code", "matched_by"),
    [
        # a state or city, then an institution word: the country plus that sector
        ("Ohio police", "USACOP", "adjective+sector"),
        ("the Iowa State Police", "USACOP", "adjective+sector"),
        ("the Idaho National Guard", "USAMIL", "adjective+sector"),
        ("Nevada Highway Patrol", "USACOP", "adjective+sector"),
        ("Frankfort officials", "USAGOV", "adjective+sector"),
        ("Albany lawmakers", "USALEG", "adjective+sector"),
        ("the Utah governor", "USAGOV", "adjective+sector"),
        ("Ontario Premier Jane Roe", "CANGOV", "adjective+sector"),
        ("Bavaria state police", "DEUCOP", "adjective+sector"),
        ("Kerala police", "INDCOP", "adjective+sector"),
        # a state, an abbreviated title, a name
        ("Ohio Gov. Jane Roe", "USAGOV", "adjective+sector"),
        # a namesake of a listed person keeps the place and title ("Greg Abbott" is not Tony)
        ("Texas Gov. Greg Abbott", "USAGOV", "adjective+sector"),
        # the House and the State Department
        ("a House committee", "USALEG", "institution"),
        ("the House Oversight Committee", "USALEG", "institution"),
        ("the State Dept", "USAGOV", "institution"),
        # titles that name their country when the phrase names no place
        ("Sen. Jane Roe", "USALEG", "title"),
        ("Rep. John Doe", "USALEG", "title"),
        ("Gov. Jane Roe", "USAGOV", "title"),
        ("Lord Doe", "GBRLEG", "title"),
        ("Baroness Roe", "GBRLEG", "title"),
        # a country word before the title wins over the title's own country
        ("Philippine Sen. Jane Roe", "PHLLEG", "adjective+sector"),
        # parties of one country
        ("Labour MP Tom Smith", "GBRPTYLAB", "org"),
        ("Tory peer Lord Doe", "GBRPTYCON", "org"),
        ("the Lib Dems", "GBRPTYLIB", "org"),
        ("Senate Republicans", "USAPTYREP", "org"),
        ("a Democrat", "USAPTYDEM", "org"),
        # a demonym before a company noun: country + BUS
        ("Slovak pipeline operator Acme", "SVKBUS", "adjective+sector"),
        ("the Czech utility", "CZEBUS", "adjective+sector"),
        ("a Polish state-owned company", "POLBUS", "adjective+sector"),
    ],
)
def test_resolve_subnational_titles_parties(resolver: ActorResolver, text: str, code: str, matched_by: str) -> None:
    actor = resolver.resolve(text, ON)
    assert actor is not None
    assert (actor.code, actor.matched_by) == (code, matched_by)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # party words many countries share: a party, the country comes from the context
        ("the Conservatives", "PTY"),
        ("the Greens", "PTY"),
        # bodies named by their kind: the sector, the country from the context
        ("a federal judge", "JUD"),
        ("the agency", "GOV"),
        ("the National Guard", "MIL"),
        ("a drug lord", "CRM"),
    ],
)
def test_resolve_generic_names_give_the_sector_alone(resolver: ActorResolver, text: str, code: str) -> None:
    actor = resolver.resolve(text, ON)
    assert actor is not None
    assert (actor.code, actor.country, actor.sector) == (code, None, code)


@pytest.mark.parametrize(
    "text",
    ["forced labour", "a house", "the Republic", "an old house", "the democrat ideal"],
)
def test_resolve_cased_forms_need_capitals(resolver: ActorResolver, text: str) -> None:
    assert resolver.resolve(text, ON) is None


def test_resolve_conservative_in_lower_case_is_not_a_party(resolver: ActorResolver) -> None:
    actor = resolver.resolve("conservative voters", ON)
    assert actor is not None
    assert (actor.code, actor.sector) == ("CVL", "CVL")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mr Putin", "RUSGOV"),
        ("Vladimir Putin", "RUSGOV"),
        # a spelling of the first name is still the person
        ("Mohammed Morsi", "EGYELI"),
    ],
)
def test_resolve_known_first_names_and_honorifics_keep_the_person(
    resolver: ActorResolver, text: str, code: str
) -> None:
    actor = resolver.resolve(text, ON)
    assert actor is not None
    assert (actor.code, actor.matched_by) == (code, "person")


def test_resolve_namesake_with_another_first_name_is_unknown(resolver: ActorResolver) -> None:
    assert resolver.resolve("Greg Abbott", ON) is None
