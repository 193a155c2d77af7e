"""Analysis over stored events: cross-article de-duplication and escalation trends.

Works on pandas DataFrames whose columns are the store's `events` / `clusters` tables and
the store's `trend_counts` output; it never opens the database itself (duckdb stays in
store/). Plotting lives in `flashpoint.analysis.plot` so matplotlib is imported only when
a chart is drawn.
"""

from __future__ import annotations

from typing import Any

from flashpoint.analysis.dedup import CLUSTER_COLUMNS, assign_clusters, cluster_key
from flashpoint.analysis.trends import ESCALATION_COLUMNS, escalation

__all__ = [
    "CLUSTER_COLUMNS",
    "ESCALATION_COLUMNS",
    "assign_clusters",
    "cluster_key",
    "escalation",
    "plot_trend",
]


def __getattr__(name: str) -> Any:
    if name == "plot_trend":  # matplotlib is imported only when a chart is asked for
        from flashpoint.analysis.plot import plot_trend

        return plot_trend
    raise AttributeError(f"module 'flashpoint.analysis' has no attribute {name!r}")
