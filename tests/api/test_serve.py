"""`flashpoint serve` as a process: the discovery file, the printed token, and `flashpoint ingest`
into the store it holds (routed through it; nothing lost, nothing locked out)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from _api_fixtures import ARTICLES_JSONL, AUTH, TOKEN, FakeCoder, start_server

from flashpoint.api.client import ingest_remote
from flashpoint.api.discovery import ServerInfo, discovery_path, find_server, remove_discovery, write_discovery
from flashpoint.api.options import is_loopback_host
from flashpoint.errors import FlashpointError, StoreError
from flashpoint.store import open_store

FLASHPOINT = Path(sys.executable).with_name("flashpoint")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.9.10", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("example.org", False)],
)  # fmt: skip
def test_is_loopback_host(host, loopback):
    assert is_loopback_host(host) is loopback


def test_discovery_file_is_private_and_found_while_alive(tmp_path):
    db = tmp_path / "fp.duckdb"
    info = ServerInfo(url="http://127.0.0.1:1234", pid=os.getpid(), token="secret", db=str(db))
    path = write_discovery(db, info)
    assert path == tmp_path / "fp.duckdb.server.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {"url": "http://127.0.0.1:1234", "pid": os.getpid(), "token": "secret", "db": str(db)}
    assert find_server(db) == info
    remove_discovery(db)
    assert not path.exists() and find_server(db) is None


def test_discovery_file_of_a_dead_server_is_ignored(tmp_path):
    db = tmp_path / "fp.duckdb"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout
    write_discovery(db, ServerInfo(url="http://127.0.0.1:1", pid=int(dead), token="t", db=str(db)))
    assert find_server(db) is None
    discovery_path(db).write_text("{not json")
    assert find_server(db) is None


def test_discovery_file_of_another_server_is_not_removed(tmp_path):
    db = tmp_path / "fp.duckdb"
    write_discovery(db, ServerInfo(url="http://127.0.0.1:1", pid=os.getppid(), token="t", db=str(db)))
    remove_discovery(db)
    assert discovery_path(db).exists()


def test_app_writes_and_removes_the_discovery_file(tmp_path):
    db = tmp_path / "fp.duckdb"
    with start_server(db, FakeCoder(), discovery=True, url="http://127.0.0.1:9999"):
        info = find_server(db)
        assert info == ServerInfo(url="http://127.0.0.1:9999", pid=os.getpid(), token=TOKEN, db=str(db))
    assert not discovery_path(db).exists()


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(3):
        (folder / f"2022-02-2{i}-item{i}.txt").write_text(f"Headline {i}\n\nRussia attacked Ukraine in town {i}.\n")
    (folder / "empty.txt").write_text("")
    return folder


def test_ingest_remote_posts_every_article_once(tmp_path):
    db = tmp_path / "fp.duckdb"
    folder = _folder(tmp_path)
    with start_server(db, FakeCoder()) as server:
        info = ServerInfo(url=server.url, pid=os.getpid(), token=TOKEN, db=str(db))
        first = ingest_remote([folder], info)
        assert (first.read, first.new, first.skipped_duplicate, first.events) == (3, 3, 0, 3)
        assert [source for source, _ in first.failed] == [str(folder / "empty.txt")]
        again = ingest_remote([folder], info)
        assert (again.read, again.new, again.skipped_duplicate) == (3, 0, 3)
        with httpx.Client(base_url=server.url) as http:
            ids = {e["article_id"] for e in http.get("/api/events").json()["events"]}
            titles = {http.get(f"/api/articles/{article_id}").json()["article"]["title"] for article_id in ids}
        assert titles == {"Headline 0", "Headline 1", "Headline 2"}
        with pytest.raises(FlashpointError, match="refused the token"):
            ingest_remote([folder], ServerInfo(url=server.url, pid=os.getpid(), token="wrong", db=str(db)))
    with pytest.raises(StoreError, match="did not answer"):
        ingest_remote([folder], info)


def test_api_client_imports_no_web_framework():
    code = "import sys, flashpoint.api.client; print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


class _Serve:
    """`flashpoint serve` in a subprocess on 127.0.0.1 (any free port), its stderr collected."""

    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [str(FLASHPOINT), "serve", "--db", str(db), "--port", "0"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env,
        )  # fmt: skip
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.url = self._wait_for_url()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if line.startswith("flashpoint: serving "):
                    url = line.split(" at ", 1)[1].split("/ ", 1)[0]
                    self._wait_ready(url, deadline)
                    return url
            if self.proc.poll() is not None:
                raise AssertionError("flashpoint serve exited: " + "".join(self.lines))
            time.sleep(0.05)
        raise AssertionError("flashpoint serve did not start: " + "".join(self.lines))

    @staticmethod
    def _wait_ready(url: str, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise AssertionError(f"{url} did not answer")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.reader.join(5)
        return self.proc.returncode


@pytest.mark.model
def test_serve_holds_the_store_and_ingest_goes_through_it(tmp_path, nlp):
    db = tmp_path / "fp.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_API_TOKEN"}
    server = _Serve(db, env)
    try:
        info = find_server(db)
        assert info is not None and info.url == server.url and info.pid == server.proc.pid
        assert stat.S_IMODE(discovery_path(db).stat().st_mode) == 0o600
        token_lines = [line for line in server.lines if "API token for writes" in line]
        assert len(token_lines) == 1 and token_lines[0].rstrip().endswith(info.token)

        ingest = [str(FLASHPOINT), "ingest", str(ARTICLES_JSONL), "--db", str(db)]
        first = subprocess.run(ingest, capture_output=True, text=True, env=env, timeout=300)
        assert first.returncode == 0, first.stderr
        assert f"held by flashpoint serve at {server.url}" in first.stderr
        assert "read 4, new 4, skipped as duplicate 0, failed 0; 12 events;" in first.stderr
        second = subprocess.run(ingest, capture_output=True, text=True, env=env, timeout=300)
        assert "read 4, new 0, skipped as duplicate 4, failed 0; 0 events;" in second.stderr

        with httpx.Client(base_url=server.url) as http:
            assert http.get("/api/health").json()["counts"]["articles"] == 4
            # The server's own writer path works for direct posts too, with the printed token.
            posted = http.post("/api/articles", headers={"Authorization": f"Bearer {info.token}"},
                               json={"id": "direct", "text": "Brazil praised Guyana for the agreement.", "date": "2023-04-03"})  # fmt: skip
            assert posted.status_code == 201, posted.text
            assert [(e["source_code"], e["cameo"]) for e in posted.json()["events"]] == [("BRA", "051")]
            assert http.post("/api/articles", headers=AUTH, json={"text": "x"}).status_code == 403
            # Issue 13: a rebound name is refused; a lone surrogate is 422 and the connection lives on.
            rebound = http.get("/api/events", headers={"Host": "attacker.example"})
            assert rebound.status_code == 400 and rebound.headers["x-frame-options"] == "DENY"
            odd = http.post("/api/code", content=b'{"text": "Brazil praised \\udcff Guyana."}',
                            headers={"Content-Type": "application/json"})  # fmt: skip
            assert odd.status_code == 422, odd.text
            assert http.get("/api/health").status_code == 200
    finally:
        code = server.stop()
    assert code == 0, "".join(server.lines)
    assert not discovery_path(db).exists()
    with open_store(db, read_only=True) as store:
        counts = store.counts()
    assert (counts["articles"], counts["events"]) == (5, 13)
