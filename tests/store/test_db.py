"""Store: open/migrate, one-transaction writes, rollback, errors translated."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import duckdb
import pytest
from _articles import coded, event

from flashpoint.errors import SchemaMismatch, StoreError, StoreLocked
from flashpoint.model import CodedArticle
from flashpoint.store import SCHEMA_VERSION, Store, open_store


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "fp.duckdb") as opened:
        yield opened


def test_open_store_creates_tables_and_schema_version(tmp_path):
    with open_store(tmp_path / "sub" / "fp.duckdb") as store:
        tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        version = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert tables == {"articles", "sentences", "events", "quotes", "clusters", "meta"}
    assert version == SCHEMA_VERSION == "1"


def test_open_store_twice_keeps_rows(tmp_path):
    path = tmp_path / "fp.duckdb"
    with open_store(path) as store:
        store.write(coded("a1"))
    with open_store(path) as store:
        assert store.counts() == {"articles": 1, "sentences": 2, "events": 1, "quotes": 1, "clusters": 0}


def test_store_write_stores_every_table(store):
    assert store.write(coded("a1", events=3)) is True
    assert store.counts() == {"articles": 1, "sentences": 2, "events": 3, "quotes": 1, "clusters": 0}
    row = store.con.execute("SELECT id, url, source, title, published, hash FROM articles").fetchone()
    assert row[:5] == ("a1", "https://example.org/a1", "Test Wire", "A title", date(2022, 2, 24))
    assert len(row[5]) == 40


def test_store_write_same_article_twice_is_noop(store):
    assert store.write(coded("a1")) is True
    assert store.write(coded("a1")) is False
    assert store.counts()["articles"] == 1
    assert store.counts()["events"] == 1


def test_store_has_article(store):
    store.write(coded("a1"))
    assert store.has_article("a1") is True
    assert store.has_article("a2") is False
    assert store.stored_ids(["a1", "a2", "a1"]) == {"a1"}


def test_store_write_rolls_back_on_error(store):
    store.write(coded("a1"))
    # a2 carries an event whose id is already stored: the events insert fails after the
    # article and sentence rows went in, and the whole article must vanish.
    second = coded("a2")
    bad = CodedArticle(second.article, second.sentences, coded("a1").events, [])
    with pytest.raises(StoreError):
        store.write(bad)
    assert store.has_article("a2") is False
    assert store.counts() == {"articles": 1, "sentences": 2, "events": 1, "quotes": 1, "clusters": 0}
    assert store.write(coded("a3")) is True  # the connection is usable after the rollback


def test_store_write_duplicate_event_ids_in_one_article_kept_once(store):
    one = coded("a1")
    twice = CodedArticle(one.article, one.sentences, one.events + one.events, one.quotes + one.quotes)
    store.write(twice)
    assert store.counts()["events"] == 1
    assert store.counts()["quotes"] == 1


def test_store_write_cluster_rows_and_ids(store):
    first = coded("a1")
    eid = first.events[0].event_id
    cluster = {"cluster_id": "c1", "source_code": "RUSGOV", "target_code": "UKR", "root": "19", "cameo": "190",
               "event_date": date(2022, 2, 24), "n_mentions": 1, "n_articles": 1, "sources": ["a1"]}  # fmt: skip
    store.write(first, {eid: "c1"}, [cluster])
    second = coded("a2")
    # a later article joins the cluster and re-points the first article's event to a merged id
    store.write(second, {second.events[0].event_id: "c1", eid: "c1"}, [{**cluster, "n_mentions": 2, "n_articles": 2, "sources": ["a1", "a2"]}])
    assert store.con.execute("SELECT cluster_id, n_mentions, n_articles, sources FROM clusters").fetchall() == [
        ("c1", 2, 2, ["a1", "a2"])
    ]
    assert store.con.execute("SELECT DISTINCT cluster_id FROM events").fetchall() == [("c1",)]


def test_store_read_only_refuses_writes(tmp_path):
    path = tmp_path / "fp.duckdb"
    open_store(path).close()
    with open_store(path, read_only=True) as store, pytest.raises(StoreError):
        store.write(coded("a1"))


def test_open_store_read_only_missing_file_is_store_error(tmp_path):
    with pytest.raises(StoreError, match="no store here yet"):
        open_store(tmp_path / "absent.duckdb", read_only=True)


def test_open_store_not_a_duckdb_file_is_store_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert not isinstance(info.value, StoreLocked)


def test_open_store_other_schema_version_is_mismatch(tmp_path):
    path = tmp_path / "fp.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(SchemaMismatch) as info:
        open_store(path)
    assert (info.value.found, info.value.expected) == ("99", "1")


def test_open_store_locked_by_other_process(tmp_path):
    path = tmp_path / "fp.duckdb"
    open_store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreLocked):
            open_store(path)
    finally:
        holder.kill()
        holder.wait()


def test_store_memory_and_repr():
    store = open_store(":memory:")
    assert isinstance(store, Store)
    assert repr(store) == "<Store :memory: read-write>"
    store.close()


def test_store_write_badly_typed_cluster_is_store_error_and_rolled_back(store):
    with pytest.raises(StoreError):
        store.write(coded("a1"), None, [{"cluster_id": "c1", "n_mentions": "many"}])
    assert store.counts() == {"articles": 0, "sentences": 0, "events": 0, "quotes": 0, "clusters": 0}


def test_store_write_event_without_actors_or_date(store):
    article = coded("a1")
    bare = event("a1", source=None, target=None, event_date=None, article_date=None)
    store.write(CodedArticle(article.article, article.sentences, [bare], []))
    row = store.con.execute("SELECT source_code, target_text, event_date, mode FROM events").fetchone()
    assert row == (None, None, None, "asserted")


def _assign_all_to_one(events, existing):
    """A stand-in for analysis.dedup: every mention into cluster "k" (counts from the rows)."""
    import pandas

    ids = pandas.Series(["k"] * len(events), index=events["event_id"], dtype=object)
    frame = pandas.DataFrame([{"cluster_id": "k", "source_code": "RUS", "target_code": "UKR", "root": "19",
                               "event_date": date(2022, 2, 24), "n_mentions": len(events) + len(existing), "n_articles": events["article_id"].nunique(),
                               "sources": sorted(set(events["article_id"]))}])  # fmt: skip
    return ids, frame


def test_store_write_many_writes_batch_in_one_go_and_skips_stored(store):
    store.write(coded("a1"))
    written = store.write_many([coded("a1"), coded("a2", events=2), coded("a3"), coded("a2")])
    assert (written.articles, written.skipped) == (["a2", "a3"], ["a1", "a2"])
    assert store.counts() == {"articles": 3, "sentences": 6, "events": 4, "quotes": 3, "clusters": 0}


def test_store_write_many_is_all_or_nothing(store):
    store.write(coded("a1"))
    clash = CodedArticle(coded("a3").article, coded("a3").sentences, coded("a1").events, [])  # an event id already stored
    with pytest.raises(StoreError):
        store.write_many([coded("a2"), clash])
    assert store.stored_ids(["a2", "a3"]) == set()  # a2 was fine but its batch failed: not half of it
    assert store.counts()["events"] == 1


def test_store_write_many_clusters_with_dedup_and_reads_stored_clusters(store):
    seen = []

    def dedup(events, existing):
        seen.append(sorted(existing["cluster_id"]))
        return _assign_all_to_one(events, existing)

    store.write_many([coded("a1"), coded("a2")], dedup)
    store.write_many([coded("a3")], dedup)
    assert seen == [[], ["k"]]  # the second batch was offered the stored cluster it could join
    assert store.con.execute("SELECT DISTINCT cluster_id FROM events").fetchall() == [("k",)]
    assert store.con.execute("SELECT n_mentions, sources FROM clusters").fetchall() == [(2, ["a3"])]


def test_store_write_many_dedup_failure_still_stores(store):
    from flashpoint.errors import QueryError

    def broken(events, existing):
        raise QueryError("no such column")

    written = store.write_many([coded("a1")], broken)
    assert written.articles == ["a1"]
    assert store.con.execute("SELECT cluster_id FROM events").fetchall() == [(None,)]
