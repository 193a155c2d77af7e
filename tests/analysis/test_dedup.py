"""Cross-article de-duplication: mentions of one real-world event become one cluster."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas
import pytest

from flashpoint.analysis.dedup import CLUSTER_COLUMNS, assign_clusters, cluster_key
from flashpoint.errors import QueryError
from flashpoint.model import Event


def mention(event_id: str, article_id: str, **fields: Any) -> dict[str, Any]:
    """One `events` row: RUSMIL shells UKR on 2022-03-01 unless overridden."""
    row: dict[str, Any] = {
        "event_id": event_id,
        "article_id": article_id,
        "article_date": date(2022, 3, 2),
        "sentence_index": 0,
        "source_text": "Russian forces",
        "source_code": "RUSMIL",
        "target_text": "Ukraine",
        "target_code": "UKR",
        "cameo": "194",
        "root": "19",
        "mode": "asserted",
        "event_date": date(2022, 3, 1),
    }
    row.update(fields)
    return row


def frame(*rows: dict[str, Any]) -> pandas.DataFrame:
    return pandas.DataFrame(list(rows))


def event_row(event: Event) -> dict[str, Any]:
    """An `events` table row from a coded Event (the columns assign_clusters reads)."""
    return {
        "event_id": event.event_id,
        "article_id": event.article_id,
        "article_date": event.article_date,
        "sentence_index": event.sentence_index,
        "source_text": event.source.text if event.source else None,
        "source_code": event.source.code if event.source else None,
        "target_text": event.target.text if event.target else None,
        "target_code": event.target.code if event.target else None,
        "cameo": event.cameo,
        "root": event.root,
        "mode": event.mode.value,
        "event_date": event.event_date,
        "place": event.place.name if event.place else None,
        "place_kind": event.place.kind if event.place else None,
    }


# --- rules, on hand-made rows -------------------------------------------------------------


def test_assign_clusters_merges_same_dyad_root_and_day_across_articles():
    events = frame(
        mention("e1", "a1"),
        mention("e2", "a2", source_code="RUS", cameo="190"),
        mention("e3", "a3", event_date=date(2022, 3, 2)),
    )
    ids, clusters = assign_clusters(events)
    assert ids.nunique() == 1
    assert len(clusters) == 1
    row = clusters.iloc[0]
    assert (row["n_mentions"], row["n_articles"], row["sources"]) == (3, 3, ["a1", "a2", "a3"])
    assert row["event_date"] == date(2022, 3, 1)
    assert row["first_seen"] == pandas.Timestamp("2022-03-02", tz="UTC")
    assert list(clusters.columns) == list(CLUSTER_COLUMNS)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("target_code", "SYR"),  # another dyad
        ("root", "11"),  # another code family
        ("event_date", date(2022, 3, 5)),  # outside the one-day window
        ("event_date", date(2014, 1, 1)),  # a background event
    ],
)
def test_assign_clusters_keeps_different_events_apart(field, value):
    ids, clusters = assign_clusters(frame(mention("e1", "a1"), mention("e2", "a2", **{field: value})))
    assert ids["e1"] != ids["e2"]
    assert len(clusters) == 2


def test_assign_clusters_anchors_window_on_earliest_date():
    # Daily shelling on three consecutive days is two clusters, not one chained one.
    events = frame(
        mention("e1", "a1", event_date=date(2022, 3, 1)),
        mention("e2", "a2", event_date=date(2022, 3, 2)),
        mention("e3", "a3", event_date=date(2022, 3, 3)),
    )
    ids, _ = assign_clusters(events)
    assert ids["e1"] == ids["e2"] != ids["e3"]


@pytest.mark.parametrize("mode", ["negated", "hypothetical", "intended", "denied"])
def test_assign_clusters_gives_non_asserted_mentions_no_cluster(mode):
    ids, clusters = assign_clusters(frame(mention("e1", "a1"), mention("e2", "a2", mode=mode)))
    assert ids["e2"] is None
    assert clusters["n_mentions"].tolist() == [1]


def test_assign_clusters_never_merges_unresolved_actors():
    events = frame(
        mention("e1", "a1", source_code=None, source_text="the militants"),
        mention("e2", "a2", source_code=None, source_text="the militants"),
    )
    ids, clusters = assign_clusters(events)
    assert ids["e1"] != ids["e2"]
    assert clusters["n_mentions"].tolist() == [1, 1]


def test_assign_clusters_merges_absent_targets():
    events = frame(
        mention("e1", "a1", target_code=None, target_text=None),
        mention("e2", "a2", target_code=None, target_text=None),
    )
    ids, _ = assign_clusters(events)
    assert ids["e1"] == ids["e2"]


def test_assign_clusters_merges_undated_only_on_same_article_date():
    events = frame(
        mention("e1", "a1", event_date=None),
        mention("e2", "a2", event_date=None),
        mention("e3", "a3", event_date=None, article_date=date(2022, 3, 3)),
        mention("e4", "a4"),  # dated 2022-03-01: not merged with undated mentions
    )
    ids, _ = assign_clusters(events)
    assert ids["e1"] == ids["e2"]
    assert len({ids["e1"], ids["e3"], ids["e4"]}) == 3


def test_assign_clusters_requires_same_place_when_both_known():
    events = frame(
        mention("e1", "a1", place="Kharkiv"),
        mention("e2", "a2", place=None),
        mention("e3", "a3", place="Kyiv"),
    )
    ids, clusters = assign_clusters(events)
    assert ids["e1"] == ids["e2"] != ids["e3"]
    assert sorted(clusters["place"].tolist()) == ["Kharkiv", "Kyiv"]


def test_assign_clusters_is_idempotent():
    events = frame(mention("e1", "a1"), mention("e2", "a2"), mention("e3", "a3", root="04"))
    first_ids, first = assign_clusters(events)
    again_ids, again = assign_clusters(events.iloc[::-1].reset_index(drop=True))
    assert again_ids.sort_index().tolist() == first_ids.sort_index().tolist()
    assert sorted(again["cluster_id"]) == sorted(first["cluster_id"])
    # Re-running with the stored clusters and ids counts nothing twice.
    stored = events.assign(cluster_id=first_ids.tolist())
    rerun_ids, rerun = assign_clusters(stored, first)
    assert rerun_ids.tolist() == first_ids.tolist()
    merged = rerun.set_index("cluster_id").loc[first_ids["e1"]]
    assert (merged["n_mentions"], merged["n_articles"]) == (2, 2)


def test_assign_clusters_updates_existing_cluster():
    _, stored = assign_clusters(frame(mention("e1", "a1", article_date=date(2022, 3, 1))))
    later = frame(mention("e2", "a2", article_date=date(2022, 3, 4)), mention("e3", "a3", root="04"))
    ids, updated = assign_clusters(later, stored)
    assert ids["e2"] == stored["cluster_id"].iloc[0]
    row = updated.set_index("cluster_id").loc[ids["e2"]]
    assert (row["n_mentions"], row["n_articles"], row["sources"]) == (2, 2, ["a1", "a2"])
    assert row["first_seen"] == pandas.Timestamp("2022-03-01", tz="UTC")
    assert row["last_seen"] == pandas.Timestamp("2022-03-04", tz="UTC")
    assert len(updated) == 2  # the updated cluster and the new one


def test_cluster_key_names_dyad_root_date_and_place():
    assert cluster_key(mention("e1", "a1")) == "RUS|UKR|19|2022-03-01|"
    assert cluster_key(mention("e1", "a1", mode="negated")) == "mention|e1"
    assert cluster_key(mention("e1", "a1", event_date=None)) == "RUS|UKR|19|article:2022-03-02|"


def test_assign_clusters_rejects_missing_columns():
    with pytest.raises(QueryError, match="root"):
        assign_clusters(frame(mention("e1", "a1")).drop(columns=["root"]))


def test_assign_clusters_on_empty_input_is_empty():
    ids, clusters = assign_clusters(pandas.DataFrame(columns=list(mention("e", "a"))))
    assert len(ids) == 0
    assert len(clusters) == 0


# --- the real coder ----------------------------------------------------------------------

THREE_REPORTS = {
    "outlet-a": "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, local officials said.",
    "outlet-b": "Russia bombarded Kharkiv in Ukraine on Tuesday, killing several civilians.",
    "outlet-c": "Russian troops attacked Ukraine's second city, Kharkiv, overnight.",
}
UNRELATED = "France and Germany signed a trade agreement in Paris on Monday."
BACKGROUND = "Russia seized Crimea from Ukraine in 2014."
SAME_ROOT_2022 = "Russia seized territory from Ukraine on Tuesday."


def coded_rows(coder, texts: dict[str, str], published: date) -> pandas.DataFrame:
    rows = []
    for article_id, text in texts.items():
        rows.extend(event_row(e) for e in coder.code_text(text, published=published, article_id=article_id).events)
    return pandas.DataFrame(rows)


@pytest.mark.model
def test_assign_clusters_three_reports_of_one_shelling_make_one_cluster(coder):
    events = coded_rows(coder, {**THREE_REPORTS, "outlet-d": UNRELATED}, date(2022, 3, 2))
    ids, clusters = assign_clusters(events)
    shelling = {ids[e] for e in events.loc[events["article_id"].str.startswith("outlet-") & (events["root"] == "19"), "event_id"]}
    assert len(shelling) == 1
    row = clusters.set_index("cluster_id").loc[shelling.pop()]
    assert row["n_articles"] == 3
    assert row["sources"] == ["outlet-a", "outlet-b", "outlet-c"]
    unrelated = events.loc[events["article_id"] == "outlet-d", "event_id"].tolist()
    others = events.loc[events["article_id"] != "outlet-d", "event_id"].tolist()
    assert len(unrelated) >= 1
    assert not {ids[e] for e in unrelated} & {ids[e] for e in others}


@pytest.mark.model
def test_assign_clusters_background_event_stays_apart_from_current_one(coder):
    events = coded_rows(coder, {"old": BACKGROUND, "new": SAME_ROOT_2022}, date(2022, 3, 2))
    assert sorted(events["root"]) == ["19", "19"]
    assert sorted(d.year for d in events["event_date"]) == [2014, 2022]
    ids, _ = assign_clusters(events)
    assert ids.nunique() == 2


def test_assign_clusters_country_place_does_not_split_clusters():
    # "in Ukraine" and "in Kharkiv" can describe the same shelling: a country is no place here
    ids, clusters = assign_clusters(frame(
        mention("e1", "a1", place="Kharkiv", place_kind="city"),
        mention("e2", "a2", place="Ukraine", place_kind="country"),
        mention("e3", "a3", place="Bakhmut", place_kind="city"),
    ))  # fmt: skip
    assert ids["e1"] == ids["e2"] != ids["e3"]
    assert sorted(clusters["place"].tolist()) == ["Bakhmut", "Kharkiv"]
