"""Batch coding on Dask: shards -> workers (one coder each) -> Parquet + manifest; and back.

    report = run_batch(["corpus/"], "out/", settings, workers=2)   # resumable
    for coded in read_coded(Path("out")): ...                      # what ingest --from-parquet stores

Only this package imports dask/distributed, and only when a batch runs.
"""

from __future__ import annotations

from flashpoint.jobs.batch import BatchReport, ShardResult, code_shard, run_batch
from flashpoint.jobs.manifest import MANIFEST_NAME, Manifest, coder_fingerprint
from flashpoint.jobs.parquet import TABLES, read_coded, write_shard
from flashpoint.jobs.shards import Shard, plan_shards, read_shard

__all__ = [
    "MANIFEST_NAME",
    "TABLES",
    "BatchReport",
    "Manifest",
    "Shard",
    "ShardResult",
    "code_shard",
    "coder_fingerprint",
    "plan_shards",
    "read_coded",
    "read_shard",
    "run_batch",
    "write_shard",
]
