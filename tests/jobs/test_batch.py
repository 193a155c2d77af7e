"""run_batch on a real LocalCluster (worker processes): same events as `flashpoint code`,
resume, a re-run writes nothing, a failed shard and a killed worker are redone, and
`flashpoint ingest --from-parquet` stores the output once."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
from pathlib import Path
from typing import Any

import pyarrow.dataset
import pytest
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.config import Settings
from flashpoint.jobs import MANIFEST_NAME, Manifest, plan_shards, run_batch
from flashpoint.jobs.parquet import shard_files

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles" / "batch"
DATE = "2024-01-01"  # for the one JSONL line without a date

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def client(coder: Any) -> Any:
    """Two single-threaded worker processes, shared by the tests of this module."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with Client(cluster) as client:
        yield client
    cluster.close()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(ARTICLES, folder)
    return folder


def _code_events(corpus: Path) -> set[tuple[Any, ...]]:
    """The events `flashpoint code` prints for the corpus."""
    result = CliRunner().invoke(app, ["code", str(corpus), "--format", "jsonl", "--date", DATE])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {
        (r["event_id"], r["cameo"], (r["source"] or {}).get("code"), (r["target"] or {}).get("code"), r["mode"],
         r["event_date"], r["sentence_index"])
        for r in rows
    }  # fmt: skip


def _batch_events(out: Path) -> list[tuple[Any, ...]]:
    table = pyarrow.dataset.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    return [
        (r["event_id"], r["cameo"], r["source_code"], r["target_code"], r["mode"],
         r["event_date"].isoformat() if r["event_date"] else None, r["sentence_index"])
        for r in table.to_pylist()
    ]  # fmt: skip


def _run(corpus: Path, out: Path, client: Any, **kwargs: Any):
    from datetime import date

    return run_batch([corpus], out, Settings(), client=client, shard_size=1, date=date.fromisoformat(DATE), **kwargs)


def test_batch_equals_flashpoint_code_event_for_event(corpus: Path, tmp_path: Path, client: Any) -> None:
    out = tmp_path / "out"
    report = _run(corpus, out, client)
    assert (report.shards, report.coded, report.skipped, report.failed_shards) == (6, 6, 0, [])
    assert (report.articles, report.events) == (6, 18)
    events = _batch_events(out)
    assert len(events) == len(set(events)) == 18
    assert set(events) == _code_events(corpus)
    months = sorted(p.name for p in (out / "events").iterdir())
    assert months == ["month=2020-01", "month=2021-03", "month=2022-11", "month=2023-04", "month=2023-05", "month=2024-01"]
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert sorted(e["status"] for e in manifest["shards"].values()) == ["done"] * 6


def test_batch_rerun_after_completion_writes_nothing(corpus: Path, tmp_path: Path, client: Any) -> None:
    out = tmp_path / "out"
    _run(corpus, out, client)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    report = _run(corpus, out, None)  # no client: none is started when nothing is to do
    assert (report.coded, report.skipped) == (0, 6)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps


def test_batch_resume_redoes_only_unrecorded_and_changed_shards(corpus: Path, tmp_path: Path, client: Any) -> None:
    out = tmp_path / "out"
    _run(corpus, out, client)
    manifest = Manifest.load(out)
    # a shard other than the one whose input changes below (ids depend on the tmp path)
    lost = next(k for k, v in sorted(manifest.shards.items()) if not any("summit" in f for f in v["files"]))
    del manifest.shards[lost]  # as if the run died after writing the shard's files, before recording it
    manifest.save()
    (corpus / "2022-11-20-summit.txt").write_text(
        "Talks collapse\n\nTurkey condemned the missile strike on Odesa on Sunday.", encoding="utf-8"
    )
    report = _run(corpus, out, client)
    assert (report.coded, report.skipped) == (2, 4)
    events = _batch_events(out)
    assert len(events) == len({e[0] for e in events})  # no duplicate
    assert set(events) == _code_events(corpus)


def test_batch_failed_shard_is_reported_then_redone(corpus: Path, tmp_path: Path, client: Any, monkeypatch) -> None:
    import dataclasses

    import flashpoint.jobs.batch as batch

    real = plan_shards([str(corpus)], 1)
    broken = [dataclasses.replace(s, content_hash="0" * 40) if i == 2 else s for i, s in enumerate(real)]
    monkeypatch.setattr(batch, "plan_shards", lambda inputs, size: broken)
    out = tmp_path / "out"
    report = _run(corpus, out, client)
    assert report.coded == 5
    assert [shard_id for shard_id, _ in report.failed_shards] == [real[2].id]
    assert "changed since the batch was planned" in report.failed_shards[0][1]
    assert Manifest.load(out).shards[real[2].id]["status"] == "failed"
    monkeypatch.setattr(batch, "plan_shards", lambda inputs, size: real)
    report = _run(corpus, out, client)
    assert (report.coded, report.skipped, report.failed_shards) == (1, 5, [])
    assert set(_batch_events(out)) == _code_events(corpus)


def test_batch_killed_worker_loses_only_its_shard(corpus: Path, tmp_path: Path, coder: Any) -> None:
    from distributed import Client, LocalCluster

    # Long articles, so shards are still running when a worker dies.
    lines = [json.loads(line) for line in (corpus / "wire.jsonl").read_text().splitlines()]
    with (corpus / "long.jsonl").open("w") as handle:
        for n in range(8):
            record = dict(lines[n % 3], id=f"long-{n}")
            record["text"] = "\n\n".join([record["text"]] * 25)
            handle.write(json.dumps(record) + "\n")
    out = tmp_path / "out"
    killed: list[int] = []
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with Client(cluster) as client:
        pids = sorted(client.run(os.getpid).values())

        def kill_one() -> None:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

        timer: list[threading.Timer] = []

        def progress(report: Any) -> None:
            if not timer:  # once the shards are planned: the workers are loading or coding
                timer.append(threading.Timer(2.0, kill_one))
                timer[0].start()

        report = _run(corpus, out, client, progress=progress)
        timer[0].join()
    cluster.close()
    assert killed == pids[:1]
    # The nanny restarted the killed worker, and the new process coded shards: the kill came mid-run.
    assert set(report.peak_rss_bytes) - set(pids)
    assert (report.shards, report.coded, report.failed_shards) == (14, 14, [])
    events = _batch_events(out)
    assert len(events) == len({e[0] for e in events})
    assert set(events) == _code_events(corpus)
    for shard_id in Manifest.load(out).shards:
        assert shard_files(out, shard_id)


def test_ingest_from_parquet_stores_batch_output_once(corpus: Path, tmp_path: Path, client: Any) -> None:
    import duckdb

    out = tmp_path / "out"
    _run(corpus, out, client)
    db = tmp_path / "store.duckdb"
    for expected in ("new 6,", "new 0, skipped as duplicate 6"):
        result = CliRunner().invoke(app, ["ingest", "--from-parquet", str(out), "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert expected in result.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.sql("select count(*) from events").fetchall() == [(18,)]
        assert con.sql("select count(*) from sentences").fetchall()[0][0] > 6
        stored = {r[0] for r in con.sql("select event_id from events").fetchall()}
    finally:
        con.close()
    assert stored == {e[0] for e in _code_events(corpus)}
