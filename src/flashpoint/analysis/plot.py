"""Trend charts: QuadClass bars, the Goldstein line and escalation alerts, drawn to PNG.

The only module that imports matplotlib; it draws on a Figure with the Agg canvas directly,
so no global backend is switched and nothing needs a display.
"""

from __future__ import annotations

from pathlib import Path

import pandas
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from flashpoint.analysis.trends import escalation
from flashpoint.errors import QueryError

__all__ = ["plot_trend"]

QUAD_STYLE = (  # column, legend label, colour: cooperation in blues, conflict in reds
    ("q1", "verbal cooperation", "#9ecae1"),
    ("q2", "material cooperation", "#3182bd"),
    ("q3", "verbal conflict", "#fc9272"),
    ("q4", "material conflict", "#de2d26"),
)
MAX_TICKS = 12


def plot_trend(df: pandas.DataFrame, path: str | Path, *, title: str | None = None) -> Path:
    """Draw `df` (trend_counts rows, or escalation's output) as a PNG at `path`; return the path.

    Stacked bars give the event count per QuadClass, a line on the right axis the mean
    Goldstein score, and red triangles mark periods where `alert` is true (escalation is run
    with its defaults when `df` has no `alert` column). An empty frame draws empty axes.

    Raises:
        QueryError: a column the chart needs is missing.
    """
    frame = df if "alert" in df.columns else escalation(df)
    missing = [name for name in ("period", "q1", "q2", "q3", "q4", "goldstein_mean") if name not in frame.columns]
    if missing:
        raise QueryError(f"trend frame lacks the column(s) {', '.join(missing)}")
    path = Path(path)
    figure = Figure(figsize=(10, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    bars = figure.add_subplot(1, 1, 1)
    x = list(range(len(frame)))
    bottom = [0.0] * len(frame)
    for column, label, colour in QUAD_STYLE:
        heights = frame[column].fillna(0).astype(float).tolist()
        bars.bar(x, heights, bottom=bottom, color=colour, label=label, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    bars.set_ylabel("events")
    line = bars.twinx()
    goldstein = frame["goldstein_mean"].astype(float)
    line.plot(x, goldstein.tolist(), color="black", linewidth=1.5, label="mean Goldstein")
    line.axhline(0, color="grey", linewidth=0.5)
    line.set_ylim(-10.5, 10.5)
    line.set_ylabel("mean Goldstein")
    alerts = [i for i, flag in enumerate(frame["alert"].tolist()) if flag]
    if alerts:
        line.scatter(alerts, [goldstein.iloc[i] for i in alerts], marker="v", s=80, color="red", zorder=5, label="alert")
    labels = [str(value)[:10] for value in frame["period"].tolist()]
    step = max(1, -(-len(labels) // MAX_TICKS))
    bars.set_xticks(x[::step])
    bars.set_xticklabels(labels[::step], rotation=45, ha="right", fontsize=8)
    handles, names = bars.get_legend_handles_labels()
    more_handles, more_names = line.get_legend_handles_labels()
    bars.legend(handles + more_handles, names + more_names, loc="upper left", fontsize=8)
    if title:
        bars.set_title(title)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png")
    return path
