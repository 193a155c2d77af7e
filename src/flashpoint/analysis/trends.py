"""Escalation index over a period series of event counts (the store's `trend_counts` output).

Input: one row per period, in time order, with `period, n, q1, q2, q3, q4, goldstein_sum,
goldstein_mean` (q1..q4 = counts per GDELT QuadClass). For each period `escalation` adds:

    conflict_share   = (q3 + q4) / n                      (NaN when n == 0)
    *_baseline, *_sd = mean and sample std of the previous `window` periods
                       (the current period excluded), for goldstein_mean and conflict_share,
                       NaN until `min_periods` earlier periods with events exist
    z_goldstein      = (goldstein_baseline - goldstein_mean) / max(goldstein_sd, GOLDSTEIN_SD_FLOOR)
    z_conflict       = (conflict_share - conflict_baseline) / max(conflict_sd, CONFLICT_SD_FLOOR)
    escalation_index = (z_goldstein + z_conflict) / 2
    alert            = escalation_index > threshold and n >= min_events

Both z-scores are signed so that positive means "more hostile than usual" (Goldstein falls,
conflict share rises); the index is their mean, so it stays in standard-deviation units
whatever the correlation of the two. docs/trends.md justifies the defaults.
"""

from __future__ import annotations

import numpy
import pandas

from flashpoint.errors import QueryError

__all__ = ["CONFLICT_SD_FLOOR", "ESCALATION_COLUMNS", "GOLDSTEIN_SD_FLOOR", "escalation"]

PERIOD_COLUMNS = ("period", "n", "q1", "q2", "q3", "q4", "goldstein_mean")
ESCALATION_COLUMNS = (
    "conflict_share", "goldstein_baseline", "goldstein_sd", "conflict_baseline", "conflict_sd",
    "z_goldstein", "z_conflict", "escalation_index", "alert",
)  # fmt: skip
# Floors on the baseline spread: a perfectly flat baseline (sd 0) would turn any wobble into
# an infinite z-score. Half a Goldstein point (the scale runs -10..+10) and five points of
# conflict share are the smallest changes an analyst would call a change at all.
GOLDSTEIN_SD_FLOOR = 0.5
CONFLICT_SD_FLOOR = 0.05


def escalation(
    periods: pandas.DataFrame,
    *,
    window: int = 8,
    threshold: float = 2.0,
    min_periods: int = 4,
    min_events: int = 3,
) -> pandas.DataFrame:
    """The period series with conflict share, rolling baselines, escalation index and alerts.

    `periods` must be in time order (one row per period, as `trend_counts` returns it);
    a copy is returned with ESCALATION_COLUMNS appended and the index reset. The baseline
    for period t uses periods t-window .. t-1 that had events; with fewer than `min_periods`
    of those the baseline, z-scores and index are NaN and `alert` is False. Periods with
    fewer than `min_events` events never alert (one stray report is not an escalation).
    If `goldstein_mean` is absent it is computed from `goldstein_sum / n`.
    Empty input gives an empty frame with all the columns.

    Raises:
        QueryError: a required column is missing, or window/min_periods/threshold are invalid.
    """
    if window < 2:
        raise QueryError(f"window must be at least 2 periods, got {window}")
    if not 2 <= min_periods <= window:
        raise QueryError(f"min_periods must be between 2 and window ({window}), got {min_periods}")
    if not threshold > 0:
        raise QueryError(f"threshold must be positive, got {threshold}")
    frame = periods.reset_index(drop=True).copy()
    if "goldstein_mean" not in frame.columns and {"goldstein_sum", "n"} <= set(frame.columns):
        counts = frame["n"].astype("float64")
        frame["goldstein_mean"] = frame["goldstein_sum"].astype("float64") / counts.where(counts > 0)
    missing = [name for name in PERIOD_COLUMNS if name not in frame.columns]
    if missing:
        raise QueryError(f"periods lack the column(s) {', '.join(missing)}")

    n = frame["n"].astype("float64")
    has_events = n > 0
    share = ((frame["q3"].astype("float64") + frame["q4"].astype("float64")) / n).where(has_events)
    goldstein = frame["goldstein_mean"].astype("float64").where(has_events)

    def baseline(series: pandas.Series) -> tuple[pandas.Series, pandas.Series]:
        previous = series.shift(1).rolling(window, min_periods=min_periods)
        return previous.mean(), previous.std(ddof=1)

    g_base, g_sd = baseline(goldstein)
    c_base, c_sd = baseline(share)
    z_goldstein = (g_base - goldstein) / g_sd.clip(lower=GOLDSTEIN_SD_FLOOR)
    z_conflict = (share - c_base) / c_sd.clip(lower=CONFLICT_SD_FLOOR)
    index = (z_goldstein + z_conflict) / 2

    frame["conflict_share"] = share
    frame["goldstein_baseline"] = g_base
    frame["goldstein_sd"] = g_sd
    frame["conflict_baseline"] = c_base
    frame["conflict_sd"] = c_sd
    frame["z_goldstein"] = z_goldstein
    frame["z_conflict"] = z_conflict
    frame["escalation_index"] = index
    frame["alert"] = numpy.asarray((index > threshold) & (n >= min_events), dtype=bool)
    return frame
