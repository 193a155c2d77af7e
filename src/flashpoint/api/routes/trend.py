"""GET /api/trend: a dyad's asserted events per period with the escalation index and alerts
(the same store query and analysis as `flashpoint trend`)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.responses import Response

from flashpoint.analysis.trends import escalation
from flashpoint.api.backend import Backend, Scope, get_backend
from flashpoint.api.records import dumps, records
from flashpoint.api.security import check_read
from flashpoint.store import queries

router = APIRouter(tags=["trend"], dependencies=[Depends(check_read)])

_COLUMNS = ["period", "n", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean", "conflict_share",
            "escalation_index", "alert"]  # fmt: skip


@router.get("/api/trend")
async def trend(
    source: str = Query(..., min_length=1, max_length=40, description="Source actor code or prefix."),
    target: str | None = Query(None, max_length=40, description="Target actor code or prefix (all targets if absent)."),
    freq: str = Query("week", pattern="^(day|week|month)$", description="day, week or month."),
    since: str | None = Query(None, max_length=10, description="First day, YYYY-MM-DD."),
    until: str | None = Query(None, max_length=10, description="Last day, YYYY-MM-DD."),
    window: int = Query(8, ge=2, le=520, description="Periods in the rolling baseline."),
    threshold: float = Query(2.0, gt=0, le=100, description="Alert when the escalation index exceeds this."),
    backend: Backend = Depends(get_backend),
) -> Response:
    """`{"source", "target", "freq", "periods": [{period, n, q1..q4, goldstein_sum,
    goldstein_mean, conflict_share, escalation_index, alert}], "alerts": [period...]}`.

    Only asserted events count, each on its own event date (docs/trends.md)."""
    target = target or None
    since, until = since or None, until or None

    def compute() -> bytes:
        with backend.reader() as reader:
            periods = reader.read(queries.trend_counts, source=source, target=target, freq=freq, since=since, until=until)
        frame = escalation(periods, window=window, threshold=threshold, min_periods=min(4, window))
        rows = records(frame[[c for c in _COLUMNS if c in frame.columns]])
        alerts = [row["period"] for row in rows if row.get("alert")]
        return dumps({"source": source.upper(), "target": target.upper() if target else None, "freq": freq,
                      "periods": rows, "alerts": alerts})  # fmt: skip

    key = ("trend", source.upper(), (target or "").upper(), freq, since, until, window, threshold)
    return Response(await backend.cached(key, compute, Scope(source, target)), media_type="application/json")
