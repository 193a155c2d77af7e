"""Tests for flashpoint.evaluation: gold reading and the scoring rules, with a fake coder."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from flashpoint.errors import DataError, FlashpointError, QueryError
from flashpoint.evaluation import EvaluationReport, GoldRecord, evaluate, format_report, load_gold
from flashpoint.model import Action, Actor, Article, CodedArticle, Event, Mode, Plover

SHARED = Path(__file__).parents[1].parent / "shared"
GOLD_DIR = SHARED / "data" / "gold"

# What the fake coder "finds": article id -> events as (cameo, source code, target code, mode).
Coding = dict[str, list[tuple[str, str | None, str | None, str]]]


def _actor(code: str | None) -> Actor:
    country = code[:3] if code and code[:3].isalpha() and code[:3] not in ("IGO", "NGO", "IMG") else None
    return Actor(text=code or "someone", code=code, country=country)


def _event(article: Article, cameo: str, source: str | None, target: str | None, mode: str) -> Event:
    return Event(
        article_id=article.id,
        article_date=article.published,
        sentence_index=0,
        sentence=article.text,
        source=_actor(source) if source is not None else None,
        target=_actor(target) if target is not None else None,
        action=Action(text="did", span=(0, 3)),
        cameo=cameo,
        cameo_name="test",
        goldstein=0.0,
        quad_class=1,
        plover=Plover(event=None, mode=None),
        mode=Mode(mode),
        rule="test",
    )


def _replace_source(event: Event, source: Actor) -> Event:
    return replace(event, source=source)


class FakeCoder:
    """Returns the events given per article id, one CodedArticle per Article, in order."""

    def __init__(self, coding: Coding) -> None:
        self.coding = coding
        self.seen: list[Article] = []

    def pipe(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for article in articles:
            self.seen.append(article)
            events = [_event(article, *spec) for spec in self.coding.get(article.id, [])]
            yield CodedArticle(article=article, events=events)


def _record(rid: str, set_name: str, events: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "set": set_name,
        "text": f"Sentence {rid} invented for the evaluation tests.",
        "date": None,
        "events": events,
        "expect_no_event": False,
        **extra,
    }


def _ev(code: str | None, source: str | None = None, target: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"source": source, "code": code, "target": target, **extra}


def _gold(tmp_path: Path, records: list[dict[str, Any]], name: str = "gold.jsonl") -> list[GoldRecord]:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return load_gold(path)


def _score(tmp_path: Path, records: list[dict[str, Any]], coding: Coding, **kw: Any) -> EvaluationReport:
    return evaluate(_gold(tmp_path, records), FakeCoder(coding), **kw)


# --------------------------------------------------------------------------- load_gold


def test_load_gold_reads_fields(tmp_path: Path) -> None:
    records = _gold(
        tmp_path,
        [
            _record("a", "petr2_gsr_validation", [_ev("0431", "USAGOV", "FRA")], date="20150302", text_kind="real_news"),
            _record("b", "plover_gsr_cameo", [_ev(None, "DEUGOV", "---", plover="DEMAND")], allowed_roots=["10", "02"]),
            _record("c", "petr2_gsr_validation", [], expect_no_event=True, evaluate=False),
        ],
    )
    a, b, c = records
    assert (a.id, a.set, a.date, a.text_kind) == ("a", "petr2_gsr_validation", date(2015, 3, 2), "real_news")
    assert [(e.source, e.code, e.target, e.roots) for e in a.events] == [("USAGOV", "0431", "FRA", ("04",))]
    assert [(e.code, e.roots, e.plover) for e in b.events] == [(None, ("10", "02"), "DEMAND")]
    assert (c.expect_no_event, c.events, c.scored) == (True, (), False)
    assert a.article() == Article(id="a", text=a.text, published=date(2015, 3, 2))


def test_load_gold_six_digit_date_is_unknown(tmp_path: Path) -> None:
    (record,) = _gold(tmp_path, [_record("a", "s", [_ev("040")], date="150302")])
    assert record.date is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "text": ', "invalid JSON"),
        ('["not", "an", "object"]', "expected a JSON object"),
        (json.dumps(_record("x", "s", [_ev("040")], text="")), "'text' must be a non-empty string"),
        (json.dumps(_record("x", "s", [_ev("040")], date="2015-03-02")), "'date' must be YYYYMMDD"),
        (json.dumps(_record("x", "s", [_ev("040")], date="20150231")), "not a calendar date"),
        (json.dumps(_record("x", "s", [_ev("4a")])), "not a 2-4 digit CAMEO code"),
        (json.dumps(_record("x", "s", [_ev(None, "USA", "RUS")])), "no 'allowed_roots'"),
        (json.dumps(_record("x", "s", [])), "nothing to score"),
        (json.dumps(_record("x", "s", [_ev("040")], expect_no_event=True)), "lists events"),
        (json.dumps(_record("ok", "s", [_ev("040")])), "duplicate id 'ok' (first on line 1)"),
    ],
)
def test_load_gold_malformed_line_names_path_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(_record("ok", "s", [_ev("040")])) + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_gold(path)
    assert str(info.value).startswith(f"{path}:3: ")
    assert message in str(info.value)
    assert info.value.line == 3


def test_load_gold_missing_file_is_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot open gold file"):
        load_gold(tmp_path / "absent.jsonl")


# --------------------------------------------------------------------------- recall


def test_evaluate_root_hit_and_miss(tmp_path: Path) -> None:
    records = [
        _record("exact", "cameo_codebook_examples", [_ev("043")]),
        _record("same-root", "cameo_codebook_examples", [_ev("043")]),
        _record("other-root", "cameo_codebook_examples", [_ev("190")]),
        _record("nothing", "cameo_codebook_examples", [_ev("120")]),
    ]
    coding: Coding = {
        "exact": [("043", "USA", "CHN", "asserted")],
        "same-root": [("042", None, None, "asserted")],
        "other-root": [("173", "ISR", "PSE", "asserted")],
    }
    report = _score(tmp_path, records, coding)
    overall = report.overall
    assert (overall.root_recall, overall.code_recall, overall.triple_recall) == (0.5, 0.25, 0.5)
    assert report.primary_metric == "root_recall"
    assert report.primary == 0.5
    assert overall.precision is None  # the codebook gold does not list every event
    assert [(r.root, r.gold, r.found) for r in report.by_root] == [("04", 2, 2), ("12", 1, 0), ("19", 1, 0)]
    assert [(m.record_id, m.kind) for m in report.misses] == [("other-root", "root"), ("nothing", "root")]


def test_evaluate_plover_allowed_roots(tmp_path: Path) -> None:
    records = [
        _record("demand", "plover_gsr_cameo", [_ev(None, "ALBGOV", "SRBGOV", plover="DEMAND")], allowed_roots=["10", "02"]),
        _record("agree", "plover_gsr_cameo", [_ev(None, "ALB", "SRB", plover="AGREE")], allowed_roots=["03"]),
    ]
    coding: Coding = {"demand": [("021", "ALBGOV", "SRBGOV", "asserted")], "agree": [("057", "ALB", "SRB", "asserted")]}
    report = _score(tmp_path, records, coding)
    assert (report.overall.root_recall, report.overall.triple_recall, report.overall.code_recall) == (0.5, 0.5, None)
    assert report.primary_metric == "triple_recall"
    assert [(r.root, r.gold, r.found) for r in report.by_root] == [("03", 1, 0), ("10/02", 1, 1)]


@pytest.mark.parametrize(
    ("gold_source", "our_source", "found"),
    [
        ("IGOWSTNAT", "IGOUNO", True),  # IGO prefixes compare as a category
        ("IGOWSTNAT", "IGO", True),
        ("IGOWSTNAT", "NGOHRW", False),
        ("NGOAMN", "NGOHRW", True),
        ("IMGMUS", "IMGCHR", True),
        ("IGOWSTNAT", "USAMIL", False),
        ("USAGOV", "USAMIL", True),  # 3-letter prefix only
        ("USAGOV", "USA", True),
        ("RUSGOV", "UKRGOV", False),
        ("USAGOV", None, False),  # an unresolved actor never matches a known gold actor
        ("---", None, True),  # unknown gold actor matches anything
        ("---", "FRAGOV", True),
        ("---REB", "SYRREB", True),
        (None, None, True),
    ],
)
def test_evaluate_source_prefix_rule(tmp_path: Path, gold_source: str | None, our_source: str | None, found: bool) -> None:
    records = [_record("r", "petr2_gsr_validation", [_ev("111", gold_source, "DEU")])]
    report = _score(tmp_path, records, {"r": [("111", our_source, "DEUGOV", "asserted")]})
    assert report.overall.root_recall == 1.0
    assert report.overall.triple_recall == (1.0 if found else 0.0)


def test_evaluate_unknown_gold_target_matches_missing_target(tmp_path: Path) -> None:
    records = [_record("r", "petr2_gsr_validation", [_ev("190", "NGA", "---")])]
    report = _score(tmp_path, records, {"r": [("193", "NGAMIL", None, "asserted")]})
    assert (report.overall.triple_recall, report.overall.precision) == (1.0, 1.0)


class SourceOverride(FakeCoder):
    """Like FakeCoder, but every coded source is the given Actor."""

    def __init__(self, coding: Coding, source: Actor) -> None:
        super().__init__(coding)
        self.source = source

    def pipe(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for coded in super().pipe(articles):
            events = [_replace_source(e, self.source) for e in coded.events]
            yield CodedArticle(article=coded.article, events=events)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        (Actor(text="the committee", code=None, country="KEN"), False),  # kept but unresolved: no code
        (Actor(text="Kenyan officials", code="KENGOV", country="KEN"), True),
        (Actor(text="troops", code="---MIL", country="KEN"), True),  # no country in the code: country decides
        (Actor(text="troops", code="---MIL", country=None), False),
    ],
)
def test_evaluate_our_actor_prefix_from_code_then_country(tmp_path: Path, source: Actor, found: bool) -> None:
    records = [_record("r", "petr2_gsr_validation", [_ev("040", "KEN", "SOM")])]
    coder = SourceOverride({"r": [("040", "KENGOV", "SOMGOV", "asserted")]}, source)
    report = evaluate(_gold(tmp_path, records), coder)
    assert (report.overall.root_recall, report.overall.triple_recall) == (1.0, 1.0 if found else 0.0)


def test_evaluate_actor_agreement_among_found_roots(tmp_path: Path) -> None:
    records = [
        _record("right", "plover_gsr_cameo", [_ev(None, "ISRMIL", "PSE", plover="ASSAULT")], allowed_roots=["18", "20"]),
        _record("swapped", "plover_gsr_cameo", [_ev(None, "ISRMIL", "PSE", plover="ASSAULT")], allowed_roots=["18", "20"]),
        _record("no-root", "plover_gsr_cameo", [_ev(None, "ISRMIL", "PSE", plover="ASSAULT")], allowed_roots=["18", "20"]),
    ]
    coding: Coding = {
        "right": [("183", "ISRMIL", "PSEREB", "asserted")],
        "swapped": [("202", "PSEREB", "ISRMIL", "asserted")],
        "no-root": [("111", "ISRMIL", "PSE", "asserted")],
    }
    report = _score(tmp_path, records, coding)
    overall = report.overall
    assert (overall.root_found, overall.triple_found) == (2, 1)
    assert overall.actor_agreement == 0.5
    assert overall.triple_recall == pytest.approx(1 / 3)
    assert [(m.record_id, m.kind) for m in report.misses] == [("swapped", "actors"), ("no-root", "root")]


@pytest.mark.parametrize("mode", ["negated", "hypothetical", "intended", "denied"])
def test_evaluate_counts_only_asserted_events(tmp_path: Path, mode: str) -> None:
    records = [_record("r", "petr2_gsr_validation", [_ev("112", "USA", "RUS")])]
    report = _score(tmp_path, records, {"r": [("112", "USAGOV", "RUSGOV", mode)]})
    overall = report.overall
    assert (overall.root_recall, overall.code_recall, overall.triple_recall) == (0.0, 0.0, 0.0)
    assert (overall.coded_events, overall.precision, overall.f1) == (0, None, 0.0)
    assert [c.mode for c in report.misses[0].coded] == [mode]  # shown for inspection, not scored


# --------------------------------------------------------------------------- precision


def _petr2_case(tmp_path: Path) -> EvaluationReport:
    records = [
        _record("talks", "petr2_gsr_validation", [_ev("040", "USA", "CHN")], text_kind="real_news"),
        _record("quiet", "petr2_gsr_validation", [], expect_no_event=True, text_kind="constructed"),
        _record("hedged", "petr2_gsr_validation", [], expect_no_event=True, text_kind="constructed"),
    ]
    coding: Coding = {
        "talks": [("042", "USAGOV", "CHNGOV", "asserted"), ("190", "USAMIL", "CHN", "asserted")],
        "quiet": [("010", "FRA", None, "asserted")],
        "hedged": [("138", "RUS", "UKR", "hypothetical")],
    }
    return _score(tmp_path, records, coding)


def test_evaluate_expect_no_event_false_positive(tmp_path: Path) -> None:
    overall = _petr2_case(tmp_path).overall
    assert (overall.coded_events, overall.coded_matched) == (3, 1)
    assert overall.precision == pytest.approx(1 / 3)
    assert overall.triple_recall == 1.0
    assert overall.f1 == pytest.approx(0.5)
    assert (overall.no_event_records, overall.no_event_correct, overall.no_event_accuracy) == (2, 1, 0.5)


def test_evaluate_text_kind_breakdown(tmp_path: Path) -> None:
    report = _petr2_case(tmp_path)
    assert list(report.by_text_kind) == ["constructed", "real_news"]
    news, built = report.by_text_kind["real_news"], report.by_text_kind["constructed"]
    assert (news.records, news.triple_recall, news.precision) == (1, 1.0, 0.5)
    assert (built.records, built.gold_events, built.triple_recall, built.precision, built.no_event_accuracy) == (
        2,
        0,
        None,
        0.0,
        0.5,
    )


def test_evaluate_false_positives_listed(tmp_path: Path) -> None:
    misses = _petr2_case(tmp_path).misses
    assert [(m.record_id, m.kind, [c.cameo for c in m.coded]) for m in misses] == [
        ("talks", "false_positive", ["190"]),
        ("quiet", "false_positive", ["010"]),
    ]


# --------------------------------------------------------------------------- evaluate mechanics


def test_evaluate_passes_article_id_text_and_date(tmp_path: Path) -> None:
    gold = _gold(tmp_path, [_record("r", "petr2_gsr_validation", [_ev("040", "USA", "CHN")], date="20080806")])
    coder = FakeCoder({})
    evaluate(gold, coder)
    assert coder.seen == [Article(id="r", text=gold[0].text, published=date(2008, 8, 6))]


def test_evaluate_limit_and_skipped_records(tmp_path: Path) -> None:
    records = [
        _record("off", "cameo_codebook_examples", [_ev("040")], evaluate=False),
        _record("one", "cameo_codebook_examples", [_ev("040")]),
        _record("two", "cameo_codebook_examples", [_ev("050")]),
    ]
    coder = FakeCoder({"one": [("040", None, None, "asserted")]})
    report = evaluate(_gold(tmp_path, records), coder, limit=1)
    assert [a.id for a in coder.seen] == ["one"]
    assert (report.overall.records, report.overall.root_recall, report.skipped) == (1, 1.0, 1)


def test_evaluate_negative_limit_is_query_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError):
        evaluate([], FakeCoder({}), limit=-1)


def test_evaluate_coder_out_of_order_is_error(tmp_path: Path) -> None:
    class Reversed:
        def pipe(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
            return iter([CodedArticle(article=a) for a in reversed(list(articles))])

    gold = _gold(tmp_path, [_record("a", "s", [_ev("040")]), _record("b", "s", [_ev("040")])])
    with pytest.raises(FlashpointError, match="returned article 'b' where 'a' was expected"):
        evaluate(gold, Reversed())


def test_evaluate_empty_gold_has_no_rates() -> None:
    report = evaluate([], FakeCoder({}))
    assert (report.overall.records, report.primary, report.by_root, report.misses) == (0, None, (), ())


def test_report_to_dict_includes_misses_only_when_asked(tmp_path: Path) -> None:
    report = _petr2_case(tmp_path)
    plain = report.to_dict()
    assert "misses" not in plain
    assert plain["primary_metric"] == "triple_recall"
    assert plain["overall"]["precision"] == 0.3333
    assert plain["by_root"] == [
        {"root": "04", "gold": 1, "found": 1, "recall": 1.0, "triples": 1, "triple_recall": 1.0}
    ]
    full = report.to_dict(include_misses=True)
    assert full["misses"][1] == {
        "id": "quiet",
        "kind": "false_positive",
        "text": "Sentence quiet invented for the evaluation tests.",
        "gold": [],
        "coded": [{"cameo": "010", "mode": "asserted", "source": "FRA", "target": None}],
    }
    json.dumps(full)  # plain JSON types throughout


def test_format_report_shows_metrics_and_tables(tmp_path: Path) -> None:
    text = format_report(_petr2_case(tmp_path), misses=True)
    lines = text.splitlines()
    assert lines[1] == "primary: triple recall = 1.000"
    assert "precision (triples)     0.333        1/3" in lines
    assert "no-event accuracy       0.500        2/2" not in lines
    assert "no-event accuracy       0.500        1/2" in lines
    assert any(line.startswith("real_news") for line in lines)
    assert "  quiet [false_positive] gold: (no event) | coded: FRA 010 -" in lines


# --------------------------------------------------------------------------- shared gold


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "count"),
    [("cameo_codebook_examples", 164), ("plover_gsr_cameo", 200), ("petr2_gsr_validation", 78)],
)
def test_load_gold_shared_record_counts(name: str, count: int) -> None:
    path = GOLD_DIR / f"{name}.jsonl"
    if not path.is_file():
        pytest.skip(f"shared gold set not found at {path}")
    records = load_gold(path)
    assert len(records) == count
    assert {r.set for r in records} == {name}
