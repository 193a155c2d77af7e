"""GDELT 2.0 event table export: 61 tab-separated columns in GDELT's order, no header.

Layout from the GDELT 2.0 Event Database codebook (the `*.export.CSV` files): the columns
below, in this order, tab-separated, one event per line. Fields flashpoint does not know
(ethnic and religion codes, tone, coordinates, ...) are written empty, as GDELT writes an
unknown field. Mapping from the `events` table:

    GLOBALEVENTID   a stable 60-bit integer from event_id (or cluster_id, see `clusters`)
    SQLDATE         event_date (article_date when undated) as YYYYMMDD; MonthYear YYYYMM, Year YYYY
    FractionDate    Year + ((month - 1) * 30 + day) / 365, 4 decimals, as GDELT computes it
    Actor1*/Actor2* source_*/target_*: Code, Name (the text, upper-cased as GDELT's names are),
                    CountryCode (the actor's country), Type1Code (its sector)
    IsRootEvent     1 when coded from the article's first sentence (GDELT: lead paragraph)
    EventCode       cameo ("0874", leading zero kept); EventBaseCode its first 3 digits;
                    EventRootCode root; QuadClass quad_class; GoldsteinScale goldstein
    NumMentions, NumSources, NumArticles   1 per mention, or the cluster's counts
    ActionGeo_*     the event's place (place, place_country, place_kind): Type 1 country, 4 city,
                    5 region or territory; FullName "Kharkiv, Ukraine"; CountryCode, and for a
                    country ADM1Code and FeatureID, the FIPS 10-4 code GDELT uses ("UP").
                    No coordinates (the gazetteer has none); Actor1Geo/Actor2Geo stay empty.
    DATEADDED       article_date as YYYYMMDD000000 (UTC)
    SOURCEURL       a `url` column when the frame has one, else the article id
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pandas

from flashpoint.errors import QueryError
from flashpoint.export.columns import cell, day, require_columns, write_lines

__all__ = ["GDELT_COLUMNS", "CountryGeo", "gdelt_rows", "global_event_id", "to_gdelt"]

# CAMEO country code -> (FIPS 10-4 code, country name), each None when unknown.
CountryGeo = Callable[[str], tuple[str | None, str | None]]
_GEO_TYPES = {"country": "1", "city": "4", "region": "5", "territory": "5"}

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{name}" for name in _ACTOR_FIELDS)
    + tuple(f"Actor2{name}" for name in _ACTOR_FIELDS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"{who}Geo_{name}" for who in ("Actor1", "Actor2", "Action") for name in _GEO_FIELDS)
    + ("DATEADDED", "SOURCEURL")
)  # fmt: skip

READ_COLUMNS = (
    "event_id", "article_id", "article_date", "sentence_index", "source_text", "source_code",
    "source_country", "source_sector", "target_text", "target_code", "target_country",
    "target_sector", "cameo", "root", "goldstein", "quad_class", "mode", "event_date",
)  # fmt: skip


def global_event_id(event_id: str) -> int:
    """A positive integer (< 2**60, fits GDELT's INTEGER/BIGINT readers) stable for `event_id`.

    A 16-hex event id gives its first 15 hex digits; any other string is hashed first.
    """
    text = str(event_id)
    if len(text) < 15 or any(c not in "0123456789abcdef" for c in text[:15]):
        text = hashlib.sha1(text.encode("utf-8")).hexdigest()
    return int(text[:15], 16)


def _field(value: Any) -> str:
    """One field: missing -> empty, tabs and newlines (which would break the layout) -> space."""
    value = cell(value)
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _fraction_date(when: date) -> str:
    return f"{when.year + ((when.month - 1) * 30 + when.day) / 365:.4f}"


def _actor(row: Mapping[str, Any], prefix: str) -> list[str]:
    name = cell(row.get(f"{prefix}_text"))
    return [
        _field(row.get(f"{prefix}_code")),
        _field(name.upper() if isinstance(name, str) else name),
        _field(row.get(f"{prefix}_country")),
        "", "", "", "",  # known group, ethnic, religion 1 and 2: not coded
        _field(row.get(f"{prefix}_sector")),
        "", "",
    ]  # fmt: skip


def _gazetteer_geo() -> CountryGeo:
    """FIPS codes and names from the packaged gazetteer (loaded once per process)."""
    from flashpoint.resources import load_resources  # only an export with places needs it

    gazetteer = load_resources().gazetteer
    return lambda code: (gazetteer.fips(code), gazetteer.name_of(code))


def _action_geo(row: Mapping[str, Any], geo: Callable[[], CountryGeo]) -> list[str]:
    """The 8 ActionGeo fields of a row's place (all empty without one)."""
    name = cell(row.get("place"))
    if name is None:
        return [""] * len(_GEO_FIELDS)
    kind, country = cell(row.get("place_kind")), cell(row.get("place_country"))
    fips, country_name = geo()(str(country)) if country is not None else (None, None)
    full = str(name) if kind == "country" or not country_name else f"{name}, {country_name}"
    at_country = fips or "" if kind == "country" else ""
    return [_GEO_TYPES.get(str(kind), ""), _field(full), fips or "", at_country, "", "", "", at_country]


def _line(
    row: Mapping[str, Any], counts: tuple[int, int, int], id_source: str, geo: Callable[[], CountryGeo]
) -> list[str]:
    when = day(row.get("event_date")) or day(row.get("article_date"))
    published = day(row.get("article_date")) or when
    cameo = _field(row.get("cameo"))
    quad = cell(row.get("quad_class"))
    goldstein = cell(row.get("goldstein"))
    sentence_index = cell(row.get("sentence_index"))
    url = cell(row.get("url"))
    fields = [
        str(global_event_id(id_source)),
        when.strftime("%Y%m%d") if when else "",
        when.strftime("%Y%m") if when else "",
        str(when.year) if when else "",
        _fraction_date(when) if when else "",
        *_actor(row, "source"),
        *_actor(row, "target"),
        "1" if sentence_index is not None and int(sentence_index) == 0 else "0",
        cameo,
        cameo[:3],
        _field(row.get("root")) or cameo[:2],
        str(int(quad)) if quad is not None else "",
        f"{float(goldstein):g}" if goldstein is not None else "",
        *(str(n) for n in counts),
        "",  # AvgTone: flashpoint measures no tone
        *([""] * (2 * len(_GEO_FIELDS))),  # Actor1Geo, Actor2Geo: where the actors are is not coded
        *_action_geo(row, geo),
        published.strftime("%Y%m%d000000") if published else "",
        _field(url) if url is not None else _field(row.get("article_id")),
    ]
    return fields


def gdelt_rows(
    events_df: pandas.DataFrame,
    *,
    asserted_only: bool = True,
    clusters: pandas.DataFrame | None = None,
    geo: CountryGeo | None = None,
) -> Iterator[list[str]]:
    """The GDELT lines (61 string fields each) for `events_df`, in its row order.

    With `clusters` (rows of the `clusters` table) one line per cluster is written: its
    earliest mention (by article date, article id, sentence) stands for it, GLOBALEVENTID
    derives from the cluster id and NumMentions / NumSources / NumArticles are the cluster's
    n_mentions / n_articles / n_articles. Mentions without a cluster are written alone.
    `geo` gives FIPS codes and country names for the ActionGeo fields (default: the
    packaged gazetteer, loaded only when a row has a place).

    Raises:
        QueryError: a needed column is missing.
    """
    require_columns(events_df, READ_COLUMNS)
    lookup: list[CountryGeo] = [geo] if geo is not None else []

    def country_geo() -> CountryGeo:
        if not lookup:
            lookup.append(_gazetteer_geo())
        return lookup[0]

    rows = events_df.to_dict("records")
    if asserted_only:
        rows = [row for row in rows if cell(row.get("mode")) == "asserted"]
    if clusters is None:
        for row in rows:
            yield _line(row, (1, 1, 1), str(row["event_id"]), country_geo)
        return
    if "cluster_id" not in events_df.columns:
        raise QueryError("events lack the column cluster_id needed to export clusters")
    counts = {
        str(c["cluster_id"]): (int(c["n_mentions"]), int(c["n_articles"]), int(c["n_articles"]))
        for c in clusters.to_dict("records")
    }
    written: set[str] = set()
    ordered = sorted(
        rows,
        key=lambda r: (
            (day(r.get("article_date")) or date.max).isoformat(),
            str(r["article_id"]),
            int(cell(r.get("sentence_index")) or 0),
        ),
    )
    for row in ordered:
        cluster_id = cell(row.get("cluster_id"))
        if cluster_id is None or str(cluster_id) not in counts:
            yield _line(row, (1, 1, 1), str(row["event_id"]), country_geo)
        elif str(cluster_id) not in written:
            written.add(str(cluster_id))
            yield _line(row, counts[str(cluster_id)], str(cluster_id), country_geo)


def to_gdelt(
    events_df: pandas.DataFrame,
    path: str | Path,
    *,
    asserted_only: bool = True,
    clusters: pandas.DataFrame | None = None,
    geo: CountryGeo | None = None,
) -> int:
    """Write `events_df` in the GDELT 2.0 event table layout (see module docstring).

    Only asserted events by default (GDELT has no negated or hypothetical events); pass
    `clusters` to write one line per de-duplicated event. No header line, as in GDELT's
    files; `GDELT_COLUMNS` names the fields. Returns the number of lines written.

    Raises:
        QueryError: a needed column is missing, or the file cannot be written.
    """
    return write_lines(path, ("\t".join(fields) for fields in gdelt_rows(events_df, asserted_only=asserted_only, clusters=clusters, geo=geo)))
