"""runner.run into the store: idempotent re-ingest, bad inputs skipped, failures recorded.

The coder is replaced by a tiny fake (one event per sentence) so these run without spaCy;
the real pipeline is exercised by the model-marked CLI tests in tests/cli/test_ingest_cli.py.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from collections.abc import Iterable, Iterator

import pytest
from _articles import event

from flashpoint import runner
from flashpoint.config import Settings
from flashpoint.model import Article, CodedArticle, Failure, Mode, Sentence
from flashpoint.store import open_store


class FakeCoder:
    """One sentence per line and one event per sentence; "FAIL" in the text fails the article."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def pipe(self, articles: Iterable[Article], *, on_error: str = "record") -> Iterator[CodedArticle]:
        for article in articles:
            self.seen.append(article.id)
            if "FAIL" in article.text:
                yield CodedArticle(article, failures=[Failure(article.id, "ValueError", "boom")])
                continue
            sentences, events, start = [], [], 0
            for index, line in enumerate(article.text.split("\n")):
                sentences.append(Sentence(index, start, start + len(line), line))
                events.append(dataclasses.replace(event(article.id, start=start), sentence_index=index, sentence=line))
                start += len(line) + 1
            yield CodedArticle(article, sentences, events, [])


@pytest.fixture
def fake_coder(monkeypatch):
    coder = FakeCoder()
    monkeypatch.setattr(runner, "get_coder", lambda settings: coder)
    return coder


@pytest.fixture
def settings(tmp_path):
    return dataclasses.replace(Settings(), db_path=tmp_path / "fp.duckdb", batch_size=3)


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"2022-02-2{i}-story{i}.txt").write_text(f"Headline {i}\n\nRussia attacked Ukraine {i}.\nKyiv replied {i}.\n")
    lines = [json.dumps({"id": f"j{i}", "text": f"Line article {i}.", "date": "2022-03-01"}) for i in range(3)]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_run_stores_every_article_once(fake_coder, settings, inputs):
    report = runner.run([str(inputs)], settings)
    assert (report.read, report.new, report.skipped_duplicate, report.failed) == (8, 8, 0, [])
    assert report.events == 5 * 2 + 3
    with open_store(settings.db_path, read_only=True) as store:
        assert store.counts()["articles"] == 8
        assert store.counts()["sentences"] == 13


def test_run_twice_adds_nothing_and_codes_nothing(fake_coder, settings, inputs):
    runner.run([str(inputs)], settings)
    coded_first = len(fake_coder.seen)
    report = runner.run([str(inputs)], settings)
    assert (report.read, report.new, report.skipped_duplicate, report.events) == (8, 0, 8, 0)
    assert len(fake_coder.seen) == coded_first  # skipped before parsing
    with open_store(settings.db_path, read_only=True) as store:
        assert store.counts()["articles"] == 8
        assert store.counts()["events"] == 13


def test_run_same_input_twice_in_one_run_is_duplicate(fake_coder, settings, inputs):
    report = runner.run([str(inputs), str(inputs / "batch.jsonl")], settings)
    assert (report.read, report.new, report.skipped_duplicate) == (11, 8, 3)


def test_run_bad_inputs_reported_good_ones_stored(fake_coder, settings, inputs):
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02\x03 not text")
    (inputs / "empty.txt").write_text("   \n")
    (inputs / "batch.jsonl").write_text('{"id": "ok1", "text": "Fine."}\n{not json\n{"id": "ok2", "text": "Also fine."}\n')
    errors: list[tuple[str, str]] = []
    report = runner.run([str(inputs), str(inputs / "missing.txt")], settings, on_error=lambda s, r: errors.append((s, r)))
    failed_sources = sorted(source.rsplit("/", 1)[-1] for source, _ in report.failed)
    assert failed_sources == ["batch.jsonl:2", "binary.txt", "empty.txt", "missing.txt"]
    assert errors == report.failed
    assert report.new == 7
    with open_store(settings.db_path, read_only=True) as store:
        assert {"ok1", "ok2"} <= set(store.articles()["id"])


def test_run_coding_failure_not_stored_and_retried(fake_coder, settings, tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "x1", "text": "FAIL here"}\n{"id": "x2", "text": "fine"}\n')
    report = runner.run([str(source)], settings)
    assert report.failed == [("x1", "coding failed: ValueError: boom")]
    assert report.new == 1
    again = runner.run([str(source)], settings)
    assert (again.new, again.skipped_duplicate, len(again.failed)) == (0, 1, 1)  # x1 is tried again


def test_run_progress_called_per_article(fake_coder, settings, inputs):
    seen: list[int] = []
    runner.run([str(inputs)], settings, progress=lambda report: seen.append(report.new + report.skipped_duplicate))
    assert seen == list(range(1, 9))


def test_run_report_summary_names_every_count(fake_coder, settings, inputs):
    report = runner.run([str(inputs)], settings)
    assert report.summary().startswith("read 8, new 8, skipped as duplicate 0, failed 0; 13 events; ")
    assert report.ok is True
    assert report.seconds >= report.nlp_seconds + report.store_seconds


def test_run_into_given_store_leaves_it_open(fake_coder, settings, inputs):
    with open_store(settings.db_path) as store:
        runner.run([str(inputs)], settings, store=store)
        assert store.counts()["articles"] == 8  # still usable


def test_run_clusters_when_dedup_available(fake_coder, settings, tmp_path):
    pytest.importorskip("flashpoint.analysis.dedup")
    source = tmp_path / "same.jsonl"
    # three articles, each with one asserted RUSGOV->UKR attack on the same day: one cluster
    source.write_text("".join(json.dumps({"id": f"s{i}", "text": f"Report {i}."}) + "\n" for i in range(3)))
    report = runner.run([str(source)], settings)
    assert report.deduplicated is True
    with open_store(settings.db_path, read_only=True) as store:
        clusters = store.con.execute("SELECT n_mentions, n_articles, sources FROM clusters").fetchall()
        assert clusters == [(3, 3, ["s0", "s1", "s2"])]
        assert store.con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchone() == (1,)


def test_store_coded_stores_skips_and_reports(settings):
    from _articles import coded

    failed = CodedArticle(coded("f1").article, failures=[Failure("f1", "ValueError", "boom")])
    report = runner.store_coded([coded("c1"), coded("c2"), failed, coded("c1")], settings)
    assert (report.read, report.new, report.skipped_duplicate, report.events) == (4, 2, 1, 2)
    assert report.failed == [("f1", "coding failed: ValueError: boom")]
    again = runner.store_coded([coded("c2")], settings)
    assert (again.new, again.skipped_duplicate) == (0, 1)


def test_run_one_bad_article_in_a_batch_costs_only_itself(fake_coder, settings, tmp_path, monkeypatch):
    # The fake coder gives every article an event with the same id when its text is "CLASH":
    # the batch write fails, and the one-by-one retry stores all but the clashing second one.
    source = tmp_path / "b.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in [("x1", "ok"), ("x2", "CLASH"), ("x3", "CLASH")]))
    original = fake_coder.pipe

    def pipe(articles, on_error="record"):
        for item in original(articles, on_error=on_error):
            if item.article.text == "CLASH":
                item = CodedArticle(item.article, item.sentences, [dataclasses.replace(e, article_id="same") for e in item.events], [])
            yield item

    monkeypatch.setattr(fake_coder, "pipe", pipe)
    report = runner.run([str(source)], settings)
    assert report.new == 2
    assert [f[0] for f in report.failed] == ["x3"]
    assert report.failed[0][1].startswith("not stored: ")


@pytest.mark.issue(13)
def test_run_repeated_identical_sentence_stores_its_event_once(fake_coder, settings, tmp_path):
    text = "Russia attacked Ukraine.\nKyiv replied.\nRussia  attacked Ukraine.\nRussia attacked Ukraine."
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "twice", "text": text, "date": "2022-02-24"}) + "\n")
    report = runner.run([str(path)], settings)
    assert (report.new, report.events) == (1, 2)  # "Kyiv replied." is its own sentence and event
    with open_store(settings.db_path, read_only=True) as store:
        assert store.counts()["events"] == 2
        assert sorted(store.events()["sentence_index"]) == [0, 1]  # the first telling is the one kept
        assert store.counts()["sentences"] == 4  # the article's text is kept whole


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("second", "kept"),
    [({}, 1), ({"mode": Mode.NEGATED}, 2), ({"target": "USA"}, 2), ({"sentence": "Russia attacked Ukraine again."}, 2),
     ({"event_date": date(2022, 2, 23)}, 2), ({"start": 40}, 1)],
)  # fmt: skip
def test_distinct_events_drops_only_an_identical_retelling(second, kept):
    events = [event("a"), event("a", **second)]
    coded = CodedArticle(Article("a", "text"), events=events)
    assert runner.distinct_events(coded).events == events[:kept]
