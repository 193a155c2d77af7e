"""Load test of `flashpoint serve`: concurrent readers and one writer against a 100,000-event store.

    python benchmarks/load_api.py [--events 100000] [--clients 50] [--seconds 30] [--write-every 0.5]

1. Builds a fresh store (a temporary folder) with N synthetic events in one DuckDB statement
   (benchmarks/trend.py's FILL_SQL: 20 actor codes, CAMEO roots 01-20, three years of dates).
2. Starts `flashpoint serve --db STORE --host 127.0.0.1 --port 0` as a subprocess (loopback
   only; nothing else is contacted) and waits until the coder answers one POST /api/code.
3. For --seconds: --clients asyncio tasks (one keep-alive connection each), each in a closed loop without
   pause, alternate GET /api/events (newest first; a source from 8 codes, half of them with
   root 19, pages 1-2) and GET /api/trend (6 dyads, by week or month); one writer POSTs a new
   article (its own short text, a unique id) to /api/articles every --write-every seconds.
4. Stops the server (SIGINT), opens the store and counts the articles the writer stored.

Prints p50/p99/max latency and errors per route, requests per second, articles posted,
acknowledged and found in the store. The last line is

    load: events p99 X ms, trend p99 Y ms, errors E, posted P, stored S

Every request loop stops at the deadline; the server is stopped even on error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from trend import FILL_SQL  # noqa: E402  (the same synthetic events as the trend benchmark)

from flashpoint.store import open_store  # noqa: E402

TOKEN = "load-test-token"
SOURCES = ["RUS", "UKR", "USA", "CHN", "FRA", "DEU", "TUR", "IRN"]
DYADS = [("RUS", "UKR"), ("UKR", "RUS"), ("USA", "CHN"), ("CHN", "USA"), ("ISR", "PSE"), ("TUR", "IRN")]
# The writer's articles: short texts of our own, made unique by a counter. They name actors
# the readers ask about (Russia, Ukraine, the United States, China), so writes invalidate
# some of the readers' cached pages, as they would in use.
TEXTS = [
    "Russian troops shelled Ukrainian positions near the border on Monday. Ukraine condemned the attack.",
    "The United States imposed new sanctions on China. Beijing accused Washington of bullying.",
    "Venezuela deployed warships near the coast of Guyana. Brazil urged both governments to resume talks.",
]


def build_store(path: Path, events: int) -> None:
    # benchmarks/trend.py's FILL_SQL fills every events column from hashes of the row number.
    sql = FILL_SQL
    with open_store(path) as store:
        started = time.perf_counter()
        store.con.execute(sql, [events])
        store.con.execute("CHECKPOINT")
        print(f"built {events} events in {time.perf_counter() - started:.1f} s", flush=True)


class Server:
    """`flashpoint serve` on 127.0.0.1 in a subprocess."""

    def __init__(self, db: Path) -> None:
        exe = Path(sys.executable).with_name("flashpoint")
        env = {**os.environ, "FLASHPOINT_API_TOKEN": TOKEN}
        self.proc = subprocess.Popen(
            [str(exe), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", "0"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env,
        )  # fmt: skip
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._url()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def _url(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if line.startswith("flashpoint: serving "):
                    return line.split(" at ", 1)[1].split("/ ", 1)[0]
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("flashpoint serve did not start:\n" + "".join(self.lines))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def _event_params(i: int) -> dict[str, str | int]:
    params: dict[str, str | int] = {"source": SOURCES[i % len(SOURCES)], "limit": 50, "offset": 50 * ((i // 8) % 2)}
    if (i // 16) % 2:
        params["root"] = "19"
    return params


def _trend_params(i: int) -> dict[str, str]:
    source, target = DYADS[i % len(DYADS)]
    return {"source": source, "target": target, "freq": "week" if (i // len(DYADS)) % 2 == 0 else "month"}


class Connection:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads Content-Length bodies.

    The readers use this rather than httpx.AsyncClient: on this 2-core machine httpx spent
    about 5 ms of CPU per request in the load generator itself (measured: 5-8 ms per
    sequential request with httpx against 1.2 ms with http.client on the same server),
    so the generator, not the server, set the latency. The writer still uses httpx.
    """

    def __init__(self, url: str) -> None:
        host_port = url.split("//", 1)[1]
        self.host, port = host_port.rsplit(":", 1)
        self.port = int(port)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def reader(url: str, n: int, deadline: float, results: dict[str, list[float]], errors: dict[str, list[str]]) -> None:
    i = n * 7  # clients start at different points of the parameter cycle
    connection = Connection(url)
    try:
        while time.monotonic() < deadline:
            route, params = ("events", _event_params(i)) if i % 2 == 0 else ("trend", _trend_params(i))
            started = time.perf_counter()
            try:
                status, body = await asyncio.wait_for(connection.get(f"/api/{route}?{urlencode(params)}"), 30)
                elapsed = (time.perf_counter() - started) * 1000
                if status != 200:
                    errors[route].append(f"{status} {body[:120]!r}")
                else:
                    results[route].append(elapsed)
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError) as exc:
                errors[route].append(f"{type(exc).__name__}: {exc}")
                await connection.close()
            i += 1
    finally:
        await connection.close()


async def writer(client: httpx.AsyncClient, deadline: float, every: float, run: str, posted: list[str], errors: dict[str, list[str]], latencies: list[float]) -> None:
    n = 0
    while time.monotonic() < deadline:
        tick = time.monotonic()
        article_id = f"load-{run}-{n:05d}"
        body = {"id": article_id, "text": f"{TEXTS[n % len(TEXTS)]} Report {n} of run {run}.", "date": "2023-03-13"}
        started = time.perf_counter()
        try:
            response = await client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
            if response.status_code == 201:
                posted.append(article_id)
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                errors["write"].append(f"{response.status_code} {response.text[:120]}")
        except httpx.HTTPError as exc:
            errors["write"].append(f"{type(exc).__name__}: {exc}")
        n += 1
        await asyncio.sleep(max(0.0, min(every - (time.monotonic() - tick), deadline - time.monotonic())))


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def load(url: str, clients: int, seconds: float, every: float, run: str) -> tuple[dict, dict, list[str], list[float]]:
    limits = httpx.Limits(max_connections=clients + 5, max_keepalive_connections=clients + 5)
    timeout = httpx.Timeout(30.0, connect=5.0)
    results: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    posted: list[str] = []
    write_ms: list[float] = []
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout, trust_env=False) as client:
        # Warm up: the coder loads in its worker process; every page the readers ask for is
        # asked once, so the run measures the steady state rather than a cold cache.
        await client.post("/api/code", json={"text": TEXTS[0]}, timeout=120)
        for i in range(64):
            await client.get("/api/events", params=_event_params(i))
            await client.get("/api/trend", params=_trend_params(i))
        deadline = time.monotonic() + seconds
        tasks = [reader(url, n, deadline, results, errors) for n in range(clients)]
        tasks.append(writer(client, deadline, every, run, posted, errors, write_ms))
        await asyncio.gather(*tasks)
    return results, errors, posted, write_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--write-every", type=float, default=0.5, help="Seconds between the writer's posts.")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 1 <= args.seconds <= 600:
        parser.error("--clients must be 1-200 and --seconds 1-600")

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        build_store(db, args.events)
        server = Server(db)
        run = str(int(time.time()))
        try:
            print(f"serving at {server.url}; {args.clients} readers and 1 writer for {args.seconds:.0f} s", flush=True)
            started = time.perf_counter()
            results, errors, posted, write_ms = asyncio.run(load(server.url, args.clients, args.seconds, args.write_every, run))
            wall = time.perf_counter() - started
        finally:
            server.stop()
        with open_store(db, read_only=True) as store:
            stored = store.con.execute("SELECT count(*) FROM articles WHERE starts_with(id, ?)", [f"load-{run}-"]).fetchone()[0]
            ids = {row[0] for row in store.con.execute("SELECT id FROM articles WHERE starts_with(id, ?)", [f"load-{run}-"]).fetchall()}

    total = sum(len(v) for v in results.values())
    print(f"{total} reads in {args.seconds:.0f} s ({total / args.seconds:.0f}/s; {wall:.1f} s with warm-up); machine: {os.cpu_count()} cores, shared")
    for route in ("events", "trend"):
        values = results.get(route, [])
        print(f"  GET /api/{route:<7} n={len(values):6d}  p50 {_pct(values, 50):7.1f} ms  p99 {_pct(values, 99):7.1f} ms  "
              f"max {max(values, default=float('nan')):7.1f} ms  errors {len(errors.get(route, []))}")  # fmt: skip
    print(f"  POST /api/articles posted {len(posted)}, median {statistics.median(write_ms) if write_ms else float('nan'):.0f} ms, "
          f"errors {len(errors.get('write', []))}; stored {stored}; missing {sorted(set(posted) - ids)[:5]}")  # fmt: skip
    for route, problems in errors.items():
        for problem in problems[:3]:
            print(f"  error {route}: {problem}")
    n_errors = sum(len(v) for v in errors.values())
    print(f"load: events p99 {_pct(results.get('events', []), 99):.0f} ms, trend p99 {_pct(results.get('trend', []), 99):.0f} ms, "
          f"errors {n_errors}, posted {len(posted)}, stored {stored}")  # fmt: skip
    return 0 if n_errors == 0 and stored == len(posted) else 1


if __name__ == "__main__":
    sys.exit(main())
