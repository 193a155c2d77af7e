"""Exports of events: Parquet/CSV round-trip, GDELT 2.0 layout, PLOVER JSON lines."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pandas
import pyarrow.parquet
import pytest

from flashpoint.errors import QueryError
from flashpoint.export import EVENT_COLUMNS, GDELT_COLUMNS, WRITERS, to_csv, to_gdelt, to_parquet, to_plover
from flashpoint.export.gdelt import global_event_id


def event(event_id: str, **fields: Any) -> dict[str, Any]:
    """One full `events` row: Russian forces shell Ukraine, asserted, unless overridden."""
    row: dict[str, Any] = {
        "event_id": event_id, "article_id": "art-1", "article_date": date(2022, 3, 2),
        "sentence_index": 0, "sentence": "Russian forces shelled Kharkiv on Tuesday.",
        "source_text": "Russian forces", "source_code": "RUSMIL", "source_country": "RUS",
        "source_sector": "MIL", "source_start": 0, "source_end": 14,
        "target_text": "Kharkiv", "target_code": "UKR", "target_country": "UKR",
        "target_sector": None, "target_start": 23, "target_end": 30,
        "action_text": "shelled", "action_start": 15, "action_end": 22,
        "cameo": "194", "root": "19", "cameo_name": "Fight with artillery and tanks",
        "goldstein": -10.0, "quad_class": 4, "plover_event": "ASSAULT", "plover_mode": None,
        "mode": "asserted", "speaker_text": None, "speaker_code": None,
        "event_date": date(2022, 3, 1), "date_precision": "day", "background": False,
        "confidence": 0.9, "rule": "shell.v", "cluster_id": "c0ffee0000000001",
    }  # fmt: skip
    row.update(fields)
    return row


@pytest.fixture
def events() -> pandas.DataFrame:
    rows = [
        event("a1b2c3d4e5f60718"),
        event(
            "0f1e2d3c4b5a6978", article_id="art-2", sentence_index=3, cameo="0874", root="08",
            cameo_name="Retreat or surrender militarily", goldstein=10.0, quad_class=2,
            plover_event="RETREAT", target_sector="MIL", event_date=date(2021, 12, 31),
            source_text="Russian\tforces", cluster_id=None,
        ),  # fmt: skip
        event("ffff000011112222", mode="hypothetical", cluster_id=None),
        event("1234567890abcdef", cameo="010", root="01", plover_event=None, quad_class=1, goldstein=0.0,
              cluster_id=None),  # fmt: skip
    ]
    frame = pandas.DataFrame(rows)
    # DuckDB hands dates over as datetime64; the writers must accept that.
    frame["article_date"] = pandas.to_datetime(frame["article_date"])
    return frame


def test_writers_cover_the_cli_formats():
    assert sorted(WRITERS) == ["csv", "gdelt", "parquet", "plover"]


# --- Parquet and CSV ---------------------------------------------------------------------


def test_to_parquet_round_trips(events, tmp_path):
    path = tmp_path / "out" / "events.parquet"
    assert to_parquet(events, path) == 4
    table = pyarrow.parquet.read_table(path)
    assert table.column_names == list(EVENT_COLUMNS)
    back = table.to_pandas()
    assert back["cameo"].tolist() == ["194", "0874", "194", "010"]
    assert back["article_date"].tolist() == [date(2022, 3, 2)] * 4
    assert back["event_date"].iloc[1] == date(2021, 12, 31)
    assert back["source_text"].iloc[1] == "Russian\tforces"
    assert back["background"].tolist() == [False] * 4
    assert back["cluster_id"].iloc[0] == "c0ffee0000000001"
    assert pandas.isna(back["cluster_id"].iloc[1])


def test_to_csv_round_trips(events, tmp_path):
    path = tmp_path / "events.csv"
    assert to_csv(events, path) == 4
    back = pandas.read_csv(path, dtype=str, keep_default_na=False)
    assert list(back.columns) == list(EVENT_COLUMNS)
    assert back["cameo"].tolist() == ["194", "0874", "194", "010"]
    assert back["article_date"].tolist() == ["2022-03-02"] * 4
    assert back["event_date"].iloc[1] == "2021-12-31"
    assert back["source_text"].iloc[1] == "Russian\tforces"
    assert back["target_sector"].iloc[0] == ""
    assert back["goldstein"].astype(float).tolist() == [-10.0, 10.0, -10.0, 0.0]


def test_to_parquet_rejects_missing_columns(events, tmp_path):
    with pytest.raises(QueryError, match="cameo"):
        to_parquet(events.drop(columns=["cameo"]), tmp_path / "x.parquet")


# --- GDELT -------------------------------------------------------------------------------


def gdelt_lines(events: pandas.DataFrame, tmp_path, **options: Any) -> list[dict[str, str]]:
    path = tmp_path / "events.gdelt.tsv"
    n = to_gdelt(events, path, **options)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""  # newline-terminated
    fields = [line.split("\t") for line in lines[:-1]]
    assert len(fields) == n
    for row in fields:
        assert len(row) == 61
    return [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in fields]


def test_gdelt_columns_are_gdelt_2_order():
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:6] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code")
    assert GDELT_COLUMNS[15] == "Actor2Code"
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert GDELT_COLUMNS[35:43] == tuple(
        f"Actor1Geo_{n}" for n in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    )
    assert GDELT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_to_gdelt_writes_61_fields_in_gdelt_formats(events, tmp_path):
    rows = gdelt_lines(events, tmp_path)
    assert len(rows) == 3  # the hypothetical is left out; the asserted 010 stays (GDELT keeps 01)
    for row in rows:
        assert re.fullmatch(r"\d{8}", row["SQLDATE"])
        assert re.fullmatch(r"\d{6}", row["MonthYear"])
        assert re.fullmatch(r"\d{4}\.\d{4}", row["FractionDate"])
        assert row["QuadClass"] in {"1", "2", "3", "4"}
        assert re.fullmatch(r"\d{14}", row["DATEADDED"])
        assert row["GLOBALEVENTID"].isdigit()
    first, second, third = rows
    assert third["EventCode"] == "010"
    assert (first["SQLDATE"], first["MonthYear"], first["Year"]) == ("20220301", "202203", "2022")
    assert first["FractionDate"] == "2022.1671"  # 2022 + ((3 - 1) * 30 + 1) / 365
    assert (first["Actor1Code"], first["Actor1Name"], first["Actor1CountryCode"], first["Actor1Type1Code"]) == (
        "RUSMIL", "RUSSIAN FORCES", "RUS", "MIL",
    )  # fmt: skip
    assert (first["Actor2Code"], first["Actor2Type1Code"], first["IsRootEvent"]) == ("UKR", "", "1")
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == ("194", "194", "19")
    assert (first["GoldsteinScale"], first["NumMentions"], first["AvgTone"]) == ("-10", "1", "")
    assert first["DATEADDED"] == "20220302000000"
    assert first["SOURCEURL"] == "art-1"
    assert first["GLOBALEVENTID"] == str(int("a1b2c3d4e5f6071", 16))
    assert (second["EventCode"], second["EventBaseCode"], second["EventRootCode"]) == ("0874", "087", "08")
    assert second["QuadClass"] == "2"
    assert second["Actor1Name"] == "RUSSIAN FORCES"  # the tab did not split the line
    assert second["IsRootEvent"] == "0"
    assert second["SQLDATE"] == "20211231"


def test_to_gdelt_uses_url_column_and_all_modes_on_request(events, tmp_path):
    rows = gdelt_lines(events.assign(url="https://example.org/a"), tmp_path, asserted_only=False)
    assert len(rows) == 4
    assert {row["SOURCEURL"] for row in rows} == {"https://example.org/a"}


def test_to_gdelt_writes_one_line_per_cluster(events, tmp_path):
    both = events.iloc[[0, 0]].reset_index(drop=True)
    both.loc[1, "event_id"] = "b1b2c3d4e5f60718"
    both.loc[1, "article_id"] = "art-9"
    clusters = pandas.DataFrame([{"cluster_id": "c0ffee0000000001", "n_mentions": 2, "n_articles": 2}])
    rows = gdelt_lines(both, tmp_path, clusters=clusters)
    assert len(rows) == 1
    assert (rows[0]["NumMentions"], rows[0]["NumArticles"]) == ("2", "2")
    assert rows[0]["GLOBALEVENTID"] == str(global_event_id("c0ffee0000000001"))


def test_global_event_id_is_stable_and_bounded():
    assert global_event_id("a1b2c3d4e5f60718") == global_event_id("a1b2c3d4e5f60718")
    assert 0 <= global_event_id("not hex at all") < 2**60
    assert global_event_id("x") != global_event_id("y")


# --- PLOVER ------------------------------------------------------------------------------


def test_to_plover_writes_json_lines_with_plover_fields(events, tmp_path):
    path = tmp_path / "events.plover.jsonl"
    assert to_plover(events, path) == 2  # hypothetical and CAMEO 01 (no PLOVER category) left out
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    first, second = records
    assert first["id"] == "a1b2c3d4e5f60718"
    assert first["date"] == "2022-03-01"
    assert first["source"] == [{"actor_text": "Russian forces", "code": "RUS", "sector": "MIL"}]
    assert first["recipient"] == [{"actor_text": "Kharkiv", "code": "UKR"}]
    assert (first["event"], first["quad_code"], first["event_scale"]) == ("ASSAULT", 4, -10.0)
    assert first["event_text"] == ["shelled"]
    assert first["text"] == "Russian forces shelled Kharkiv on Tuesday."
    assert first["text_info"] == {"sequence": 0, "start": 15, "end": 22}
    assert first["cite_info"]["citation"] == "art-1"
    assert first["flashpoint"]["cameo"] == "194"
    assert first["flashpoint"]["modality"] == "asserted"
    assert first["flashpoint"]["source_code"] == "RUSMIL"
    assert second["event"] == "RETREAT"
    assert second["flashpoint"]["cameo"] == "0874"


def test_to_plover_keeps_other_modes_on_request(events, tmp_path):
    path = tmp_path / "all.jsonl"
    assert to_plover(events, path, asserted_only=False) == 3
    modalities = [json.loads(line)["flashpoint"]["modality"] for line in path.read_text().splitlines()]
    assert modalities == ["asserted", "asserted", "hypothetical"]


def test_to_gdelt_action_geo_from_the_event_place(tmp_path):
    frame = pandas.DataFrame([
        event("a1b2c3d4e5f60718", place="Kharkiv", place_country="UKR", place_kind="city", place_start=23, place_end=30),
        event("b1b2c3d4e5f60718", place="Syria", place_country="SYR", place_kind="country", place_start=0, place_end=5),
        event("c1b2c3d4e5f60718", place="Donbas", place_country="UKR", place_kind="region", place_start=0, place_end=6),
        event("d1b2c3d4e5f60718", place=None, place_country=None, place_kind=None, place_start=None, place_end=None),
    ])  # fmt: skip
    geo = [f"ActionGeo_{name}" for name in ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")]
    rows = gdelt_lines(frame, tmp_path)  # the packaged gazetteer gives FIPS codes and names
    assert [[row[c] for c in geo] for row in rows] == [
        ["4", "Kharkiv, Ukraine", "UP", "", "", "", ""],
        ["1", "Syria", "SY", "SY", "", "", "SY"],
        ["5", "Donbas, Ukraine", "UP", "", "", "", ""],
        ["", "", "", "", "", "", ""],
    ]
    assert all(row[f"{who}Geo_Type"] == "" for row in rows for who in ("Actor1", "Actor2"))


def test_to_gdelt_geo_lookup_can_be_given(tmp_path):
    frame = pandas.DataFrame([event("a1b2c3d4e5f60718", place="Kharkiv", place_country="UKR", place_kind="city")])
    path = tmp_path / "g.tsv"
    to_gdelt(frame, path, geo=lambda code: ("XX", "Testland"))
    fields = path.read_text().rstrip("\n").split("\t")
    assert fields[GDELT_COLUMNS.index("ActionGeo_FullName")] == "Kharkiv, Testland"
    assert fields[GDELT_COLUMNS.index("ActionGeo_CountryCode")] == "XX"


def test_export_columns_are_the_store_event_columns():
    # export may not import store (layers), so the two lists are kept equal by this test
    from flashpoint.export.columns import EVENT_COLUMNS as EXPORTED
    from flashpoint.store.rows import EVENT_COLUMNS as STORED

    assert EXPORTED == STORED
