"""Benchmark: the escalation index over a long synthetic period series.

    python benchmarks/trend_index.py [--periods N] [--rounds R]

Builds N periods (default 10,000) of random QuadClass counts and Goldstein means, runs
`flashpoint.analysis.escalation` R times (default 5) and prints the best time:

    escalation: N periods in X ms (Y periods/s); alerts: A
"""

from __future__ import annotations

import argparse
import time

import numpy
import pandas

from flashpoint.analysis import escalation


def synthetic_periods(n: int, seed: int = 7) -> pandas.DataFrame:
    rng = numpy.random.default_rng(seed)
    quads = rng.poisson([10, 5, 3, 2], size=(n, 4))
    total = quads.sum(axis=1)
    mean = rng.normal(2.0, 0.6, size=n)
    return pandas.DataFrame(
        {
            "period": pandas.date_range("2000-01-01", periods=n, freq="D"),
            "n": total,
            "q1": quads[:, 0],
            "q2": quads[:, 1],
            "q3": quads[:, 2],
            "q4": quads[:, 3],
            "goldstein_sum": mean * total,
            "goldstein_mean": mean,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--periods", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    periods = synthetic_periods(args.periods)
    escalation(periods)  # warm-up
    best = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        result = escalation(periods)
        best = min(best, time.perf_counter() - start)
    print(
        f"escalation: {args.periods} periods in {best * 1000:.1f} ms "
        f"({args.periods / best:,.0f} periods/s); alerts: {int(result['alert'].sum())}"
    )


if __name__ == "__main__":
    main()
