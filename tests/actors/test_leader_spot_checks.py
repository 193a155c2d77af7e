"""Spot checks of 55 leaders in the packaged people table, across every continent it covers.

For each leader: on a day inside a term the name resolves to the country's government
(country + GOV); on a day outside all their terms it resolves to a former/future elite
(country + ELI) and the office has another holder or none. Every continent has five or more.
"""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.actors import ActorResolver
from flashpoint.resources.gazetteer import Gazetteer, load_gazetteer

D = date.fromisoformat

# (continent, name as written, country, role, a day in office, a day out of every office)
LEADERS = [
    ("Africa", "Thabo Mbeki", "ZAF", "president", "2005-06-01", "2012-06-01"),
    ("Africa", "Kgalema Motlanthe", "ZAF", "president", "2009-01-01", "2016-06-01"),
    ("Africa", "Jacob Zuma", "ZAF", "president", "2012-06-01", "2020-06-01"),
    ("Africa", "Cyril Ramaphosa", "ZAF", "president", "2022-06-01", "2005-06-01"),
    ("Africa", "Muhammadu Buhari", "NGA", "president", "2018-06-01", "2024-06-01"),
    ("Africa", "Uhuru Kenyatta", "KEN", "president", "2016-06-01", "2023-06-01"),
    ("Africa", "Abdel Fattah el-Sisi", "EGY", "president", "2020-06-01", "2010-06-01"),
    ("Africa", "Abiy Ahmed", "ETH", "prime_minister", "2020-06-01", "2015-06-01"),
    ("Africa", "Nana Akufo-Addo", "GHA", "president", "2020-06-01", "2025-06-01"),
    ("Oceania", "John Howard", "AUS", "prime_minister", "2000-06-01", "2010-06-01"),
    ("Oceania", "Kevin Rudd", "AUS", "prime_minister", "2009-06-01", "2016-06-01"),
    ("Oceania", "Julia Gillard", "AUS", "prime_minister", "2012-06-01", "2016-06-01"),
    ("Oceania", "Tony Abbott", "AUS", "prime_minister", "2014-06-01", "2018-06-01"),
    ("Oceania", "Malcolm Turnbull", "AUS", "prime_minister", "2017-06-01", "2020-06-01"),
    ("Oceania", "Anthony Albanese", "AUS", "prime_minister", "2023-06-01", "1990-06-01"),
    ("South America", "Fernando de la Rua", "ARG", "president", "2000-06-01", "2005-06-01"),
    ("South America", "Mauricio Macri", "ARG", "president", "2017-06-01", "2021-06-01"),
    ("South America", "Javier Milei", "ARG", "president", "2024-06-01", "2020-06-01"),
    ("South America", "Fernando Henrique Cardoso", "BRA", "president", "2000-06-01", "2010-06-01"),
    ("South America", "Dilma Rousseff", "BRA", "president", "2013-06-01", "2018-06-01"),
    ("South America", "Jair Bolsonaro", "BRA", "president", "2020-06-01", "2024-06-01"),
    ("North America", "George W. Bush", "USA", "president", "2005-06-01", "2012-06-01"),
    ("North America", "Bill Clinton", "USA", "president", "2000-06-01", "2005-06-01"),
    ("North America", "Barack Obama", "USA", "president", "2010-06-01", "2020-06-01"),
    ("North America", "Jean Chretien", "CAN", "prime_minister", "2000-06-01", "2005-06-01"),
    ("North America", "Stephen Harper", "CAN", "prime_minister", "2010-06-01", "2018-06-01"),
    ("North America", "Justin Trudeau", "CAN", "prime_minister", "2020-06-01", "2026-01-01"),
    ("North America", "Vicente Fox", "MEX", "president", "2003-06-01", "2010-06-01"),
    ("North America", "Felipe Calderon", "MEX", "president", "2010-06-01", "2015-06-01"),
    ("Asia", "Xi Jinping", "CHN", "president", "2015-06-01", "1995-06-01"),
    ("Asia", "Hu Jintao", "CHN", "president", "2008-06-01", "2015-06-01"),
    ("Asia", "Narendra Modi", "IND", "prime_minister", "2020-06-01", "1995-06-01"),
    ("Asia", "Manmohan Singh", "IND", "prime_minister", "2010-06-01", "2016-06-01"),
    ("Asia", "Junichiro Koizumi", "JPN", "prime_minister", "2004-06-01", "2010-06-01"),
    ("Asia", "Susilo Bambang Yudhoyono", "IDN", "president", "2010-06-01", "2016-06-01"),
    ("Asia", "Moon Jae-in", "KOR", "president", "2020-06-01", "2023-06-01"),
    ("Asia", "Kim Jong Un", "PRK", "leader", "2020-06-01", "2005-06-01"),
    ("Asia", "Mohammad Khatami", "IRN", "president", "2000-06-01", "2010-06-01"),
    ("Asia", "Hassan Rouhani", "IRN", "president", "2015-06-01", "2022-06-01"),
    ("Asia", "Ariel Sharon", "ISR", "prime_minister", "2003-06-01", "2008-06-01"),
    ("Asia", "Recep Tayyip Erdogan", "TUR", "president", "2020-06-01", "1990-06-01"),
    ("Asia", "Bashar al-Assad", "SYR", "president", "2010-06-01", "2025-06-01"),
    ("Europe", "Jacques Chirac", "FRA", "president", "2000-06-01", "2010-06-01"),
    ("Europe", "Nicolas Sarkozy", "FRA", "president", "2010-06-01", "2015-06-01"),
    ("Europe", "Francois Hollande", "FRA", "president", "2015-06-01", "2020-06-01"),
    ("Europe", "Emmanuel Macron", "FRA", "president", "2020-06-01", "2010-06-01"),
    ("Europe", "Gerhard Schroeder", "DEU", "chancellor", "2000-06-01", "2010-06-01"),
    ("Europe", "Angela Merkel", "DEU", "chancellor", "2010-06-01", "2023-06-01"),
    ("Europe", "Tony Blair", "GBR", "prime_minister", "2000-06-01", "2010-06-01"),
    ("Europe", "Donald Tusk", "POL", "prime_minister", "2010-06-01", "2021-06-01"),
    ("Europe", "Leonid Kuchma", "UKR", "president", "2000-06-01", "2010-06-01"),
    ("Europe", "Petro Poroshenko", "UKR", "president", "2016-06-01", "2021-06-01"),
    ("Europe", "Silvio Berlusconi", "ITA", "prime_minister", "2005-06-01", "2015-06-01"),
    ("Europe", "Giorgia Meloni", "ITA", "prime_minister", "2023-06-01", "2015-06-01"),
    ("Europe", "Vladimir Putin", "RUS", "president", "2015-06-01", "1995-06-01"),
]
IDS = [row[1] for row in LEADERS]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def resolver(gazetteer: Gazetteer) -> ActorResolver:
    return ActorResolver(gazetteer)


def test_leader_spot_checks_cover_every_continent() -> None:
    per_continent: dict[str, int] = {}
    for continent, *_ in LEADERS:
        per_continent[continent] = per_continent.get(continent, 0) + 1
    assert len(LEADERS) == 55
    assert len(set(IDS)) == 55
    assert per_continent == {
        "Africa": 9, "Oceania": 6, "South America": 6, "North America": 8, "Asia": 13, "Europe": 13,
    }
    assert min(per_continent.values()) >= 5


@pytest.mark.parametrize(("continent", "text", "country", "role", "inside", "outside"), LEADERS, ids=IDS)
def test_leader_in_office_is_government(
    gazetteer: Gazetteer, resolver: ActorResolver,
    continent: str, text: str, country: str, role: str, inside: str, outside: str,
) -> None:
    actor = resolver.resolve(text, D(inside))
    assert actor is not None
    assert (actor.code, actor.country, actor.sector, actor.matched_by) == (country + "GOV", country, "GOV", "person")
    holder = gazetteer.holder(country, role, D(inside))
    assert holder is not None and holder.name == actor.name


@pytest.mark.parametrize(("continent", "text", "country", "role", "inside", "outside"), LEADERS, ids=IDS)
def test_leader_out_of_office_is_elite(
    gazetteer: Gazetteer, resolver: ActorResolver,
    continent: str, text: str, country: str, role: str, inside: str, outside: str,
) -> None:
    actor = resolver.resolve(text, D(outside))
    assert actor is not None
    assert (actor.code, actor.country, actor.sector, actor.valid_from) == (country + "ELI", country, "ELI", None)
    holder = gazetteer.holder(country, role, D(outside))
    assert holder is None or holder.name != actor.name
