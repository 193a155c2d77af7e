"""read_jsonl: one Article per JSON line, bad lines reported as path:line."""

from __future__ import annotations

import datetime
import gzip
import io
import json
from pathlib import Path

import pytest

from flashpoint.errors import IngestError
from flashpoint.ingest.dates import parse_date
from flashpoint.ingest.jsonl import read_jsonl
from flashpoint.model import Article

LINES = [
    {"id": "a1", "text": "Envoys met in Geneva.", "date": "2022-02-15", "title": "Talks", "source": "Wire", "url": "http://x/1"},
    {"id": "a2", "text": "Troops withdrew from the ridge.", "date": "20220214"},
    {"text": "Protesters gathered outside parliament.", "date": "2022-02-13T22:30:00+01:00"},
]


def write_lines(path: Path, lines: list[str]) -> Path:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def collect(path: Path, **kwargs: object) -> tuple[list[Article], list[IngestError]]:
    errors: list[IngestError] = []
    articles = list(read_jsonl(path, on_error=errors.append, **kwargs))  # type: ignore[arg-type]
    return articles, errors


def test_read_jsonl_reads_all_fields(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "day.jsonl", [json.dumps(obj) for obj in LINES])
    articles, errors = collect(path)
    assert errors == []
    assert articles[0] == Article(
        id="a1",
        text="Envoys met in Geneva.",
        published=datetime.date(2022, 2, 15),
        title="Talks",
        source="Wire",
        url="http://x/1",
    )
    assert [a.published for a in articles] == [
        datetime.date(2022, 2, 15),
        datetime.date(2022, 2, 14),
        datetime.date(2022, 2, 13),
    ]


def test_read_jsonl_missing_id_is_made_from_text_and_url(tmp_path: Path) -> None:
    line = {"text": "Envoys met in Geneva.", "url": "http://x/9"}
    path = write_lines(tmp_path / "noid.jsonl", [json.dumps(line), json.dumps({"id": "", "text": "Quiet."})])
    articles, _ = collect(path)
    assert articles[0].id == Article.make_id("Envoys met in Geneva.", "http://x/9")
    assert articles[1].id == Article.make_id("Quiet.")


def test_read_jsonl_integer_id_becomes_string(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "int.jsonl", [json.dumps({"id": 7, "text": "Quiet."})])
    assert [a.id for a in collect(path)[0]] == ["7"]


def test_read_jsonl_malformed_line_reported_rest_still_read(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "mixed.jsonl",
        [json.dumps(LINES[0]), '{"id": "broken", "text": ', "", json.dumps(LINES[1])],
    )
    articles, errors = collect(path)
    assert [a.id for a in articles] == ["a1", "a2"]
    assert len(errors) == 1
    assert errors[0].source == f"{path}:2"
    assert errors[0].reason.startswith("malformed JSON")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["a list"]', "expected a JSON object, got list"),
        ('{"id": "x"}', 'missing or empty "text"'),
        ('{"id": "x", "text": "   "}', 'missing or empty "text"'),
        ('{"id": "x", "text": 5}', 'missing or empty "text"'),
        ('{"id": "x", "text": "Quiet.", "title": 3}', '"title" must be a string, got int'),
        ('{"id": true, "text": "Quiet."}', '"id" must be a string or integer, got bool'),
        ('{"id": "x", "text": "Quiet.", "date": 20220215}', '"date" must be a string, got int'),
    ],
)
def test_read_jsonl_bad_line_reason(tmp_path: Path, line: str, reason: str) -> None:
    path = write_lines(tmp_path / "bad.jsonl", [line])
    articles, errors = collect(path)
    assert articles == []
    assert [(e.source, e.reason) for e in errors] == [(f"{path}:1", reason)]


def test_read_jsonl_bad_date_is_a_line_error(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "date.jsonl", [json.dumps({"id": "x", "text": "Quiet.", "date": "15/02/2022"})])
    articles, errors = collect(path, date=datetime.date(2022, 1, 1))
    assert articles == []
    assert errors[0].source == f"{path}:1"
    assert errors[0].reason.startswith("bad date '15/02/2022'")


def test_read_jsonl_default_date_only_when_missing(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "given", "text": "Quiet.", "date": "2021-06-01"}),
        json.dumps({"id": "absent", "text": "Quiet."}),
        json.dumps({"id": "null", "text": "Quiet.", "date": None}),
    ]
    path = write_lines(tmp_path / "defaults.jsonl", lines)
    articles, _ = collect(path, date=datetime.date(2022, 2, 15))
    assert [(a.id, a.published) for a in articles] == [
        ("given", datetime.date(2021, 6, 1)),
        ("absent", datetime.date(2022, 2, 15)),
        ("null", datetime.date(2022, 2, 15)),
    ]


def test_read_jsonl_reads_back_to_dict_output(tmp_path: Path) -> None:
    original = Article(id="r1", text="Envoys met.", published=datetime.date(2022, 2, 15), title="T")
    path = write_lines(tmp_path / "round.jsonl", [json.dumps(original.to_dict())])
    assert collect(path)[0] == [original]


def test_read_jsonl_gzip(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "day.jsonl.gz", [json.dumps(obj) for obj in LINES])
    articles, errors = collect(path)
    assert errors == []
    assert [a.id for a in articles][:2] == ["a1", "a2"]
    assert len(articles) == 3


def test_read_jsonl_corrupt_gzip_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(b"this is not gzip data at all")
    articles, errors = collect(path)
    assert articles == []
    assert len(errors) == 1
    assert errors[0].source == str(path)
    assert errors[0].reason.startswith("corrupt gzip")


def test_read_jsonl_truncated_gzip_keeps_lines_before_damage(tmp_path: Path) -> None:
    good = "".join(json.dumps({"id": f"n{i}", "text": "Quiet day number %d." % i}) + "\n" for i in range(200))
    data = gzip.compress(good.encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) - 20])
    articles, errors = collect(path)
    assert [e.source for e in errors] == [str(path)]
    assert errors[0].reason.startswith("corrupt gzip")
    assert 0 < len(articles) < 200
    assert [a.id for a in articles] == [f"n{i}" for i in range(len(articles))]


def test_read_jsonl_without_handler_raises(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "raise.jsonl", [json.dumps(LINES[0]), "not json"])
    articles = read_jsonl(path)
    assert next(articles).id == "a1"
    with pytest.raises(IngestError) as info:
        next(articles)
    assert info.value.source == f"{path}:2"


def test_read_jsonl_missing_file_is_a_file_error(tmp_path: Path) -> None:
    articles, errors = collect(tmp_path / "absent.jsonl")
    assert articles == []
    assert errors[0].source == str(tmp_path / "absent.jsonl")


def test_read_jsonl_undecodable_line_names_line(tmp_path: Path) -> None:
    path = tmp_path / "bytes.jsonl"
    # UTF-8 "é" and a Windows-1252 one in the same line: damaged, not another encoding.
    path.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xc3\xa9 caf\xe9"}\n')
    articles, errors = collect(path)
    assert [a.id for a in articles] == ["a"]
    assert [(e.source, e.reason) for e in errors] == [(f"{path}:2", "not UTF-8 text: undecodable byte 0xe9 at column 31")]


def test_read_jsonl_stream_with_bom() -> None:
    stream = io.BytesIO(b'\xef\xbb\xbf{"id": "s", "text": "Quiet."}\n')
    assert [a.id for a in read_jsonl(stream)] == ["s"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02-15", datetime.date(2022, 2, 15)),
        ("20220215", datetime.date(2022, 2, 15)),
        ("2022-02-15T23:30:00Z", datetime.date(2022, 2, 15)),
        ("2022-02-15T23:30:00-05:00", datetime.date(2022, 2, 15)),
        ("2022-02-15 08:00", datetime.date(2022, 2, 15)),
    ],
)
def test_parse_date_accepted_forms(value: str, expected: datetime.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["15/02/2022", "2022-02-30", "20221301", "Feb 15, 2022", ""])
def test_parse_date_rejects_other_forms(value: str) -> None:
    with pytest.raises(IngestError) as info:
        parse_date(value, source="f.jsonl:3")
    assert info.value.source == "f.jsonl:3"


@pytest.mark.issue(13)
@pytest.mark.parametrize(("name", "data"), [("day.jsonl", b""), ("day.jsonl", b"\n  \n\t\n"), ("day.jsonl.gz", gzip.compress(b""))])
def test_read_jsonl_empty_file_is_reported(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    errors: list[IngestError] = []
    assert list(read_jsonl(path, on_error=errors.append)) == []
    assert [str(e) for e in errors] == [f"{path}: empty: no JSON lines (the input holds only whitespace)"]


def test_read_jsonl_bad_lines_only_is_not_called_empty(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bad.jsonl", ["{not json"])
    errors: list[IngestError] = []
    list(read_jsonl(path, on_error=errors.append))
    assert [e.source for e in errors] == [f"{path}:1"]


# --- .json files: articles or refused, never one text of JSON (issue 13) -------------------------


def _json_file(tmp_path: Path, value: object) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


@pytest.mark.issue(13)
def test_read_json_array_is_its_articles(tmp_path: Path) -> None:
    from flashpoint.ingest import read

    path = _json_file(tmp_path, LINES[:2] + [{"id": "bad"}, "not an object"])
    errors: list[IngestError] = []
    articles = list(read(path, on_error=errors.append))
    assert [a.id for a in articles] == ["a1", "a2"]
    assert articles[0].title == "Talks" and articles[0].published == datetime.date(2022, 2, 15)
    assert [str(e) for e in errors] == [f'{path} item 3: missing or empty "text"',
                                        f"{path} item 4: expected a JSON object, got str"]  # fmt: skip


@pytest.mark.issue(13)
def test_read_json_single_object_is_one_article(tmp_path: Path) -> None:
    from flashpoint.ingest import read

    assert [a.id for a in read(_json_file(tmp_path, LINES[0]))] == ["a1"]


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[]", "empty: the array holds no articles"),
        ('"Envoys met in Geneva."', "expected an array of article objects or one object, got str"),
        ("[1, 2", "malformed JSON: Expecting ',' delimiter at line 1 column 6"),
        ("[" * 100_000, "malformed JSON: nested too deeply"),
    ],
    ids=["empty", "string", "truncated", "deep"],
)
def test_read_json_anything_else_is_refused(tmp_path: Path, content: str, reason: str) -> None:
    from flashpoint.ingest import read

    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError) as info:
        list(read(path))
    assert (info.value.source, info.value.reason) == (str(path), reason)
