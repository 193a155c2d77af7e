"""`flashpoint ingest` and `flashpoint watch`: summary, exit codes, idempotence, kill -9 and resume.

Most tests swap the coder for a spaCy-free fake (in-process, through runner.get_coder); the
model-marked ones run the real pipeline, the kill test in a subprocess.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _store_fakes import FakeCoder
from typer.testing import CliRunner

from flashpoint import runner as runner_module
from flashpoint.cli import app
from flashpoint.cli import ingest as ingest_cli_module
from flashpoint.store import open_store

cli = CliRunner()


@pytest.fixture
def fake_coder(monkeypatch):
    coder = FakeCoder()
    monkeypatch.setattr(runner_module, "get_coder", lambda settings: coder)
    return coder


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "news"
    path.mkdir()
    for i in range(3):
        (path / f"2022-02-2{i}-item{i}.txt").write_text(f"Headline {i}\n\nRussia attacked Ukraine in town {i}.\n")
    return path


def _summary(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if line.startswith("read "))


def test_ingest_cli_stores_and_summarises(fake_coder, folder, tmp_path):
    db = tmp_path / "fp.duckdb"
    result = cli.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _summary(result.stderr).startswith("read 3, new 3, skipped as duplicate 0, failed 0; 3 events;")
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3


def test_ingest_cli_second_run_adds_nothing(fake_coder, folder, tmp_path):
    db = tmp_path / "fp.duckdb"
    cli.invoke(app, ["ingest", str(folder), "--db", str(db)])
    result = cli.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _summary(result.stderr).startswith("read 3, new 0, skipped as duplicate 3, failed 0; 0 events;")


def test_ingest_cli_db_from_environment(fake_coder, folder, tmp_path, monkeypatch):
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("FLASHPOINT_DB", str(db))
    result = cli.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert db.is_file()


def test_ingest_cli_bad_inputs_exit_1_good_ones_stored(fake_coder, folder, tmp_path):
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "empty.txt").write_text("")
    (folder / "lines.jsonl").write_text('{"id": "good", "text": "Fine line."}\n{"id": "broken", "text": \n')
    db = tmp_path / "fp.duckdb"
    result = cli.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert _summary(result.stderr).startswith("read 4, new 4, skipped as duplicate 0, failed 3;")
    failures = sorted(line.split(": ")[1].rsplit("/", 1)[-1] for line in result.stderr.splitlines() if "failed: " in line)
    assert failures == ["binary.txt", "empty.txt", "lines.jsonl:2"]
    with open_store(db, read_only=True) as store:
        assert "good" in set(store.articles()["id"])
        assert store.counts()["articles"] == 4


def test_ingest_cli_locked_store_is_one_line_error(fake_coder, folder, tmp_path):
    db = tmp_path / "fp.duckdb"
    with open_store(db):
        holder = subprocess.Popen(
            [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True); time.sleep(30)"],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ok"
        result = cli.invoke(app, ["ingest", str(folder), "--db", str(db)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert "another process is writing to it" in result.stderr


def test_watch_cli_polls_new_items(fake_coder, folder, tmp_path):
    db = tmp_path / "fp.duckdb"
    first = cli.invoke(app, ["watch", str(folder), "--every", "0s", "--max-polls", "2", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "watch: 2 poll(s), 3 new article(s), 0 failure(s)" in first.stderr
    (folder / "2022-03-01-late.txt").write_text("Late\n\nRussia attacked Ukraine again.\n")
    second = cli.invoke(app, ["watch", str(folder), "--every", "1s", "--max-polls", "1", "--db", str(db)])
    assert "watch: 1 poll(s), 1 new article(s), 0 failure(s)" in second.stderr
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 4


def test_watch_cli_ctrl_c_exits_cleanly_and_keeps_articles(fake_coder, folder, tmp_path, monkeypatch):
    def interrupt(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest_cli_module.time, "sleep", interrupt)
    db = tmp_path / "fp.duckdb"
    result = cli.invoke(app, ["watch", str(folder), "--every", "5m", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "stopped: every article stored so far is kept" in result.stderr
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3


def test_watch_cli_failure_reported_once_exit_1(fake_coder, folder, tmp_path):
    (folder / "binary.txt").write_bytes(b"\x00\x01")
    result = cli.invoke(app, ["watch", str(folder), "--every", "0", "--max-polls", "3", "--db", str(tmp_path / "fp.duckdb")])
    assert result.exit_code == 1
    assert result.stderr.count("binary.txt") == 1


@pytest.mark.parametrize(("value", "seconds"), [("90", 90.0), ("30s", 30.0), ("5m", 300.0), ("1h", 3600.0), ("0.5m", 30.0)])
def test_watch_parse_interval(value, seconds):
    assert ingest_cli_module.parse_interval(value) == seconds


def test_watch_cli_bad_interval_is_usage_error(tmp_path):
    result = cli.invoke(app, ["watch", str(tmp_path), "--every", "soon", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2


# -- the real pipeline --------------------------------------------------------------------------

ARTICLE_TEMPLATE = (
    "Border clash {i}\n\n"
    "Russian forces shelled the Ukrainian town of Kharkiv on Monday, officials said. "
    "Ukraine condemned the attack and France criticised Moscow. "
    "The foreign minister of Poland met his counterpart from Lithuania in Vilnius on day {i}."
)


def _write_articles(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"2022-03-{1 + i % 28:02d}-clash{i:02d}.txt").write_text(ARTICLE_TEMPLATE.format(i=i))


def _consistency(db: Path) -> tuple[int, int, int, int]:
    """(articles, distinct ids, articles without sentences, articles without events)."""
    with open_store(db, read_only=True) as store:
        con = store.con
        articles, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        no_sentences = con.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
        ).fetchone()[0]
        no_events = con.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id)"
        ).fetchone()[0]
        orphans = con.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = e.article_id)"
        ).fetchone()[0]
    assert orphans == 0
    return articles, distinct, no_sentences, no_events


@pytest.mark.model
def test_ingest_cli_real_coder_then_query(coder, tmp_path):
    folder = tmp_path / "news"
    _write_articles(folder, 2)
    db = tmp_path / "fp.duckdb"
    result = cli.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    events = cli.invoke(app, ["events", "--db", str(db), "--source", "RUS", "--root", "19", "--format", "jsonl"])
    rows = [json.loads(line) for line in events.stdout.splitlines()]
    assert len(rows) == 2
    assert {r["action_text"] for r in rows} == {"shelled"}
    assert _consistency(db) == (2, 2, 0, 0)


@pytest.mark.model
@pytest.mark.slow
def test_ingest_cli_kill_9_then_resume(coder, tmp_path):
    folder = tmp_path / "news"
    _write_articles(folder, 40)
    db = tmp_path / "fp.duckdb"
    command = [sys.executable, "-m", "flashpoint", "ingest", str(folder), "--db", str(db), "--verbose"]
    env = {**os.environ, "FLASHPOINT_BATCH_SIZE": "2"}  # small batches: writes interleave with parsing
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    stored = 0
    deadline = time.monotonic() + 120
    try:
        for line in process.stderr:
            stored += "stored article" in line
            if stored >= 3 or time.monotonic() > deadline:
                break
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    articles, distinct, no_sentences, no_events = _consistency(db)
    assert 3 <= articles < 40  # killed part-way
    assert (distinct, no_sentences, no_events) == (articles, 0, 0)

    resumed = subprocess.run(command[:-1], capture_output=True, text=True, env=env, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"new {40 - articles}, skipped as duplicate {articles}, failed 0" in resumed.stderr
    assert _consistency(db) == (40, 40, 0, 0)


@pytest.fixture
def local_page(monkeypatch):
    """An HTML article served on 127.0.0.1 (the only address tests may reach)."""
    import http.server
    import threading

    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    page = (
        "<html><head><title>Border talks</title></head><body><article><h1>Border talks</h1>"
        "<p>Envoys from two neighbouring states met on Monday to discuss the disputed river crossing, "
        "and both sides agreed to meet again next month to settle the remaining questions.</p>"
        "<p>Officials said the talks were calm and that a joint commission would map the crossing.</p>"
        "</article></body></html>"
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/article.html"
    server.shutdown()


def test_ingest_cli_url_on_loopback_needs_allow_private(fake_coder, local_page, tmp_path):
    db = tmp_path / "u.duckdb"
    refused = cli.invoke(app, ["ingest", local_page, "--db", str(db)])
    assert refused.exit_code == 1
    assert "127.0.0.1" in refused.stderr
    allowed = cli.invoke(app, ["ingest", local_page, "--db", str(db), "--allow-private"])
    assert allowed.exit_code == 0, allowed.stderr
    assert "new 1" in allowed.stderr


def _wire_with_huge_line(path: Path) -> Path:
    """20 JSONL lines, the eighth 1.2 million characters long (spaCy's max_length is 1,000,000)."""
    lines = [json.dumps({"id": f"ok-{i}", "text": f"Russia attacked Ukraine near post {i}."}) for i in range(20)]
    lines[7] = json.dumps({"id": "huge", "text": "Shelling went on. " * (1_200_000 // 18 + 1)})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.issue(13)
def test_ingest_cli_over_long_article_fails_alone(fake_coder, tmp_path):
    wire = _wire_with_huge_line(tmp_path / "wire.jsonl")
    db = tmp_path / "fp.duckdb"
    result = cli.invoke(app, ["ingest", str(wire), "--db", str(db)])
    assert result.exit_code == 1  # README: ingest exits 1 when any input or article failed
    assert _summary(result.stderr).startswith("read 19, new 19, skipped as duplicate 0, failed 1;")
    assert f"  failed: {wire}: article huge: 1200006 characters (title and text), over the limit of 1000000" in result.stderr
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 19
        assert "huge" not in set(store.articles()["id"])


@pytest.mark.issue(13)
def test_watch_cli_refused_articles_reported_rest_stored(fake_coder, folder, tmp_path, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_MAX_TEXT_CHARS", "60")
    (folder / "2022-02-25-long.txt").write_text("Long\n\n" + "Russia attacked Ukraine. " * 5)
    (folder / "feed.jsonl").write_text(json.dumps({"id": "odd", "text": "Russia attacked \udcff Ukraine."}) + "\n")
    db = tmp_path / "fp.duckdb"
    result = cli.invoke(app, ["watch", str(folder), "--every", "0", "--max-polls", "2", "--db", str(db)])
    assert result.exit_code == 1
    assert "watch: 2 poll(s), 3 new article(s), 2 failure(s)" in result.stderr
    assert result.stderr.count("over the limit of 60 (FLASHPOINT_MAX_TEXT_CHARS)") == 1
    assert result.stderr.count("article odd: its text is not valid Unicode text") == 1
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3


@pytest.mark.issue(13)
def test_watch_cli_survives_a_failing_poll(fake_coder, folder, tmp_path, monkeypatch):
    calls = []
    real_run = ingest_cli_module.run

    def flaky_run(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the feed parser fell over")
        return real_run(*args, **kwargs)

    monkeypatch.setattr(ingest_cli_module, "run", flaky_run)
    db = tmp_path / "fp.duckdb"
    result = cli.invoke(app, ["watch", str(folder), "--every", "0", "--max-polls", "3", "--db", str(db)])
    assert result.exit_code == 1  # a poll failed during the watch
    assert f"failed: {folder}: poll failed: RuntimeError: the feed parser fell over" in result.stderr
    assert "watch: 3 poll(s), 3 new article(s), 1 failure(s)" in result.stderr
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3


@pytest.mark.issue(13)
def test_watch_cli_hostile_feed_keeps_polling(fake_coder, tmp_path):
    summary = "Border police said on Sunday that patrols along the river would be doubled. " * 4
    items = "".join(f"<item><title>{t}</title><description>{summary}{t}</description></item>" for t in ("One", "Tw&#xD800;o"))
    feed = tmp_path / "world.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>')
    db = tmp_path / "fp.duckdb"
    result = cli.invoke(app, ["watch", str(feed), "--every", "0", "--max-polls", "2", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "watch: 2 poll(s), 2 new article(s), 0 failure(s)" in result.stderr
    feed.write_bytes(feed.read_bytes().replace(b'version="1.0"?>', b'version="1.0" encoding="utf\x00-8"?>'))
    result = cli.invoke(app, ["watch", str(feed), "--every", "0", "--max-polls", "2", "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.count(f"failed: {feed}: malformed feed: ValueError: embedded null character") == 1
    assert "watch: 2 poll(s), 0 new article(s), 1 failure(s)" in result.stderr


@pytest.mark.issue(13)
def test_ingest_cli_empty_jsonl_is_a_clear_failure(fake_coder, tmp_path):
    empty = tmp_path / "export.jsonl"
    empty.write_text("")
    result = cli.invoke(app, ["ingest", str(empty), "--db", str(tmp_path / "fp.duckdb")])
    assert result.exit_code == 1
    assert f"  failed: {empty}: empty: no JSON lines (the input holds only whitespace)" in result.stderr
