"""Named, parameterised reads of the event store, returned as pandas DataFrames.

User values only ever reach DuckDB as bound parameters ("?"), never inside the SQL text;
the few SQL fragments chosen by an argument (the trend period) come from fixed tables here.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from flashpoint.errors import QueryError
from flashpoint.model import Mode

if TYPE_CHECKING:
    import duckdb
    import pandas

__all__ = [
    "FREQS",
    "actor_edges",
    "article",
    "articles",
    "clusters_near",
    "count_events",
    "event",
    "event_records",
    "events",
    "quote_speakers",
    "quotes",
    "sentences",
    "trend_counts",
]

# freq -> (date_trunc part, step of the filled period series); chosen from this table only.
FREQS: dict[str, tuple[str, str]] = {
    "day": ("day", "INTERVAL 1 DAY"),
    "week": ("week", "INTERVAL 7 DAY"),
    "month": ("month", "INTERVAL 1 MONTH"),
}
_MODES = frozenset(m.value for m in Mode)
# An event without a date of its own happened, as far as the text says, around the article date.
_EVENT_DAY = "COALESCE(event_date, article_date)"


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> pandas.DataFrame:
    with warnings.catch_warnings():
        # duckdb 2.0 converts TIMESTAMPTZ columns with DataFrame.drop(inplace=True), which
        # pandas 3.1 deprecates; the warning is theirs to fix and says nothing to our users.
        warnings.filterwarnings("ignore", message="The inplace keyword in DataFrame.drop")
        return con.execute(sql, params).df()


def _day(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise QueryError(f"{name}={value!r} is not a date like 2022-02-15") from None


def _count(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise QueryError(f"{name}={value!r} must be a whole number, 0 or more")
    return value


def _root(value: str | int) -> str:
    text = str(value).strip()
    if not text.isdigit() or len(text) > 2:
        raise QueryError(f"root={value!r} is not a CAMEO root code like 11 or 19")
    return text.zfill(2)


def _event_filters(
    *,
    source: str | None = None,
    target: str | None = None,
    root: str | int | None = None,
    mode: str | Mode | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    text: str | None = None,
    article_id: str | None = None,
) -> tuple[str, list[Any]]:
    """The WHERE clause (empty, or starting with " WHERE") and its parameters for event filters."""
    where: list[str] = []
    params: list[Any] = []
    if source:
        where.append("starts_with(source_code, ?)")
        params.append(source.upper())
    if target:
        where.append("starts_with(target_code, ?)")
        params.append(target.upper())
    if root is not None and root != "":
        where.append("root = ?")
        params.append(_root(root))
    if mode is not None:
        value = mode.value if isinstance(mode, Mode) else str(mode).lower()
        if value not in _MODES:
            raise QueryError(f"mode={mode!r} is not one of {', '.join(sorted(_MODES))}")
        where.append("mode = ?")
        params.append(value)
    if (start := _day(since, "since")) is not None:
        where.append(f"{_EVENT_DAY} >= ?")
        params.append(start)
    if (end := _day(until, "until")) is not None:
        where.append(f"{_EVENT_DAY} <= ?")
        params.append(end)
    for word in (text or "").split():
        where.append("contains(lower(sentence), ?)")
        params.append(word.lower())
    if article_id is not None:
        where.append("article_id = ?")
        params.append(article_id)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _events_sql(
    filters: dict[str, Any], limit: int | None, offset: int, newest_first: bool
) -> tuple[str, list[Any]]:
    where, params = _event_filters(**filters)
    sql = "SELECT * FROM events" + where
    if newest_first:
        sql += f" ORDER BY {_EVENT_DAY} DESC NULLS LAST, article_id, sentence_index, action_start, event_id"
    else:
        sql += f" ORDER BY {_EVENT_DAY} NULLS LAST, article_id, sentence_index, action_start, event_id"
    if (n := _count(limit, "limit")) is not None:
        sql += " LIMIT ?"
        params.append(n)
    if _count(offset, "offset"):
        sql += " OFFSET ?"
        params.append(offset)
    return sql, params


def events(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str | None = None,
    target: str | None = None,
    root: str | int | None = None,
    mode: str | Mode | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    text: str | None = None,
    article_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = False,
) -> pandas.DataFrame:
    """Stored event mentions, oldest first (newest first with `newest_first`), with every events column.

    `source`/`target` match an actor-code prefix ("RUS" matches "RUSGOV"); `root` is the
    two-digit CAMEO root; `since`/`until` bound the event date (the article date when the
    event has none), both inclusive; `text` keeps sentences containing every word
    (case-insensitive). No match is an empty frame.

    Raises:
        QueryError: a filter value cannot be used (bad date, mode, root, limit).
    """
    filters = {"source": source, "target": target, "root": root, "mode": mode, "since": since, "until": until,
               "text": text, "article_id": article_id}  # fmt: skip
    sql, params = _events_sql(filters, limit, offset, newest_first)
    return _frame(con, sql, params)


def event_records(
    con: duckdb.DuckDBPyConnection,
    *,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = False,
    **filters: Any,
) -> list[dict[str, Any]]:
    """The rows of `events(...)` as dicts of Python values (dates as datetime.date), for a
    page of a web API: no DataFrame is built, which is most of the cost of a 50-row page.

    Raises:
        QueryError: a filter value cannot be used.
    """
    sql, params = _events_sql(filters, limit, offset, newest_first)
    cursor = con.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def count_events(con: duckdb.DuckDBPyConnection, **filters: Any) -> int:
    """How many stored event mentions match `filters` (the filters of `events`, without paging).

    Raises:
        QueryError: a filter value cannot be used.
    """
    where, params = _event_filters(**filters)
    row = con.execute("SELECT count(*) FROM events" + where, params).fetchone()
    return int(row[0]) if row else 0


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> pandas.DataFrame:
    """The events row with this id (every column), with its sentence's character offsets
    (`sentence_start`, `sentence_end`); an empty frame when there is none."""
    sql = """
        SELECT e.*, s.start_char AS sentence_start, s.end_char AS sentence_end
        FROM events e
        LEFT JOIN sentences s ON s.article_id = e.article_id AND s.sentence_index = e.sentence_index
        WHERE e.event_id = ?
    """
    return _frame(con, sql, [event_id])


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> pandas.DataFrame:
    """The articles row with this id, text included; an empty frame when there is none."""
    sql = "SELECT id, url, source, title, published, text, hash, ingested_at FROM articles WHERE id = ?"
    return _frame(con, sql, [article_id])


def sentences(con: duckdb.DuckDBPyConnection, article_id: str) -> pandas.DataFrame:
    """An article's sentences in order: sentence_index, start_char, end_char, text."""
    sql = "SELECT sentence_index, start_char, end_char, text FROM sentences WHERE article_id = ? ORDER BY sentence_index"
    return _frame(con, sql, [article_id])


# level -> SQL expression of an actor in the network; chosen from this table only.
_ACTOR_LEVELS = {"country": "left({column}, 3)", "code": "{column}"}


def actor_edges(
    con: duckdb.DuckDBPyConnection,
    *,
    level: str = "country",
    mode: str | Mode | None = "asserted",
    since: date | str | None = None,
    until: date | str | None = None,
    min_count: int = 1,
    limit: int | None = 200,
) -> pandas.DataFrame:
    """Who acts on whom: one row per (source, target) pair of resolved actors with
    n (event mentions), goldstein_mean, conflict (QuadClass 3-4 mentions) and last_date,
    heaviest first. `level` "country" groups codes by their first three letters (RUSGOV
    and RUSMIL are RUS); "code" keeps full codes. Events without a resolved source or
    target are left out; so are pairs with fewer than `min_count` mentions.

    Raises:
        QueryError: unknown `level`, bad mode, date, min_count or limit.
    """
    if level not in _ACTOR_LEVELS:
        raise QueryError(f"level={level!r} is not one of {', '.join(_ACTOR_LEVELS)}")
    source = _ACTOR_LEVELS[level].format(column="source_code")
    target = _ACTOR_LEVELS[level].format(column="target_code")
    where, params = _event_filters(mode=mode, since=since, until=until)
    where = (where + " AND " if where else " WHERE ") + "source_code IS NOT NULL AND target_code IS NOT NULL"
    sql = f"""
        SELECT {source} AS source, {target} AS target, count(*) AS n,
               avg(goldstein) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class >= 3) AS conflict,
               max({_EVENT_DAY}) AS last_date
        FROM events{where}
        GROUP BY 1, 2
        HAVING count(*) >= ?
        ORDER BY n DESC, source, target
    """
    params.append(_count(min_count, "min_count") or 1)
    if (n := _count(limit, "limit")) is not None:
        sql += " LIMIT ?"
        params.append(n)
    return _frame(con, sql, params)


def quotes(
    con: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    *,
    article_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> pandas.DataFrame:
    """Stored quotes in article and text order. `speaker` matches a speaker-code prefix
    ("RUS" matches "RUSGOV") or, case-insensitively, part of the speaker's text ("Lavrov")."""
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append("(starts_with(speaker_code, ?) OR contains(lower(speaker_text), ?))")
        params.extend([speaker.upper(), speaker.lower()])
    if article_id is not None:
        where.append("article_id = ?")
        params.append(article_id)
    sql = "SELECT * FROM quotes"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY article_id, start_char, quote_id"
    if (n := _count(limit, "limit")) is not None:
        sql += " LIMIT ?"
        params.append(n)
    if _count(offset, "offset"):
        sql += " OFFSET ?"
        params.append(offset)
    return _frame(con, sql, params)


def quote_speakers(con: duckdb.DuckDBPyConnection, *, limit: int | None = 200) -> pandas.DataFrame:
    """Who is quoted: speaker_code, speaker_text (the most frequent wording), n quotes,
    most quoted first. Quotes without a speaker are counted under a NULL code and text."""
    sql = """
        SELECT speaker_code, mode(speaker_text) AS speaker_text, count(*) AS n
        FROM quotes
        GROUP BY speaker_code, CASE WHEN speaker_code IS NULL THEN speaker_text END
        ORDER BY n DESC, speaker_code NULLS LAST, speaker_text
    """
    params: list[Any] = []
    if (n := _count(limit, "limit")) is not None:
        sql += " LIMIT ?"
        params.append(n)
    return _frame(con, sql, params)


def articles(con: duckdb.DuckDBPyConnection, *, with_text: bool = False) -> pandas.DataFrame:
    """Stored articles in ingest order, with their number of sentences, events and quotes."""
    text = ", a.text" if with_text else ""
    sql = f"""
        SELECT a.id, a.url, a.source, a.title, a.published, a.hash, a.ingested_at{text},
               COALESCE(s.n, 0) AS n_sentences, COALESCE(e.n, 0) AS n_events, COALESCE(q.n, 0) AS n_quotes
        FROM articles a
        LEFT JOIN (SELECT article_id, count(*) AS n FROM sentences GROUP BY article_id) s ON s.article_id = a.id
        LEFT JOIN (SELECT article_id, count(*) AS n FROM events GROUP BY article_id) e ON e.article_id = a.id
        LEFT JOIN (SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id) q ON q.article_id = a.id
        ORDER BY a.ingested_at, a.id
    """
    return _frame(con, sql, [])


def trend_counts(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    target: str | None = None,
    freq: str = "day",
    since: date | str | None = None,
    until: date | str | None = None,
) -> pandas.DataFrame:
    """Asserted events of a dyad per period: period, n, q1..q4 (QuadClass counts),
    goldstein_sum, goldstein_mean.

    Each event counts on its own event date (the article date when it has none), so a
    background event reported today counts in the period it happened. Periods start on
    the day, the Monday or the first of the month; periods with no event between the
    first and the last are filled with zero counts and a NULL (NaN) mean.

    Raises:
        QueryError: unknown `freq`, or a bad date.
    """
    if freq not in FREQS:
        raise QueryError(f"freq={freq!r} is not one of {', '.join(FREQS)}")
    part, step = FREQS[freq]
    where = ["mode = 'asserted'", f"{_EVENT_DAY} IS NOT NULL", "starts_with(source_code, ?)"]
    params: list[Any] = [source.upper()]
    if target:
        where.append("starts_with(target_code, ?)")
        params.append(target.upper())
    if (start := _day(since, "since")) is not None:
        where.append(f"{_EVENT_DAY} >= ?")
        params.append(start)
    if (end := _day(until, "until")) is not None:
        where.append(f"{_EVENT_DAY} <= ?")
        params.append(end)
    sql = f"""
        WITH agg AS (
            SELECT CAST(date_trunc('{part}', {_EVENT_DAY}) AS DATE) AS period,
                   count(*) AS n,
                   count(*) FILTER (WHERE quad_class = 1) AS q1,
                   count(*) FILTER (WHERE quad_class = 2) AS q2,
                   count(*) FILTER (WHERE quad_class = 3) AS q3,
                   count(*) FILTER (WHERE quad_class = 4) AS q4,
                   sum(goldstein) AS goldstein_sum
            FROM events
            WHERE {" AND ".join(where)}
            GROUP BY period
        ),
        periods AS (
            SELECT CAST(unnest(generate_series(min(period), max(period), {step})) AS DATE) AS period FROM agg
        )
        SELECT p.period,
               COALESCE(a.n, 0) AS n, COALESCE(a.q1, 0) AS q1, COALESCE(a.q2, 0) AS q2,
               COALESCE(a.q3, 0) AS q3, COALESCE(a.q4, 0) AS q4,
               COALESCE(a.goldstein_sum, 0.0) AS goldstein_sum,
               a.goldstein_sum / a.n AS goldstein_mean
        FROM periods p LEFT JOIN agg a ON a.period = p.period
        ORDER BY p.period
    """
    return _frame(con, sql, params)


def clusters_near(
    con: duckdb.DuckDBPyConnection, *, dyads: list[str], since: list[date], until: list[date]
) -> pandas.DataFrame:
    """Stored clusters of these dyads ("RUS|UKR|19": country-level source and target codes,
    "-" for none, and the CAMEO root), each anchored between its own `since` and `until`
    (inclusive, same positions as `dyads`): on their event date, or, for undated clusters,
    on the day first seen. One query for a whole batch of articles."""
    if not len(dyads) == len(since) == len(until):
        raise QueryError("clusters_near: dyads, since and until must have the same length")
    sql = """
        WITH wanted AS (SELECT unnest(?) AS dyad, unnest(?) AS since, unnest(?) AS until)
        SELECT DISTINCT c.* FROM clusters c JOIN wanted w
          ON COALESCE(left(c.source_code, 3), '-') || '|' || COALESCE(left(c.target_code, 3), '-') || '|' || c.root = w.dyad
         AND COALESCE(c.event_date, CAST(c.first_seen AS DATE)) BETWEEN w.since AND w.until
        ORDER BY c.cluster_id
    """
    # A handful of rows per batch: building the frame from tuples beats .df() (~5x here).
    import pandas

    cursor = con.execute(sql, [list(dyads), list(since), list(until)])
    columns = [d[0] for d in cursor.description]
    return pandas.DataFrame(cursor.fetchall(), columns=columns)
