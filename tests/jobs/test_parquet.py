"""Parquet shard files: store columns, month partitions, atomic replacement, read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet

from flashpoint.jobs.parquet import SCHEMAS, read_coded, shard_files, write_shard
from flashpoint.model import Action, Actor, Article, CodedArticle, Event, Mode, Plover, Quote, Sentence
from flashpoint.store.rows import ARTICLE_COLUMNS, EVENT_COLUMNS, QUOTE_COLUMNS, SENTENCE_COLUMNS


def _coded(article_id: str, published: date | None) -> CodedArticle:
    text = "Rebels attacked the town. Officials said it was calm."
    article = Article(id=article_id, text=text, published=published, title="T", source="wire", url=None)
    event = Event(
        article_id=article_id, article_date=published, sentence_index=0, sentence="Rebels attacked the town.",
        source=Actor(text="Rebels", code="REB", span=(0, 6)), target=Actor(text="the town", code=None, span=(16, 24)),
        action=Action("attacked", (7, 15)), cameo="190", cameo_name="Use conventional military force",
        goldstein=-10.0, quad_class=4, plover=Plover("ASSAULT", None), mode=Mode.ASSERTED, rule="attack",
        event_date=published,
    )  # fmt: skip
    quote = Quote(article_id, 1, "it was calm", (41, 52), "reported", Actor(text="Officials", code="GOV"), "said")
    sentences = [Sentence(0, 0, 25, "Rebels attacked the town."), Sentence(1, 26, 53, "Officials said it was calm.")]
    return CodedArticle(article, sentences, [event], [quote])


def test_parquet_tables_have_the_store_columns() -> None:
    assert tuple(SCHEMAS["articles"].names) == ARTICLE_COLUMNS
    assert tuple(SCHEMAS["sentences"].names) == SENTENCE_COLUMNS
    assert tuple(SCHEMAS["events"].names) == EVENT_COLUMNS
    assert tuple(SCHEMAS["quotes"].names) == QUOTE_COLUMNS


def test_write_shard_partitions_by_month_and_reads_back(tmp_path: Path) -> None:
    items = [_coded("a", date(2022, 2, 3)), _coded("b", date(2022, 3, 1)), _coded("c", None)]
    written = write_shard(tmp_path, "s1", items)
    assert "events/month=2022-02/part-s1.parquet" in written
    assert "articles/month=unknown/part-s1.parquet" in written
    assert len(written) == 12
    back = {c.article.id: c for c in read_coded(tmp_path)}
    assert sorted(back) == ["a", "b", "c"]
    for item in items:
        got = back[item.article.id]
        assert got.article == item.article
        assert got.sentences == item.sentences
        assert [e.event_id for e in got.events] == [e.event_id for e in item.events]
        assert got.events[0].mode is Mode.ASSERTED and got.events[0].event_date == item.article.published
        assert [q.quote_id for q in got.quotes] == [q.quote_id for q in item.quotes]
    table = pyarrow.parquet.read_table(tmp_path / "events" / "month=2022-02" / "part-s1.parquet")
    assert table.schema.field("article_date").type == pyarrow.date32()


def test_write_shard_again_replaces_its_files_without_stale_ones(tmp_path: Path) -> None:
    write_shard(tmp_path, "s1", [_coded("a", date(2022, 2, 3))])
    write_shard(tmp_path, "s2", [_coded("b", date(2022, 2, 5))])
    write_shard(tmp_path, "s1", [_coded("a", date(2022, 4, 1))])  # the input changed its date
    assert [p.relative_to(tmp_path).as_posix() for p in shard_files(tmp_path, "s1")] == [
        "articles/month=2022-04/part-s1.parquet", "events/month=2022-04/part-s1.parquet",
        "quotes/month=2022-04/part-s1.parquet", "sentences/month=2022-04/part-s1.parquet",
    ]  # fmt: skip
    assert sorted(c.article.id for c in read_coded(tmp_path)) == ["a", "b"]
    assert not list(tmp_path.rglob("*.tmp"))


def test_write_shard_without_partitions(tmp_path: Path) -> None:
    written = write_shard(tmp_path, "s1", [_coded("a", date(2022, 2, 3))], partition_by="none")
    assert written == ["articles/part-s1.parquet", "events/part-s1.parquet", "quotes/part-s1.parquet", "sentences/part-s1.parquet"]
