"""Escalation index and trend chart on synthetic period series."""

from __future__ import annotations

import math

import pandas
import pytest

from flashpoint.analysis.trends import ESCALATION_COLUMNS, escalation
from flashpoint.errors import QueryError


def periods(rows: list[tuple[int, int, int, int, float]]) -> pandas.DataFrame:
    """Weekly periods from (q1, q2, q3, q4, goldstein_mean) tuples."""
    out = []
    for i, (q1, q2, q3, q4, mean) in enumerate(rows):
        n = q1 + q2 + q3 + q4
        out.append(
            {
                "period": pandas.Timestamp("2022-01-03") + pandas.Timedelta(weeks=i),
                "n": n, "q1": q1, "q2": q2, "q3": q3, "q4": q4,
                "goldstein_sum": mean * n, "goldstein_mean": mean,
            }
        )  # fmt: skip
    return pandas.DataFrame(out)


# A calm dyad: mostly cooperation with some noise, then a cliff into material conflict.
CALM = [(10, 5, 3, 2, 2.1), (9, 6, 4, 1, 2.4), (11, 4, 3, 2, 1.9), (10, 5, 2, 3, 2.2),
        (12, 3, 3, 2, 2.0), (9, 6, 3, 2, 2.3), (10, 4, 4, 2, 1.8), (11, 5, 2, 2, 2.5),
        (10, 5, 3, 3, 2.0), (10, 6, 3, 1, 2.2)]  # fmt: skip
CLIFF = (2, 1, 6, 21, -7.5)


def test_escalation_alerts_on_the_cliff_only():
    result = escalation(periods([*CALM, CLIFF]))
    assert result["alert"].tolist() == [False] * len(CALM) + [True]
    assert result["escalation_index"].iloc[-1] > 10


def test_escalation_adds_documented_columns():
    result = escalation(periods(CALM))
    assert list(result.columns)[-len(ESCALATION_COLUMNS):] == list(ESCALATION_COLUMNS)
    assert result["conflict_share"].iloc[0] == pytest.approx(5 / 20)


def test_escalation_baseline_excludes_current_period():
    result = escalation(periods([*CALM, CLIFF]), window=4, min_periods=4)
    last = result.iloc[-1]
    previous = [row[4] for row in CALM[-4:]]
    assert last["goldstein_baseline"] == pytest.approx(sum(previous) / 4)
    assert math.isnan(result["goldstein_baseline"].iloc[3])  # only 3 earlier periods
    assert result["goldstein_baseline"].iloc[4] == pytest.approx(sum(r[4] for r in CALM[:4]) / 4)


def test_escalation_no_alert_without_enough_baseline():
    result = escalation(periods([CALM[0], CALM[1], CLIFF]))
    assert result["alert"].tolist() == [False, False, False]
    assert result["escalation_index"].isna().all()


def test_escalation_flat_baseline_uses_sd_floor():
    # sd 0 in the baseline: the floor keeps the index finite; +1 Goldstein point less is
    # 1 / GOLDSTEIN_SD_FLOOR = 2 sd on that side only, index 1, so no alert.
    flat = [(10, 5, 3, 2, 2.0)] * 8
    result = escalation(periods([*flat, (10, 5, 3, 2, 1.0)]))
    assert result["escalation_index"].iloc[-1] == pytest.approx(1.0)
    assert not result["alert"].iloc[-1]


def test_escalation_ignores_empty_periods_and_small_counts():
    rows = [*CALM, (0, 0, 0, 0, float("nan")), (0, 0, 1, 1, -9.0)]
    result = escalation(periods(rows))
    assert math.isnan(result["conflict_share"].iloc[-2])
    assert not result["alert"].iloc[-2]
    assert not result["alert"].iloc[-1]  # 2 events < min_events
    assert result["escalation_index"].iloc[-1] > 2


def test_escalation_computes_mean_from_sum():
    frame = periods([*CALM, CLIFF]).drop(columns=["goldstein_mean"])
    assert escalation(frame)["alert"].iloc[-1]


def test_escalation_on_empty_input_is_empty():
    result = escalation(periods([]).reindex(columns=["period", "n", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean"]))
    assert len(result) == 0
    assert "alert" in result.columns


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"window": 1}, "window"), ({"min_periods": 9}, "min_periods"), ({"threshold": 0}, "threshold")],
)
def test_escalation_rejects_bad_arguments(kwargs, message):
    with pytest.raises(QueryError, match=message):
        escalation(periods(CALM), **kwargs)


def test_escalation_rejects_missing_columns():
    with pytest.raises(QueryError, match="q3"):
        escalation(periods(CALM).drop(columns=["q3"]))


def test_plot_trend_writes_png(tmp_path):
    from flashpoint.analysis.plot import plot_trend

    path = plot_trend(periods([*CALM, CLIFF]), tmp_path / "charts" / "trend.png", title="RUS -> UKR")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 5000


def test_plot_trend_accepts_empty_series(tmp_path):
    from flashpoint.analysis.plot import plot_trend

    empty = periods([]).reindex(columns=["period", "n", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean"])
    assert plot_trend(empty, tmp_path / "empty.png").stat().st_size > 0
