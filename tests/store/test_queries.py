"""Named reads: events filters, quotes, articles, trend_counts; user values stay data."""

from __future__ import annotations

from datetime import date

import pandas
import pytest
from _articles import coded, event

from flashpoint.errors import QueryError
from flashpoint.model import Article, CodedArticle, Mode, Sentence
from flashpoint.store import open_store
from flashpoint.store import queries


def _article(article_id: str, events: list, sentence: str = "Russia attacked Ukraine.") -> CodedArticle:
    return CodedArticle(Article(id=article_id, text=sentence, published=date(2022, 2, 24)), [Sentence(0, 0, len(sentence), sentence)], events, [])


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "fp.duckdb") as opened:
        opened.write(_article("a1", [
            event("a1", source="RUSGOV", target="UKR", cameo="190", event_date=date(2022, 2, 24)),
            event("a1", source="RUS", target="UKRMIL", cameo="112", quad_class=3, goldstein=-2.0, start=30,
                  event_date=date(2022, 2, 25)),
        ]))  # fmt: skip
        opened.write(_article("a2", [
            event("a2", source="USA", target="RUS", cameo="172", quad_class=4, goldstein=-5.0, mode=Mode.INTENDED,
                  event_date=date(2022, 3, 2), sentence="Washington will sanction Moscow."),
        ], "Washington will sanction Moscow."))  # fmt: skip
        opened.write(_article("a3", [
            # background: reported in March, happened in 2014; counts on its own date
            event("a3", source="RUSMIL", target="UKR", cameo="190", event_date=date(2014, 3, 1), background=True,
                  article_date=date(2022, 3, 3)),
        ]))  # fmt: skip
        yield opened


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["a3", "a1", "a1", "a2"]),
        ({"source": "RUS"}, ["a3", "a1", "a1"]),
        ({"source": "rusgov"}, ["a1"]),
        ({"target": "UKR"}, ["a3", "a1", "a1"]),
        ({"source": "RUS", "target": "UKRMIL"}, ["a1"]),
        ({"root": "19"}, ["a3", "a1"]),
        ({"root": 11}, ["a1"]),
        ({"mode": "intended"}, ["a2"]),
        ({"mode": Mode.ASSERTED}, ["a3", "a1", "a1"]),
        ({"since": "2022-02-25"}, ["a1", "a2"]),
        ({"since": date(2022, 1, 1), "until": "2022-02-24"}, ["a1"]),
        ({"text": "washington SANCTION"}, ["a2"]),
        ({"text": "washington attacked"}, []),
        ({"article_id": "a2"}, ["a2"]),
        ({"limit": 2}, ["a3", "a1"]),
        ({"limit": 2, "offset": 3}, ["a2"]),
    ],
)
def test_queries_events_filters(store, filters, expected):
    assert list(store.events(**filters)["article_id"]) == expected


@pytest.mark.parametrize(
    "value",
    ["RUS'; DROP TABLE events; --", "' OR '1'='1", "%", "_", 'RUS" OR 1=1 --', "a1'); DELETE FROM articles; --"],
)
def test_queries_events_values_are_data_not_sql(store, value):
    for key in ("source", "target", "text", "article_id"):
        assert store.events(**{key: value}).empty
    assert store.quotes(value).empty
    assert store.counts()["events"] == 4
    assert store.counts()["articles"] == 3


@pytest.mark.parametrize(
    "filters",
    [{"mode": "maybe"}, {"root": "1x"}, {"root": "123"}, {"since": "last week"}, {"until": "2022-13-01"}, {"limit": -1}],
)
def test_queries_events_bad_filter_is_query_error(store, filters):
    with pytest.raises(QueryError):
        store.events(**filters)


def test_queries_events_columns_match_schema(store):
    frame = store.events(source="RUSGOV")
    assert frame.loc[0, "event_id"] == event("a1").event_id
    assert frame.loc[0, "cameo"] == "190"
    assert frame.loc[0, "root"] == "19"
    assert frame.shape[1] == 36


def test_queries_quotes_by_speaker(tmp_path):
    with open_store(tmp_path / "q.duckdb") as store:
        store.write(coded("a1"))
        assert list(store.quotes()["text"]) == ["it would resist"]
        assert list(store.quotes("UKR")["speaker_code"]) == ["UKRGOV"]
        assert list(store.quotes("kyiv")["speaker_text"]) == ["Kyiv"]
        assert store.quotes("RUS").empty


def test_queries_articles_counts(store):
    frame = store.articles()
    assert list(frame["id"]) == ["a1", "a2", "a3"]
    assert list(frame["n_events"]) == [2, 1, 1]
    assert list(frame["n_sentences"]) == [1, 1, 1]
    assert "text" not in frame.columns
    assert "text" in store.articles(with_text=True).columns


def test_queries_trend_counts_day_fills_gaps(store):
    frame = store.trend("RUS", "UKR", freq="day", since="2022-01-01")
    assert list(frame["period"].dt.date) == [date(2022, 2, 24), date(2022, 2, 25)]
    assert list(frame["n"]) == [1, 1]
    assert list(frame["q3"]) == [0, 1]
    assert list(frame["q4"]) == [1, 0]
    assert list(frame["goldstein_sum"]) == [-10.0, -2.0]


def test_queries_trend_counts_background_on_own_date_and_only_asserted(store):
    frame = store.trend("RUS", freq="month")
    # 2014-03 (background event) ... 2022-02; the intended USA event is not counted anyway
    assert frame.loc[0, "period"].date() == date(2014, 3, 1)
    assert frame.loc[0, "n"] == 1
    assert frame["n"].sum() == 3
    assert len(frame) == 96  # every month from 2014-03 to 2022-02, gaps filled with 0
    assert pandas.isna(frame.loc[1, "goldstein_mean"])
    assert store.trend("USA", freq="week").empty


def test_queries_trend_counts_week_starts_monday(store):
    frame = store.trend("RUS", "UKR", freq="week", since="2022-01-01")
    assert list(frame["period"].dt.date) == [date(2022, 2, 21)]
    assert frame.loc[0, "n"] == 2
    assert frame.loc[0, "goldstein_mean"] == -6.0


def test_queries_trend_counts_bad_freq(store):
    with pytest.raises(QueryError):
        queries.trend_counts(store.con, source="RUS", freq="year")


def test_queries_clusters_near_filters_dyad_root_and_dates(tmp_path):
    with open_store(tmp_path / "c.duckdb") as store:
        base = {"root": "19", "cameo": "190", "n_mentions": 1, "n_articles": 1, "sources": ["a1"]}
        clusters = [
            {**base, "cluster_id": "keep", "source_code": "RUSMIL", "target_code": "UKR", "event_date": date(2022, 2, 24)},
            {**base, "cluster_id": "notarget", "source_code": "RUS", "target_code": None, "event_date": date(2022, 2, 24)},
            {**base, "cluster_id": "otherdyad", "source_code": "USA", "target_code": "UKR", "event_date": date(2022, 2, 24)},
            {**base, "cluster_id": "otherroot", "source_code": "RUS", "target_code": "UKR", "root": "11", "event_date": date(2022, 2, 24)},
            {**base, "cluster_id": "late", "source_code": "RUS", "target_code": "UKR", "event_date": date(2022, 3, 24)},
        ]
        store.write(coded("a1"), None, clusters)
        window = [date(2022, 2, 20)] * 2, [date(2022, 2, 28)] * 2
        found = queries.clusters_near(store.con, dyads=["RUS|UKR|19", "RUS|-|19"], since=window[0], until=window[1])
        assert list(found["cluster_id"]) == ["keep", "notarget"]
        # each dyad has its own window: the late cluster is found only by a window around it
        found = queries.clusters_near(
            store.con, dyads=["RUS|UKR|19", "RUS|-|19"], since=[date(2022, 3, 20), date(2022, 2, 20)], until=[date(2022, 3, 28), date(2022, 2, 28)]
        )
        assert list(found["cluster_id"]) == ["late", "notarget"]


def test_queries_clusters_near_lengths_must_match(store):
    with pytest.raises(QueryError):
        queries.clusters_near(store.con, dyads=["RUS|UKR|19"], since=[], until=[])
