"""Evaluation reports as text: format_report (sentence gold) and format_article_report."""

from __future__ import annotations

from flashpoint.evaluation.articles import ArticleCounts, ArticleReport, ArticleScore
from flashpoint.evaluation.gold import GoldEvent
from flashpoint.evaluation.scoring import CodedSummary, EvaluationReport


_METRIC_LABELS = (
    ("root_recall", "root recall", "root_found", "gold_events"),
    ("code_recall", "exact-code recall", "code_found", "gold_with_code"),
    ("triple_recall", "triple recall", "triple_found", "gold_events"),
    ("actor_agreement", "actor agreement", "triple_found", "root_found"),
    ("precision", "precision (triples)", "coded_matched", "coded_events"),
    ("f1", "F1 (triples)", "", ""),
    ("no_event_accuracy", "no-event accuracy", "no_event_correct", "no_event_records"),
)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(report: EvaluationReport, *, misses: bool = False) -> str:
    """The report as aligned text tables (overall, per text kind, per root, then misses if asked)."""
    s = report.overall
    names = ", ".join(report.sets) or "(no records)"
    lines = [
        f"gold: {names}: {s.records} records, {s.gold_events} gold events"
        + (f", {report.skipped} skipped" if report.skipped else "")
        + f"; coded in {report.seconds:.1f}s",
        f"primary: {report.primary_metric.replace('_', ' ')} = {_fmt(report.primary)}",
        "",
        f"{'metric':<22}{'value':>7}  {'count':>9}",
    ]
    for attr, label, part, whole in _METRIC_LABELS:
        value = getattr(s, attr)
        if value is None:
            continue
        count = f"{getattr(s, part)}/{getattr(s, whole)}" if part else ""
        lines.append(f"{label:<22}{_fmt(value):>7}  {count:>9}")

    if len(report.by_text_kind) > 1:
        lines += ["", f"{'text kind':<16}{'records':>8}{'gold':>6}{'root':>7}{'triple':>8}{'prec':>7}{'F1':>7}{'no-ev':>7}"]
        for kind, k in report.by_text_kind.items():
            lines.append(
                f"{kind:<16}{k.records:>8}{k.gold_events:>6}{_fmt(k.root_recall):>7}{_fmt(k.triple_recall):>8}"
                f"{_fmt(k.precision):>7}{_fmt(k.f1):>7}{_fmt(k.no_event_accuracy):>7}"
            )

    if report.by_root:
        lines += ["", f"{'root':<8}{'gold':>6}{'found':>7}{'recall':>8}{'triples':>9}{'t.recall':>10}"]
        for row in report.by_root:
            lines.append(
                f"{row.root:<8}{row.gold:>6}{row.found:>7}{_fmt(row.recall):>8}"
                f"{row.triples:>9}{_fmt(row.triple_recall):>10}"
            )

    if misses and report.misses:
        lines += ["", f"misses ({len(report.misses)}):"]
        for miss in report.misses:
            gold = "; ".join(_gold_label(g) for g in miss.gold) or "(no event)"
            coded = "; ".join(_coded_label(c) for c in miss.coded) or "(nothing)"
            lines.append(f"  {miss.record_id} [{miss.kind}] gold: {gold} | coded: {coded}")
    return "\n".join(lines)


def _gold_label(g: GoldEvent) -> str:
    what = g.code or f"{g.plover or '?'}({'/'.join(g.roots)})"
    return f"{g.source or '-'} {what} {g.target or '-'}"


def _coded_label(c: CodedSummary) -> str:
    mode = "" if c.asserted else f" [{c.mode}]"
    return f"{c.source or '-'} {c.cameo} {c.target or '-'}{mode}"


def format_article_report(report: ArticleReport, *, verbose: bool = False, label: str = "articles") -> str:
    """One line per article and a total line, in the reference scorer's layout (plus recall
    per article). `verbose` lists, under each article, every required entry (found or
    MISSED), every forbidden entry hit, and every false positive."""
    lines: list[str] = []
    for score in report.articles:
        c = score.counts
        lines.append(
            f"{score.article_id:34} required {c.found:2}/{c.required:2}  FP {c.false_positives:2}  "
            f"forbidden {c.forbidden}  background {c.background}/{c.background_listed}  "
            f"precision~ {c.precision:.2f}  recall {c.recall:.2f}"
        )
        if verbose:
            lines.extend(_article_details(score))
    lines.extend(f"coding failed: {failure}" for failure in report.failures)
    lines.append(format_article_total(report.total, label=label))
    return "\n".join(lines)


def format_article_total(total: ArticleCounts, *, label: str = "articles") -> str:
    """The total line, worded as the reference scorer's last line."""
    return (
        f"{label}: {total.articles} articles, required {total.found}/{total.required} (recall {total.recall:.2f}), "
        f"{total.false_positives} false positives ({total.fp_rate:.2f} per required), precision~ {total.precision:.2f}, "
        f"{total.forbidden} forbidden, background {total.background}/{total.background_listed}"
    )


def _article_details(score: ArticleScore) -> list[str]:
    lines = [f"  {entry.id:5} {'found' if found else 'MISSED':7} {entry.note[:90]}" for entry, found in score.required]
    lines += [f"  {entry.id:5} FORBIDDEN {entry.note[:90]}" for entry in score.forbidden_hits]
    lines += [
        f"  FP    {e.root} {e.source}->{e.target} [{e.rule}]: {e.sentence[:100]!r}" for e in score.false_positives
    ]
    return lines
