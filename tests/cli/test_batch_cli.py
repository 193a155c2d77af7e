"""`flashpoint batch` and `ingest --from-parquet` argument handling; dask loads only for a batch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from flashpoint.cli import app

runner = CliRunner()


def test_batch_cli_refuses_workers_with_scheduler(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--workers", "2", "--scheduler", "tcp://h:1"])
    assert result.exit_code == 2
    assert "--workers or --scheduler" in result.output


def test_batch_cli_reports_bad_partitioning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rebels attacked the town.", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--partition-by", "year"])
    assert result.exit_code == 1
    assert "--partition-by 'year'" in result.output


def test_ingest_cli_needs_inputs_or_parquet_not_both(tmp_path: Path) -> None:
    assert runner.invoke(app, ["ingest", "--db", str(tmp_path / "s.duckdb")]).exit_code == 2
    both = runner.invoke(app, ["ingest", "x.txt", "--from-parquet", str(tmp_path), "--db", str(tmp_path / "s.duckdb")])
    assert both.exit_code == 2


def test_ingest_cli_from_parquet_rejects_other_folders(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "--from-parquet", str(tmp_path), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    assert "not a flashpoint batch output" in result.output


def test_cli_import_loads_no_dask() -> None:
    code = "import sys, flashpoint.cli; print(any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
