"""Shard planning and reading: stable ids, content hashes, flashpoint's own readers."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from flashpoint.errors import IngestError
from flashpoint.ingest import read
from flashpoint.jobs.shards import plan_shards, read_shard
from flashpoint.model import CodedArticle

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles" / "batch"


def _jsonl(path: Path, n: int) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": f"Text number {i}.", "date": "2022-02-0{}".format(1 + i % 9)}) for i in range(n)]
    path.write_text("\n".join(lines[:3]) + "\n\n" + "\n".join(lines[3:]) + "\n", encoding="utf-8")


def test_plan_shards_cuts_jsonl_every_size_articles(tmp_path: Path) -> None:
    _jsonl(tmp_path / "c.jsonl", 7)
    shards = plan_shards([str(tmp_path / "c.jsonl")], 3)
    assert [(s.kind, s.start, s.stop) for s in shards] == [("jsonl", 0, 3), ("jsonl", 3, 7), ("jsonl", 7, 8)]
    assert [len(read_shard(s)) for s in shards] == [3, 3, 1]
    assert [a.id for s in shards for a in read_shard(s)] == [f"a{i}" for i in range(7)]


def test_plan_shards_ids_are_stable_and_hashes_follow_content(tmp_path: Path) -> None:
    _jsonl(tmp_path / "c.jsonl", 4)
    first = plan_shards([str(tmp_path / "c.jsonl")], 2)
    assert plan_shards([str(tmp_path / "c.jsonl")], 2) == first
    text = (tmp_path / "c.jsonl").read_text(encoding="utf-8").replace("Text number 3", "Text number 33")
    (tmp_path / "c.jsonl").write_text(text, encoding="utf-8")
    second = plan_shards([str(tmp_path / "c.jsonl")], 2)
    assert [s.id for s in second] == [s.id for s in first]
    assert [s.content_hash == t.content_hash for s, t in zip(first, second)] == [True, False]


def test_read_shard_refuses_changed_content(tmp_path: Path) -> None:
    _jsonl(tmp_path / "c.jsonl", 2)
    [shard] = plan_shards([str(tmp_path / "c.jsonl")], 5)
    (tmp_path / "c.jsonl").write_text('{"id": "x", "text": "Other."}\n', encoding="utf-8")
    with pytest.raises(IngestError, match="changed since the batch was planned"):
        read_shard(shard)


def test_plan_shards_folder_gives_the_articles_read_gives() -> None:
    shards = plan_shards([str(ARTICLES)], 2)
    assert [(s.kind, len(s.files)) for s in shards] == [("files", 2), ("jsonl", 1), ("jsonl", 1), ("files", 1)]
    ours = sorted((a.id, a.published, a.title) for s in shards for a in read_shard(s))
    theirs = sorted((a.id, a.published, a.title) for a in read(ARTICLES))
    assert ours == theirs and len(ours) == 6


def test_plan_shards_missing_input_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        plan_shards([str(tmp_path / "absent")], 2)


class _NoEvents:
    """A spaCy-free coder: every article coded, with no events."""

    def pipe(self, articles, *, on_error="record"):
        return (CodedArticle(article) for article in articles)

    def memory_zone(self):
        return contextlib.nullcontext()


@pytest.fixture
def hostile_folder(tmp_path: Path, undecodable_file) -> Path:
    """Two good text files, one whose name is not UTF-8, and a JSONL file with a line over the
    cap and a line holding a lone surrogate between two good ones."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(2):
        (folder / f"2022-02-1{i}-note.txt").write_text(f"Note {i}\n\nThe envoys met for the {i}th time.", encoding="utf-8")
    undecodable_file(folder, b"The envoys left.")
    lines = [json.dumps({"id": "j1", "text": "Talks began."}), json.dumps({"id": "long", "text": "x" * 500}),
             json.dumps({"id": "odd", "text": "Talks \udcff ended."}), json.dumps({"id": "j2", "text": "Talks ended."})]  # fmt: skip
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.issue(13)
def test_code_shard_refused_articles_fail_alone(hostile_folder: Path, tmp_path: Path, monkeypatch) -> None:
    from flashpoint.config import Settings
    from flashpoint.jobs import batch

    monkeypatch.setattr(batch, "get_coder", lambda settings: _NoEvents())
    shards = plan_shards([str(hostile_folder)], 10)  # the undecodable name does not stop planning
    results = [batch.code_shard(s, Settings(max_text_chars=100), str(tmp_path / "out")) for s in shards]
    assert sum(r.articles for r in results) == 4  # two notes, j1, j2
    reasons = sorted(reason.split(":")[0] for r in results for _, reason in r.failed)
    assert reasons == ["article long", "article odd", "the file name is not valid UTF-8"]
    sources = {source for r in results for source, _ in r.failed}
    assert str(hostile_folder / "bad\\udcffname.txt") in sources
    assert str(hostile_folder / "wire.jsonl") in sources


@pytest.mark.issue(13)
def test_read_shard_decodes_lines_as_read_does(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b'{"id": "u", "text": "Plain talks."}\n' + '{"id": "l", "text": "Talks in Malmö."}\n'.encode("latin-1")
                     + b'{"id": "m", "text": "Caf\xc3\xa9 caf\xe9."}\n')  # fmt: skip
    [shard] = plan_shards([str(path)], 10)
    shard_errors: list[IngestError] = []
    read_errors: list[IngestError] = []
    ours = [(a.id, a.text) for a in read_shard(shard, on_error=shard_errors.append)]
    assert ours == [(a.id, a.text) for a in read(path, on_error=read_errors.append)] == [("u", "Plain talks."), ("l", "Talks in Malmö.")]
    assert [e.reason for e in shard_errors] == [e.reason for e in read_errors] == ["not UTF-8 text: undecodable byte 0xe9 at column 31"]
