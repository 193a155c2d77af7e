"""Article gold: reading, the scoring rules and the text report, on hand-written gold and events.

The sentences are invented for these tests (Ruritania "RUR", Borduria "BOR", Syldavia "SYL").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from flashpoint.errors import DataError
from flashpoint.evaluation import (
    ArticleReport,
    evaluate_articles,
    format_article_report,
    load_article_gold,
    read_event_records,
    score_articles,
)
from flashpoint.evaluation.articles import actor_token, normalise_text, scored_event
from flashpoint.model import Action, Actor, Article, CodedArticle, Event, Mode, Plover

ARTICLE = "ruritania-1"
SHELLED = "Ruritania's army shelled the border town on Monday."
INVADE = "Analysts asked whether Ruritania would invade Borduria."
TREATY = "Ruritania annexed the Syldavian valley in 2014."
CALLED = "Borduria’s foreign minister called the shelling “a crime”."
TALKS = "Ruritania will hold talks with Syldavia next week."


def _entry(eid: str, has: str, root: str, source: list[str] | None, target: list[str] | None, **extra: Any) -> dict[str, Any]:
    return {"id": eid, "sentence_has": [has], "root": [root], "source": source, "target": target,
            "note": f"note of {eid}", **extra}  # fmt: skip


def _gold(article: str = ARTICLE, **lists: list[dict[str, Any]]) -> dict[str, Any]:
    return {"article": article, "date": "2026-11-30", "required": [], "optional": [], "forbidden_current": [],
            "background": [], **lists}  # fmt: skip


def _write(folder: Path, *golds: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for gold in golds:
        (folder / f"{gold['article']}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


def _record(sentence: str, cameo: str, source: Any, target: Any = None, *, mode: str = "asserted",
            background: bool = False, event_date: str | None = "2026-11-30", article: str = ARTICLE) -> dict[str, Any]:  # fmt: skip
    def actor(value: Any) -> Any:
        return {"code": value, "country": None} if isinstance(value, str) else value

    return {"type": "event", "article_id": article, "sentence": sentence, "cameo": cameo, "root": cameo[:2],
            "source": actor(source), "target": actor(target), "mode": mode, "background": background,
            "event_date": event_date, "rule": "test"}  # fmt: skip


def _score(tmp_path: Path, gold: dict[str, Any], records: Iterable[dict[str, Any]]) -> ArticleReport:
    return score_articles(load_article_gold([_write(tmp_path / "gold", gold)]), [scored_event(r) for r in records])


# -- actor tokens, roots and text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "token"),
    [
        ({"code": "IGOWSTNAT", "country": None}, "NATO"),
        ({"code": "IGOUNO", "country": None}, "IGO"),
        ({"code": "IGOEUREEC"}, "EU"),
        ({"code": "WSTGOV"}, "WST"),
        ({"code": "USAGOV", "country": "USA"}, "USA"),
        ({"code": "---REB", "country": "ukr"}, "UKR"),
        ({"code": "RURMIL", "country": None}, "RUR"),
        ("BORGOV", "BOR"),
        ({"code": None, "country": None}, None),
        (None, None),
    ],
)
def test_actor_token_blocs_country_then_code(actor: Any, token: str | None) -> None:
    assert actor_token(actor) == token


@pytest.mark.parametrize(
    ("record", "root"),
    [
        ({"root": "19", "cameo": "190"}, "19"),
        ({"cameo": "0231"}, "02"),
        ({"code": "112"}, "11"),
        ({"root": 4}, "04"),
        ({}, None),
    ],
)
def test_scored_event_root_from_root_then_cameo(record: dict[str, Any], root: str | None) -> None:
    assert scored_event(record).root == root


def test_scored_event_defaults_and_sentence_object() -> None:
    event = scored_event({"article_id": "a", "sentence": {"text": SHELLED}})
    assert (event.mode, event.background, event.current, event.sentence) == ("asserted", False, True, SHELLED)


def test_normalise_text_quotes_whitespace_case() -> None:
    assert normalise_text("Borduria’s  “Crime”\n now") == "borduria's \"crime\" now"


# -- the scoring rules ---------------------------------------------------------------------------


def test_score_required_found_with_target_and_source(tmp_path: Path) -> None:
    gold = _gold(required=[_entry("R1", "army shelled the border town", "19", ["RUR"], ["BOR"])])
    report = _score(tmp_path, gold, [_record(SHELLED, "195", "RURMIL", "BORMIL")])
    c = report.total
    assert (c.required, c.found, c.false_positives, c.current, c.matched) == (1, 1, 0, 1, 1)
    assert (c.recall, c.precision) == (1.0, 1.0)


@pytest.mark.parametrize(
    ("source", "target", "root", "found"),
    [
        ("BORMIL", "BORMIL", "19", False),  # wrong source
        ("RURMIL", "SYLGOV", "19", False),  # wrong target
        ("RURMIL", "BORMIL", "18", False),  # wrong root
        ("RURMIL", None, "19", False),  # no target where one is listed
        (None, "BORMIL", "19", False),  # no source: matches nothing
    ],
)
def test_score_required_needs_root_source_and_target(
    tmp_path: Path, source: str | None, target: str | None, root: str, found: bool
) -> None:
    gold = _gold(required=[_entry("R1", "army shelled the border town", "19", ["RUR"], ["BOR"])])
    report = _score(tmp_path, gold, [_record(SHELLED, root + "0", source, target)])
    assert report.total.found == int(found)


def test_score_required_target_null_accepts_any_target(tmp_path: Path) -> None:
    gold = _gold(required=[_entry("R1", "army shelled", "19", ["RUR"], None)])
    records = [_record(SHELLED, "190", "RURMIL", "SYLGOV"), _record(SHELLED, "190", "RURMIL", None)]
    c = _score(tmp_path, gold, records).total
    assert (c.found, c.matched, c.false_positives) == (1, 2, 0)


@pytest.mark.parametrize(
    ("modes", "mode", "found", "current"),
    [
        (None, "asserted", 1, 1),
        (None, "intended", 0, 0),  # default modes: asserted only
        (["asserted", "intended"], "intended", 1, 0),  # found, but not a current event
        (["asserted", "intended"], "hypothetical", 0, 0),
    ],
)
def test_score_required_modes(tmp_path: Path, modes: list[str] | None, mode: str, found: int, current: int) -> None:
    extra = {"modes": modes} if modes else {}
    gold = _gold(required=[_entry("R1", "will hold talks with Syldavia", "04", ["RUR"], ["SYL"], **extra)])
    c = _score(tmp_path, gold, [_record(TALKS, "040", "RURGOV", "SYLGOV", mode=mode)]).total
    assert (c.found, c.current, c.false_positives) == (found, current, 0)
    assert c.precision == 1.0  # the one current event is matched, or there is none


def test_score_required_background_event_does_not_count(tmp_path: Path) -> None:
    gold = _gold(required=[_entry("R1", "army shelled", "19", ["RUR"], None)])
    c = _score(tmp_path, gold, [_record(SHELLED, "190", "RURMIL", background=True)]).total
    assert (c.found, c.current) == (0, 0)


def test_score_forbidden_ignores_target_and_is_not_matched(tmp_path: Path) -> None:
    gold = _gold(
        required=[_entry("R1", "army shelled", "19", ["RUR"], ["BOR"])],
        forbidden_current=[_entry("F1", "whether Ruritania would invade", "19", ["RUR"], ["BOR"])],
    )
    records = [_record(SHELLED, "190", "RURMIL", "BORMIL"), _record(INVADE, "192", "RURGOV", "SYLGOV")]
    report = _score(tmp_path, gold, records)
    c = report.total
    assert (c.found, c.forbidden, c.false_positives, c.current, c.matched) == (1, 1, 0, 2, 1)
    assert c.precision == 0.5
    assert [e.id for e in report.articles[0].forbidden_hits] == ["F1"]


def test_score_forbidden_only_current_events(tmp_path: Path) -> None:
    gold = _gold(forbidden_current=[_entry("F1", "whether Ruritania would invade", "19", ["RUR"], None)])
    c = _score(tmp_path, gold, [_record(INVADE, "190", "RURGOV", mode="hypothetical")]).total
    assert (c.forbidden, c.current, c.false_positives) == (0, 0, 0)


@pytest.mark.parametrize(
    ("event_date", "background", "found"),
    [
        ("2014-03-18", True, 1),
        ("2014", True, 1),
        ("2015-01-01", True, 0),  # wrong year
        (None, True, 0),  # undated
        ("2014-03-18", False, 0),  # current (asserted, not background): not a background match
    ],
)
def test_score_background_needs_year_and_non_current(
    tmp_path: Path, event_date: str | None, background: bool, found: int
) -> None:
    gold = _gold(background=[_entry("B1", "annexed the Syldavian valley", "19", ["RUR"], ["SYL"], year=2014)])
    c = _score(tmp_path, gold, [_record(TREATY, "192", "RURGOV", "SYLGOV", background=background,
                                        event_date=event_date)]).total  # fmt: skip
    assert (c.background, c.background_listed) == (found, 1)


def test_score_background_entry_matches_current_event_for_precision(tmp_path: Path) -> None:
    # Dated to today it is no background hit, but it is no false positive either.
    gold = _gold(background=[_entry("B1", "annexed the Syldavian valley", "19", ["RUR"], ["SYL"], year=2014)])
    c = _score(tmp_path, gold, [_record(TREATY, "192", "RURGOV", "BORGOV")]).total
    assert (c.background, c.false_positives, c.matched, c.current) == (0, 0, 1, 1)


def test_score_optional_matches_without_target(tmp_path: Path) -> None:
    gold = _gold(optional=[_entry("O1", "foreign minister called the shelling", "11", ["BOR"], ["RUR"])])
    records = [_record(CALLED, "111", "BORGOV", "SYLGOV"), _record(CALLED, "010", "BORGOV", "RURGOV")]
    report = _score(tmp_path, gold, records)
    c = report.total
    assert (c.matched, c.false_positives, c.current) == (1, 1, 2)
    assert c.precision == 0.5
    assert c.recall == 0.0  # nothing required
    assert [e.root for e in report.articles[0].false_positives] == ["01"]


def test_score_required_matches_other_targets_for_precision(tmp_path: Path) -> None:
    gold = _gold(required=[_entry("R1", "army shelled", "19", ["RUR"], ["BOR"])])
    c = _score(tmp_path, gold, [_record(SHELLED, "190", "RURMIL", "SYLGOV")]).total
    assert (c.found, c.matched, c.false_positives) == (0, 1, 0)


@pytest.mark.parametrize(
    "has",
    ["Borduria's foreign minister called", "BORDURIA’S FOREIGN   MINISTER", "called the shelling \"a crime\""],
)
def test_score_sentence_has_quotes_case_whitespace(tmp_path: Path, has: str) -> None:
    gold = _gold(required=[_entry("R1", has, "11", ["BOR"], ["RUR"])])
    c = _score(tmp_path, gold, [_record(CALLED, "111", "BORGOV", "RURMIL")]).total
    assert c.found == 1


def test_score_actor_tokens_nato_igo_and_country(tmp_path: Path) -> None:
    line = "NATO and the UN condemned the shelling, and the rebels blamed Ruritania."
    gold = _gold(required=[
        _entry("R1", "NATO and the UN condemned", "11", ["NATO"], ["RUR"]),
        _entry("R2", "NATO and the UN condemned", "11", ["IGO"], ["RUR"]),
        _entry("R3", "the rebels blamed Ruritania", "11", ["SYL"], ["RUR"]),
    ])  # fmt: skip
    records = [
        _record(line, "111", "IGOWSTNAT", "RURMIL"),
        _record(line, "111", "IGOUNO", "RURMIL"),
        _record(line, "112", {"code": "---REB", "country": "SYL"}, "RURGOV"),
    ]
    c = _score(tmp_path, gold, records).total
    assert (c.found, c.false_positives, c.matched) == (3, 0, 3)


def test_score_whole_article_numbers(tmp_path: Path) -> None:
    gold = _gold(
        required=[
            _entry("R1", "army shelled the border town", "19", ["RUR"], ["BOR"]),
            _entry("R2", "will hold talks with Syldavia", "04", ["RUR"], ["SYL"], modes=["asserted", "intended"]),
            _entry("R3", "foreign minister called the shelling", "11", ["BOR"], ["RUR"]),
        ],
        optional=[_entry("O1", "foreign minister called the shelling", "01", ["BOR"], None)],
        forbidden_current=[_entry("F1", "whether Ruritania would invade", "19", ["RUR"], None)],
        background=[_entry("B1", "annexed the Syldavian valley", "19", ["RUR"], ["SYL"], year=2014)],
    )
    records = [
        _record(SHELLED, "195", "RURMIL", "BORMIL"),  # R1
        _record(TALKS, "040", "RURGOV", "SYLGOV", mode="intended"),  # R2, not current
        _record(CALLED, "010", "BORGOV", "RURGOV"),  # O1: matched
        _record(INVADE, "190", "RURGOV", "BORGOV"),  # F1
        _record(TREATY, "190", "RURGOV", "SYLGOV", background=True, event_date="2014-05-01"),  # B1
        _record(SHELLED, "173", "BORGOV", "RURGOV"),  # FP
        _record(CALLED, "111", "BORGOV", "RURGOV", article="another-article"),  # no gold: ignored
    ]
    report = _score(tmp_path, gold, records)
    c = report.total
    assert (c.articles, c.required, c.found, c.false_positives, c.forbidden) == (1, 3, 2, 1, 1)
    assert (c.background, c.background_listed, c.current, c.matched) == (1, 1, 4, 2)
    assert (c.precision, round(c.recall, 4)) == (0.5, 0.6667)
    assert [e.id for e in report.articles[0].missed] == ["R3"]


def test_score_totals_sum_articles_and_precision_without_current(tmp_path: Path) -> None:
    one = _gold(required=[_entry("R1", "army shelled", "19", ["RUR"], None)])
    two = _gold("quiet-article", required=[_entry("R1", "calm", "01", ["SYL"], None)])
    report = score_articles(load_article_gold([_write(tmp_path, one, two)]), [scored_event(_record(SHELLED, "190", "RURMIL"))])
    assert [a.article_id for a in report.articles] == ["quiet-article", ARTICLE]
    assert report.articles[0].counts.precision == 1.0  # no current event in the article
    t = report.total
    assert (t.articles, t.required, t.found, t.current, t.matched, t.recall) == (2, 2, 1, 1, 1, 0.5)


# -- reading gold and events ---------------------------------------------------------------------


def test_load_article_gold_reads_files_and_directories(tmp_path: Path) -> None:
    folder = _write(tmp_path / "gold", _gold(required=[_entry("R1", "army shelled", "19", ["RUR"], [])]))
    extra = _write(tmp_path / "mine", _gold("my-article"))
    (folder / "notes.json").write_text('{"comment": "not gold"}', encoding="utf-8")
    gold = load_article_gold([folder, extra / "my-article.json"])
    assert [g.article_id for g in gold] == ["my-article", ARTICLE]
    entry = gold[1].required[0]
    assert (entry.target, entry.modes, entry.roots) == (None, ("asserted",), ("19",))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"article": "x", "required": [', "invalid JSON"),
        ('["not", "an", "object"]', "must be a JSON object"),
        ('{"article": "x", "required": [{"id": "R1", "sentence_has": ["a"], "root": ["1"]}]}', "required R1: 'root'"),
        ('{"article": "x", "required": [{"id": "R1", "sentence_has": "a", "root": ["11"]}]}', "'sentence_has'"),
        ('{"article": "x", "required": [{"sentence_has": ["a"], "root": ["11"]}]}', "required[0]"),
        ('{"article": "x", "required": [{"id": "R1", "sentence_has": ["a"], "root": ["11"], "modes": ["said"]}]}',
         "'modes'"),
        ('{"article": "x", "background": [{"id": "B1", "sentence_has": ["a"], "root": ["11"]}]}', "'year'"),
    ],
)  # fmt: skip
def test_load_article_gold_malformed_names_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_article_gold([path])
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_load_article_gold_missing_path_is_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such article gold") as info:
        load_article_gold([tmp_path / "absent"])
    assert str(tmp_path / "absent") in str(info.value)


def test_load_article_gold_empty_directory_is_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no article gold found"):
        load_article_gold([tmp_path])


def test_load_article_gold_duplicate_article_is_data_error(tmp_path: Path) -> None:
    _write(tmp_path / "a", _gold())
    _write(tmp_path / "b", _gold())
    with pytest.raises(DataError, match="also coded in"):
        load_article_gold([tmp_path / "a", tmp_path / "b"])


def test_read_event_records_skips_quotes_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    lines = [json.dumps(_record(SHELLED, "190", "RURMIL")), "", json.dumps({"type": "quote", "article_id": ARTICLE})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    events = read_event_records(path)
    assert [(e.article_id, e.root, e.source) for e in events] == [(ARTICLE, "19", "RUR")]


@pytest.mark.parametrize("line", ["{not json", "[1, 2]"])
def test_read_event_records_bad_line_names_path_and_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(_record(SHELLED, "190", "RURMIL")) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=f"{path}:2"):
        read_event_records(path)


def test_read_event_records_missing_file_is_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot open events file"):
        read_event_records(tmp_path / "absent.jsonl")


# -- coding with a coder, and the text report ----------------------------------------------------


class FakeCoder:
    """One asserted RURMIL->BORMIL 190 event per article, on its first line."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def pipe(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for article in articles:
            self.seen.append(article.id)
            line = article.text.split("\n")[0]
            event = Event(
                article_id=article.id, article_date=article.published, sentence_index=0, sentence=line,
                source=Actor("Ruritania's army", "RURMIL", country="RUR"), target=Actor("town", "BORMIL"),
                action=Action("shelled", (17, 24)), cameo="190", cameo_name="test", goldstein=-10.0, quad_class=4,
                plover=Plover(None, None), mode=Mode.ASSERTED, rule="fake",
            )  # fmt: skip
            yield CodedArticle(article=article, events=[event])


def test_evaluate_articles_codes_only_gold_articles(tmp_path: Path) -> None:
    gold = load_article_gold([_write(tmp_path, _gold(required=[_entry("R1", "army shelled", "19", ["RUR"], ["BOR"])]))])
    coder = FakeCoder()
    articles = [Article(id="unrelated", text=CALLED), Article(id=ARTICLE, text=SHELLED + "\n" + TALKS)]
    report = evaluate_articles(gold, coder, articles)
    assert coder.seen == [ARTICLE]
    c = report.total
    assert (c.found, c.current, c.matched, c.false_positives) == (1, 1, 1, 0)


def test_format_article_report_lines_and_verbose_details(tmp_path: Path) -> None:
    gold = _gold(
        required=[_entry("R1", "army shelled", "19", ["RUR"], ["BOR"]), _entry("R2", "will hold talks", "04", ["RUR"], ["SYL"])],
        forbidden_current=[_entry("F1", "whether Ruritania would invade", "19", ["RUR"], None)],
    )  # fmt: skip
    records = [_record(SHELLED, "190", "RURMIL", "BORMIL"), _record(INVADE, "190", "RURGOV", None),
               _record(CALLED, "111", "IGOWSTNAT", "RURGOV")]  # fmt: skip
    report = _score(tmp_path, gold, records)
    text = format_article_report(report)
    assert text.splitlines() == [
        f"{ARTICLE:34} required  1/ 2  FP  1  forbidden 1  background 0/0  precision~ 0.33  recall 0.50",
        "articles: 1 articles, required 1/2 (recall 0.50), 1 false positives (0.50 per required), precision~ 0.33, "
        "1 forbidden, background 0/0",
    ]
    details = format_article_report(report, verbose=True).splitlines()[1:-1]
    assert details == [
        "  R1    found   note of R1",
        "  R2    MISSED  note of R2",
        "  F1    FORBIDDEN note of F1",
        f"  FP    11 NATO->RUR [test]: {CALLED!r}",
    ]
