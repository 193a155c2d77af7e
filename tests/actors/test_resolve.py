"""ActorResolver on the packaged actor tables: phrase types, dated roles, aliases, misspellings."""

from __future__ import annotations

import time
from datetime import date

import pytest

from flashpoint.actors import ActorResolver
from flashpoint.resources.gazetteer import load_gazetteer

ON = date(2022, 2, 15)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_gazetteer())


@pytest.mark.parametrize(
    ("text", "code", "country", "sector", "matched_by"),
    [
        ("President Putin", "RUSGOV", "RUS", "GOV", "person"),
        ("Vladimir Putin", "RUSGOV", "RUS", "GOV", "person"),
        ("the Russian president", "RUSGOV", "RUS", "GOV", "title+date"),
        ("Russia's president", "RUSGOV", "RUS", "GOV", "title+date"),
        ("Ukraine's foreign minister", "UKRGOV", "UKR", "GOV", "title+date"),
        ("Russian lawmakers", "RUSLEG", "RUS", "LEG", "adjective+sector"),
        ("Israeli troops", "ISRMIL", "ISR", "MIL", "adjective+sector"),
        ("senior Hungarian officials", "HUNGOV", "HUN", "GOV", "adjective+sector"),
        ("Western governments", "WSTGOV", "WST", "GOV", "adjective+sector"),
        ("US Deputy Secretary of Energy John Smith", "USAGOV", "USA", "GOV", "adjective+sector"),
        ("Moscow police", "RUSCOP", "RUS", "COP", "adjective+sector"),
        ("the Polish Senate", "POLLEG", "POL", "LEG", "adjective+sector"),
        ("Kyiv", "UKRGOV", "UKR", "GOV", "capital"),
        ("the Kremlin", "RUSGOV", "RUS", "GOV", "seat"),
        ("the White House", "USAGOV", "USA", "GOV", "seat"),
        ("the United States", "USA", "USA", None, "country"),
        ("Russia", "RUS", "RUS", None, "country"),
        ("the West", "WST", "WST", None, "region"),
        ("NATO", "IGOWSTNAT", None, None, "org"),
        ("Nato", "IGOWSTNAT", None, None, "org"),
        ("the North Atlantic Treaty Organization", "IGOWSTNAT", None, None, "org"),
        ("the European Union", "IGOEUREEC", None, None, "org"),
        ("Hamas militants", "PSEREBHMS", "PSE", "REB", "org"),
        ("the Duma", "RUSLEG", "RUS", "LEG", "institution"),
        ("the Senate", "USALEG", "USA", "LEG", "institution"),
        ("the Pentagon", "USAMIL", "USA", "MIL", "institution"),
        ("some units", "MIL", None, "MIL", "sector"),
        ("police", "COP", None, "COP", "sector"),
        ("lawmakers", "LEG", None, "LEG", "sector"),
        ("Russia's UN envoy", "RUSGOV", "RUS", "GOV", "adjective+sector"),
        ("the former Ukrainian president", "UKRELI", "UKR", "ELI", "adjective+sector"),
    ],
)
def test_resolve_phrase_types(
    resolver: ActorResolver, text: str, code: str, country: str | None, sector: str | None, matched_by: str
) -> None:
    actor = resolver.resolve(text, ON)
    assert actor is not None
    assert (actor.code, actor.country, actor.sector, actor.matched_by) == (code, country, sector, matched_by)
    assert (actor.text, actor.span) == (text, None)


@pytest.mark.parametrize("text", ["the deal", "analysts", "the border", "talks", "John Smith", "us", "who", ""])
def test_resolve_non_actor_is_none(resolver: ActorResolver, text: str) -> None:
    assert resolver.resolve(text, ON) is None


@pytest.mark.parametrize(
    ("text", "code"), [("US officials", "USAGOV"), ("WHO", "IGOUNOWHO"), ("the UN", "IGOUNO")]
)
def test_resolve_acronym_in_capitals(resolver: ActorResolver, text: str, code: str) -> None:
    actor = resolver.resolve(text, ON)
    assert actor is not None and actor.code == code


@pytest.mark.parametrize(
    ("text", "on", "code", "valid_from"),
    [
        ("Putin", date(2022, 2, 15), "RUSGOV", date(2012, 5, 7)),  # president
        ("Putin", date(2010, 6, 1), "RUSGOV", date(2008, 5, 8)),  # prime minister
        ("Medvedev", date(2010, 6, 1), "RUSGOV", date(2008, 5, 7)),  # president
        ("Stoltenberg", date(2012, 6, 1), "NORGOV", date(2005, 10, 17)),
        ("Stoltenberg", date(2016, 6, 1), "IGOWSTNAT", date(2014, 10, 1)),
        ("Merkel", date(2021, 12, 7), "DEUGOV", date(2005, 11, 22)),
        ("Scholz", date(2021, 12, 9), "DEUGOV", date(2021, 12, 8)),
    ],
)
def test_resolve_leader_uses_article_date(
    resolver: ActorResolver, text: str, on: date, code: str, valid_from: date
) -> None:
    actor = resolver.resolve(text, on)
    assert actor is not None
    assert (actor.code, actor.matched_by, actor.valid_from) == (code, "person", valid_from)


@pytest.mark.parametrize(
    ("text", "on", "code", "name"),
    [
        ("Merkel", date(2021, 12, 9), "DEUELI", "Angela Merkel"),  # left office the day before
        ("Scholz", date(2021, 12, 7), "DEUELI", "Olaf Scholz"),  # not yet in office
        ("Medvedev", date(2023, 1, 1), "RUSELI", "Dmitry Medvedev"),
        ("Poroshenko", date(2020, 1, 1), "UKRELI", "Petro Poroshenko"),
        ("Stoltenberg", date(2024, 12, 1), "NORELI", "Jens Stoltenberg"),  # between NATO and Oslo
        ("Clinton", date(2016, 1, 1), "USAELI", "Hillary Clinton"),
    ],
)
def test_resolve_out_of_office_is_elite(
    resolver: ActorResolver, text: str, on: date, code: str, name: str
) -> None:
    actor = resolver.resolve(text, on)
    assert actor is not None
    assert (actor.code, actor.sector, actor.name, actor.valid_from) == (code, "ELI", name, None)


@pytest.mark.parametrize(
    ("text", "on", "name", "valid_to"),
    [
        ("the German chancellor", date(2021, 12, 7), "Angela Merkel", date(2021, 12, 8)),
        ("the German chancellor", date(2021, 12, 9), "Olaf Scholz", date(2025, 5, 6)),
        ("the Russian president", date(2010, 6, 1), "Dmitry Medvedev", date(2012, 5, 7)),
        ("the NATO secretary general", date(2016, 6, 1), "Jens Stoltenberg", date(2024, 10, 1)),
    ],
)
def test_resolve_title_names_holder_on_date(
    resolver: ActorResolver, text: str, on: date, name: str, valid_to: date
) -> None:
    actor = resolver.resolve(text, on)
    assert actor is not None
    assert (actor.name, actor.matched_by, actor.valid_to) == (name, "title+date", valid_to)


@pytest.mark.parametrize(
    ("text", "on", "code", "matched_by"),
    [
        ("the British chancellor", ON, "GBRGOV", "adjective+sector"),  # no holder listed
        ("the Russian president", None, "RUSGOV", "adjective+sector"),  # no date, no holder
    ],
)
def test_resolve_title_without_holder(
    resolver: ActorResolver, text: str, on: date | None, code: str, matched_by: str
) -> None:
    actor = resolver.resolve(text, on)
    assert actor is not None
    assert (actor.code, actor.matched_by, actor.valid_from) == (code, matched_by, None)


@pytest.mark.parametrize(
    ("text", "code", "valid_to"),
    [("Putin", "RUSGOV", None), ("Medvedev", "RUSGOV", date(2020, 1, 15)), ("Stoltenberg", "NORGOV", None)],
)
def test_resolve_without_date_uses_latest_role(
    resolver: ActorResolver, text: str, code: str, valid_to: date | None
) -> None:
    actor = resolver.resolve(text, None)
    assert actor is not None
    assert (actor.code, actor.valid_to) == (code, valid_to)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Zelensky", "UKRGOV"),
        ("Zelenskyy", "UKRGOV"),
        ("Zelenskiy", "UKRGOV"),
        ("Mr Zelensky", "UKRGOV"),
        ("Volodymyr Zelenskyy", "UKRGOV"),
        ("Erdoğan", "TURGOV"),
        ("Erdogan's", "TURGOV"),
        ("Xi", "CHNGOV"),
        ("Kiev", "UKRGOV"),
        ("Peking", "CHNGOV"),
        ("Burma", "MMR"),
        ("Holland", "NLD"),
        ("the U.S.", "USA"),
        ("Britain", "GBR"),
        ("Downing Street", "GBRGOV"),
        ("the Elysee", "FRAGOV"),
        ("the Élysée", "FRAGOV"),
        ("Daesh", "IMGMUSISI"),
        ("al-Qaida", "IMGMUSALQ"),
    ],
)
def test_resolve_aliases_and_transliterations(resolver: ActorResolver, text: str, code: str) -> None:
    actor = resolver.resolve(text, ON)
    assert actor is not None and actor.code == code


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("Zelenskky", "UKRGOV", "Volodymyr Zelensky"),
        ("Erdogn", "TURGOV", "Recep Tayyip Erdogan"),
        ("Lukansk separatists", "UKRSEPLPR", "Luhansk People's Republic"),
    ],
)
def test_resolve_misspelling_is_fuzzy(resolver: ActorResolver, text: str, code: str, name: str) -> None:
    actor = resolver.resolve(text, ON)
    assert actor is not None
    assert (actor.code, actor.name, actor.matched_by) == (code, name, "fuzzy")


def test_resolve_fuzzy_ignores_lowercase_words(resolver: ActorResolver) -> None:
    # "zelenskky" in lowercase is not treated as a name: only capitalised tokens are corrected.
    assert resolver.resolve("zelenskky", ON) is None


def test_resolve_is_cached(resolver: ActorResolver) -> None:
    first = resolver.resolve("Israeli troops", ON)
    assert resolver.resolve("Israeli troops", ON) is first


def test_resolve_cached_call_is_fast(resolver: ActorResolver) -> None:
    resolver.resolve("the Russian president", ON)
    calls = 2000
    start = time.perf_counter()
    for _ in range(calls):
        resolver.resolve("the Russian president", ON)
    per_call = (time.perf_counter() - start) / calls
    assert per_call < 50e-6


# ------------------------------------------------------------------------------ places


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("Basra", "IRQ", "Basra"),
        ("Tel Aviv", "ISR", "Tel Aviv"),
        ("the Donbas", "UKR", "Donbas"),
        ("Odessa", "UKR", "Odesa"),
        ("Crimea", "UKR", "Crimea"),
        ("Golan Heights", "SYR", "Golan Heights"),
        ("Nagorno-Karabakh", "AZE", "Nagorno-Karabakh"),
        ("Khan Younis", "PSE", "Khan Younis"),
    ],
)
def test_resolve_place_alone_is_its_country(resolver: ActorResolver, text: str, code: str, name: str) -> None:
    actor = resolver.resolve(text, ON)
    assert actor is not None
    assert (actor.code, actor.country, actor.sector, actor.name, actor.matched_by) == (code, code, None, name, "place")


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [("Basra police", "IRQCOP", "COP"), ("Kharkiv authorities", "UKRGOV", "GOV"), ("Idlib rebels", "SYRREB", "REB")],
)
def test_resolve_place_with_agent_noun(resolver: ActorResolver, text: str, code: str, sector: str) -> None:
    actor = resolver.resolve(text, ON)
    assert actor is not None
    assert (actor.code, actor.country, actor.sector, actor.matched_by) == (code, code[:3], sector, "adjective+sector")


def test_resolve_place_title_names_no_national_holder(resolver: ActorResolver) -> None:
    # Crimea's "prime minister" is not Ukraine's prime minister in office on that date.
    actor = resolver.resolve("the Crimea prime minister", ON)
    assert actor is not None
    assert (actor.code, actor.name, actor.matched_by, actor.valid_from) == ("UKRGOV", "Ukraine", "adjective+sector", None)


@pytest.mark.parametrize(
    ("text", "code", "matched_by"),
    [
        ("Russian troops in Kharkiv", "RUSMIL", "adjective+sector"),  # country adjective
        ("Kharkiv and Kyiv", "UKRGOV", "capital"),  # capital later in the phrase
        ("Mosul and Syria", "SYR", "country"),
        ("Western diplomats in Mosul", "WSTGOV", "adjective+sector"),  # region
        ("Hamas fighters in Khan Younis", "PSEREBHMS", "org"),
        ("NATO troops in Kharkiv", "IGOWSTNAT", "org"),  # an international body is not placed by a town
        ("the Basra UN office", "IGOUNO", "org"),  # nor named by a town before it
        ("President Putin in St Petersburg", "RUSGOV", "person"),
        ("the Duma in St Petersburg", "RUSLEG", "institution"),
    ],
)
def test_resolve_place_ranks_below_other_names(
    resolver: ActorResolver, text: str, code: str, matched_by: str
) -> None:
    actor = resolver.resolve(text, ON)
    assert actor is not None
    assert (actor.code, actor.matched_by) == (code, matched_by)


def test_resolve_region_adjective_before_place_is_a_direction(resolver: ActorResolver) -> None:
    actor = resolver.resolve("western Mosul", ON)
    assert actor is not None
    assert (actor.code, actor.matched_by) == ("IRQ", "place")


def test_resolve_place_does_not_block_fuzzy_person(resolver: ActorResolver) -> None:
    actor = resolver.resolve("Zelenskky in Kharkiv", ON)
    assert actor is not None
    assert (actor.code, actor.name, actor.matched_by) == ("UKRGOV", "Volodymyr Zelensky", "fuzzy")


def test_resolve_place_names_are_not_fuzzy_targets(resolver: ActorResolver) -> None:
    # The surname "Shirazi" is one letter from the Iranian city Shiraz; it must stay unknown.
    assert resolver.resolve("Shirazi", ON) is None


# ------------------------------------------------------------------------------ term boundaries


@pytest.mark.parametrize(
    ("text", "on", "code", "name"),
    [
        # Obama -> Trump on 2017-01-20: the handover day belongs to the incoming president.
        ("the US president", date(2017, 1, 19), "USAGOV", "Barack Obama"),
        ("the US president", date(2017, 1, 20), "USAGOV", "Donald Trump"),
        ("the US president", date(2017, 1, 21), "USAGOV", "Donald Trump"),
        ("Obama", date(2017, 1, 20), "USAGOV", "Barack Obama"),
        ("Obama", date(2017, 1, 21), "USAELI", "Barack Obama"),
        ("Trump", date(2017, 1, 19), "USAELI", "Donald Trump"),
        # Trump's two terms with Biden between them.
        ("Trump", date(2023, 6, 1), "USAELI", "Donald Trump"),
        ("Trump", date(2025, 1, 20), "USAGOV", "Donald Trump"),
        ("Biden", date(2025, 1, 21), "USAELI", "Joe Biden"),
        # Johnson -> Truss -> Sunak in 2022.
        ("the British prime minister", date(2022, 9, 5), "GBRGOV", "Boris Johnson"),
        ("the British prime minister", date(2022, 9, 7), "GBRGOV", "Liz Truss"),
        ("the British prime minister", date(2022, 10, 26), "GBRGOV", "Rishi Sunak"),
        ("Truss", date(2022, 10, 26), "GBRELI", "Liz Truss"),
    ],
)
def test_resolve_term_change_both_sides(resolver: ActorResolver, text: str, on: date, code: str, name: str) -> None:
    actor = resolver.resolve(text, on)
    assert actor is not None
    assert (actor.code, actor.name) == (code, name)


@pytest.mark.parametrize(
    ("on", "code", "sector"),
    [
        (date(2013, 10, 16), "NORGOV", "GOV"),  # last day as Norwegian prime minister
        (date(2013, 10, 17), "NORELI", "ELI"),  # between Oslo and Brussels
        (date(2014, 9, 30), "NORELI", "ELI"),
        (date(2014, 10, 1), "IGOWSTNAT", None),  # first day at NATO
        (date(2024, 10, 1), "IGOWSTNAT", None),
        (date(2024, 10, 2), "NORELI", "ELI"),
        (date(2025, 2, 4), "NORGOV", "GOV"),  # back in Oslo as finance minister
    ],
)
def test_resolve_stoltenberg_two_careers(resolver: ActorResolver, on: date, code: str, sector: str | None) -> None:
    actor = resolver.resolve("Jens Stoltenberg", on)
    assert actor is not None
    assert (actor.code, actor.sector, actor.name) == (code, sector, "Jens Stoltenberg")


@pytest.mark.parametrize(
    ("text", "on", "code"),
    [
        ("former President Obama", date(2020, 1, 1), "USAELI"),
        ("Tony Blair", date(2010, 1, 1), "GBRELI"),
        ("Angela Merkel", date(2023, 1, 1), "DEUELI"),
        ("Silvio Berlusconi", date(2007, 1, 1), "ITAELI"),  # between his terms
        ("the former Russian president", date(2022, 2, 15), "RUSELI"),
    ],
)
def test_resolve_former_leader_is_elite(resolver: ActorResolver, text: str, on: date, code: str) -> None:
    actor = resolver.resolve(text, on)
    assert actor is not None
    assert (actor.code, actor.sector) == (code, "ELI")


@pytest.mark.parametrize(
    ("text", "on", "code", "name", "matched_by"),
    [
        ("Stoltenburg", date(2016, 6, 1), "IGOWSTNAT", "Jens Stoltenberg", "fuzzy"),
        ("Netanyhau", date(2024, 1, 1), "ISRGOV", "Benjamin Netanyahu", "fuzzy"),
        ("Netanyhau", date(2022, 2, 15), "ISRELI", "Benjamin Netanyahu", "fuzzy"),  # Bennett's time
        ("Sergey Lavrov", date(2022, 2, 15), "RUSGOV", "Sergei Lavrov", "person"),
        ("Dmitri Medvedev", date(2022, 2, 15), "RUSELI", "Dmitry Medvedev", "person"),
    ],
)
def test_resolve_alias_and_misspelling_of_person(
    resolver: ActorResolver, text: str, on: date, code: str, name: str, matched_by: str
) -> None:
    actor = resolver.resolve(text, on)
    assert actor is not None
    assert (actor.code, actor.name, actor.matched_by) == (code, name, matched_by)


@pytest.mark.parametrize("text", ["Jane Quibbleworth", "Mr Zorblax", "Jorge Pemberton"])
def test_resolve_unknown_name_is_none(resolver: ActorResolver, text: str) -> None:
    assert resolver.resolve(text, ON) is None


def test_resolve_user_file_wins_over_builtin(tmp_path) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text(
        "person_id\tname\taliases\tcountry\trole\tcode\tstart\tend\n"
        "sol_iara\tIara Sol\tSol\tBRA\tpresident\tBRAGOV\t2030-01-01\t\n",
        encoding="utf-8",
    )
    user = ActorResolver(load_gazetteer(None, path))
    on = date(2030, 3, 1)
    assert [(a.code, a.name) for a in (user.resolve("the Brazilian president", on), user.resolve("Lula", on))] == [  # type: ignore[union-attr]
        ("BRAGOV", "Iara Sol"), ("BRAELI", "Luiz Inacio Lula da Silva"),
    ]
