"""Trend benchmark: `trend_counts` over a store of N synthetic events.

    python benchmarks/trend.py [--events 1000000] [--runs 7] [--freq week] [--db PATH]

Builds a fresh store (a temporary file unless --db) and fills `events` with N synthetic rows
in one DuckDB statement: source and target drawn from 20 actor codes (RUS/RUSGOV/RUSMIL, UKR...),
CAMEO roots 01-20 with their QuadClass and a Goldstein score, modes mostly asserted, event
dates spread over three years. Then times `flashpoint.store.queries.trend_counts(source="RUS",
target="UKR", freq=...)` --runs times after one warm-up; the last line printed is

    trend over N events: X ms (median of K)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from flashpoint.store import open_store
from flashpoint.store.queries import trend_counts

# One INSERT ... SELECT over range(N): every column of `events` filled from hashes of the row number.
FILL_SQL = """
INSERT INTO events
SELECT
    printf('%016x', i) AS event_id,
    printf('a%08d', i // 5) AS article_id,
    DATE '2021-01-01' + CAST(i % 1095 AS INTEGER) AS article_date,
    CAST(i % 7 AS INTEGER) AS sentence_index,
    'Synthetic sentence number ' || i AS sentence,
    'src' AS source_text,
    ['RUS', 'RUSGOV', 'RUSMIL', 'UKR', 'UKRGOV', 'UKRMIL', 'USA', 'USAGOV', 'CHN', 'FRA',
     'DEU', 'GBR', 'TUR', 'IRN', 'ISR', 'PSE', 'IND', 'PAK', 'POL', 'BLR'][1 + CAST(hash(i) % 20 AS BIGINT)] AS source_code,
    NULL, NULL, 0, 3,
    'tgt' AS target_text,
    ['UKR', 'UKRGOV', 'UKRMIL', 'RUS', 'RUSGOV', 'USA', 'CHN', 'FRA', 'DEU', 'GBR',
     'TUR', 'IRN', 'ISR', 'PSE', 'IND', 'PAK', 'POL', 'BLR', 'NATO', 'EUR'][1 + CAST(hash(i + 1) % 20 AS BIGINT)] AS target_code,
    NULL, NULL, 10, 13,
    'acted', 5, 10,
    lpad(CAST(1 + CAST(hash(i + 2) % 20 AS BIGINT) AS VARCHAR), 2, '0') || '0' AS cameo,
    lpad(CAST(1 + CAST(hash(i + 2) % 20 AS BIGINT) AS VARCHAR), 2, '0') AS root,
    'synthetic' AS cameo_name,
    CAST(CAST(hash(i + 3) % 200 AS BIGINT) AS DOUBLE) / 10 - 10 AS goldstein,
    CAST(1 + CAST(hash(i + 2) % 20 AS BIGINT) // 5 AS INTEGER) AS quad_class,
    NULL, NULL,
    CASE WHEN CAST(hash(i + 4) % 10 AS BIGINT) < 8 THEN 'asserted' ELSE 'intended' END AS mode,
    NULL, NULL,
    DATE '2021-01-01' + CAST(i % 1095 AS INTEGER) - CAST(CAST(hash(i + 5) % 3 AS BIGINT) AS INTEGER) AS event_date,
    'day' AS date_precision,
    CAST(hash(i + 6) % 20 AS BIGINT) = 0 AS background,
    1.0 AS confidence,
    'synthetic' AS rule,
    NULL AS cluster_id,
    NULL, NULL, NULL, NULL, NULL  -- place, place_country, place_kind, place_start, place_end
FROM range(?) AS t(i)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--freq", choices=["day", "week", "month"], default="week")
    parser.add_argument("--db", type=Path, default=None, help="Store file to build (default: a temporary file).")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "trend.duckdb"
        if path.exists():
            print(f"{path} exists; pass a new --db path", file=sys.stderr)
            return 2
        with open_store(path) as store:
            tick = time.perf_counter()
            store.con.execute(FILL_SQL, [args.events])
            store.con.execute("CHECKPOINT")
            print(f"built {args.events} events in {time.perf_counter() - tick:.1f} s", flush=True)
            frame = trend_counts(store.con, source="RUS", target="UKR", freq=args.freq)  # warm-up
            times = []
            for _ in range(args.runs):
                tick = time.perf_counter()
                frame = trend_counts(store.con, source="RUS", target="UKR", freq=args.freq)
                times.append((time.perf_counter() - tick) * 1000)
            print(f"{len(frame)} {args.freq} periods, {int(frame['n'].sum())} asserted RUS->UKR events; "
                  f"runs (ms): {', '.join(f'{t:.1f}' for t in times)}")  # fmt: skip
            print(f"trend over {args.events} events: {statistics.median(times):.1f} ms (median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
