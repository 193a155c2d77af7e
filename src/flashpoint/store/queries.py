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

__all__ = ["FREQS", "articles", "clusters_near", "events", "quotes", "trend_counts"]

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
) -> pandas.DataFrame:
    """Stored event mentions, oldest first, with every events column.

    `source`/`target` match an actor-code prefix ("RUS" matches "RUSGOV"); `root` is the
    two-digit CAMEO root; `since`/`until` bound the event date (the article date when the
    event has none), both inclusive; `text` keeps sentences containing every word
    (case-insensitive). No match is an empty frame.

    Raises:
        QueryError: a filter value cannot be used (bad date, mode, root, limit).
    """
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
    sql = "SELECT * FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {_EVENT_DAY} NULLS LAST, article_id, sentence_index, action_start, event_id"
    if (n := _count(limit, "limit")) is not None:
        sql += " LIMIT ?"
        params.append(n)
    if _count(offset, "offset"):
        sql += " OFFSET ?"
        params.append(offset)
    return _frame(con, sql, params)


def quotes(
    con: duckdb.DuckDBPyConnection, speaker: str | None = None, *, article_id: str | None = None
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
