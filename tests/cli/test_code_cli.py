"""`flashpoint code` end to end: formats, inputs, bad input, exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app

pytestmark = pytest.mark.model

runner = CliRunner()
TEXT = "Talks collapse\n\nRussian forces shelled Kharkiv on Monday. Ukraine condemned the attack."


@pytest.fixture(autouse=True)
def _coder(coder):  # load the pipeline once, through the shared fixture
    return coder


def _lines(output):
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_code_jsonl_from_text_file(tmp_path):
    path = tmp_path / "2022-03-01-kharkiv.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["code", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = _lines(result.stdout)
    shelling = [e for e in events if e["root"] == "19"]
    assert shelling and shelling[0]["article_id"].startswith("2022-03-01-kharkiv-")
    assert shelling[0]["article_date"] == "2022-03-01"
    assert shelling[0]["event_date"] == "2022-02-28"
    assert shelling[0]["source"]["code"] == "RUSMIL"
    # The coded text is the headline, a blank line and the body (coding/title.py): here the file.
    start, end = shelling[0]["action"]["span"]
    assert TEXT[start:end] == "shelled"
    required = {"event_id", "article_id", "article_date", "sentence_index", "sentence", "source", "target", "action",
                "cameo", "root", "cameo_name", "goldstein", "quad_class", "plover", "mode", "speaker", "event_date",
                "date_precision", "background", "confidence", "rule"}
    assert required <= set(shelling[0])


def test_code_stdin_with_date_option():
    result = runner.invoke(app, ["code", "-", "--date", "2022-03-01", "--format", "jsonl"], input=TEXT)
    assert result.exit_code == 0, result.output
    assert any(e["event_date"] == "2022-02-28" for e in _lines(result.stdout))


def test_code_bad_inputs_reported_rest_processed(tmp_path):
    good = tmp_path / "corpus.jsonl"
    good.write_text(
        json.dumps({"id": "a1", "text": "Israel rejected the proposal from Egypt.", "date": "2021-01-05"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2", "text": "Chad expelled the Libyan ambassador."}) + "\n",
        encoding="utf-8",
    )
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["code", str(good), str(binary), "--format", "jsonl"])
    assert result.exit_code == 0
    assert f"{good}:2" in result.stderr
    assert "blob.txt" in result.stderr and "binary" in result.stderr
    assert {e["article_id"] for e in _lines(result.stdout)} == {"a1", "a2"}


def test_code_nothing_readable_exits_non_zero(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(empty)])
    assert result.exit_code == 1
    assert "empty" in result.stderr


def test_code_quotes_records(tmp_path):
    path = tmp_path / "q.txt"
    path.write_text('"We will defend every inch of our land," the Estonian prime minister said.', encoding="utf-8")
    result = runner.invoke(app, ["code", str(path), "--quotes", "--format", "jsonl"])
    quotes = [r for r in _lines(result.stdout) if r["type"] == "quote"]
    assert quotes[0]["text"] == "We will defend every inch of our land"
    assert quotes[0]["speaker"]["code"] == "ESTGOV"
    assert quotes[0]["kind"] == "direct"


def test_code_table_format(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Morocco cut diplomatic ties with Algeria.", encoding="utf-8")
    result = runner.invoke(app, ["code", str(path), "--format", "table"])
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()[:2]
    assert header.split()[:5] == ["article", "s", "source", "cameo", "target"]
    assert "MAR" in row and "DZA" in row


def test_code_unattributed_events_only_on_request(tmp_path):
    path = tmp_path / "u.txt"
    path.write_text("Zorblatt negotiated with Erdogan. Turkey condemned the attack.", encoding="utf-8")
    plain = _lines(runner.invoke(app, ["code", str(path), "--format", "jsonl"]).stdout)
    assert [r["type"] for r in plain] == ["event"]
    shown = _lines(runner.invoke(app, ["code", str(path), "--unattributed", "--format", "jsonl"]).stdout)
    extra = [r for r in shown if r["type"] == "unattributed"]
    assert [(r["rule"], r["source"]["text"], r["source"]["code"], r["target"]["code"]) for r in extra] == [
        ("negotiate", "Zorblatt", None, "TURGOV")
    ]


@pytest.mark.issue(13)
def test_code_over_long_line_among_good_ones_codes_the_rest(tmp_path):
    lines = [json.dumps({"id": f"ok-{i}", "text": f"Russian forces shelled Kharkiv for the {i}th time."}) for i in range(20)]
    lines[7] = json.dumps({"id": "huge", "text": "Shelling went on. " * (1_200_000 // 18 + 1)})
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output  # README: non-zero only when nothing could be read
    assert {e["article_id"] for e in _lines(result.stdout)} == {f"ok-{i}" for i in range(20) if i != 7}
    assert f"error: {path}: article huge: 1200006 characters (title and text), over the limit of 1000000" in result.stderr
    assert "1 input(s) skipped, 0 article(s) failed in coding, 19 article(s) coded" in result.stderr


@pytest.mark.issue(13)
def test_code_only_article_over_the_cap_exits_1(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_MAX_TEXT_CHARS", "40")
    path = tmp_path / "long.txt"
    path.write_text("Russian forces shelled Kharkiv again on Monday.", encoding="utf-8")
    result = runner.invoke(app, ["code", str(path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"error: {path}: article long-" in result.stderr
    assert "error: no article could be read" in result.stderr


@pytest.mark.issue(13)
@pytest.mark.parametrize("name", ["2022-03-01-kharkiv.txt", "wire.jsonl"])
def test_code_utf16_and_latin1_give_the_events_of_the_utf8_twin(tmp_path, name):
    body = "Russian forces shelled Kharkiv on Monday, the café owner said. Ukraine condemned the attack on Zürich's envoy."
    content = f"Talks collapse\n\n{body}" if name.endswith(".txt") else json.dumps({"id": "k1", "text": body}, ensure_ascii=False) + "\n"
    events = {}
    for codec in ("utf-8", "utf-16", "latin-1"):
        (tmp_path / codec).mkdir()
        (tmp_path / codec / name).write_bytes(content.encode(codec))
        result = runner.invoke(app, ["code", str(tmp_path / codec / name), "--format", "jsonl"])
        assert result.exit_code == 0, result.output
        events[codec] = [(e["event_id"], e["cameo"], e["source"]["code"], (e["target"] or {}).get("code"), e["sentence"])
                         for e in _lines(result.stdout)]  # fmt: skip
    assert events["utf-8"] and events["utf-16"] == events["utf-8"] == events["latin-1"]
