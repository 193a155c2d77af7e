"""Cross-article de-duplication: event mentions grouped into clusters, one per real-world event.

Several outlets reporting the same shelling produce several event *mentions* (rows of the
`events` table); a cluster (a row of the `clusters` table) is the one real-world event they
describe, like GDELT's events table is to its mentions table, so counts are not inflated.

Two mentions belong to the same cluster when all of these hold:

- both are asserted (`mode == "asserted"`): a denied or hypothetical attack is not an event;
  other mentions get no cluster (cluster_id None);
- same dyad at country level: the first three letters of the source and target codes
  ("RUSMIL" and "RUS" are both "RUS"). A named actor the coder could not resolve
  (text but no code) never merges: it gets a cluster of its own. An event without a target
  at all (no text, no code) merges with other target-less events of the same source;
- same CAMEO root ("19" fight);
- event dates within `window_days` of the cluster's earliest date (its anchor; anchoring
  rather than chaining stops a daily series of shellings collapsing into one cluster). The
  coder dates "in 2014" as 2014-01-01 with year precision, so a background 2014 event
  mentioned in 2022 never merges with a 2022 event. A mention without an event date merges
  only with undated mentions of the same article date; with neither date it stays alone;
- same place when both have one (a `place` column is optional: absent or None means unknown).
  Only a place below country level counts (`place_kind` other than "country"): "in Ukraine"
  and "in Kharkiv" can describe the same shelling, so a country says nothing here.

A cluster id is the hash of its earliest member's key (`cluster_key`), so re-running on the
same events gives the same ids. `sources` lists the distinct article ids of the members, so
`n_articles == len(sources)` and merging into existing clusters is a set union.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timezone
from typing import Any

import pandas

from flashpoint.errors import QueryError
from flashpoint.export.columns import day

__all__ = ["CLUSTER_COLUMNS", "assign_clusters", "cluster_key"]

CLUSTER_COLUMNS = (
    "cluster_id", "source_code", "target_code", "root", "cameo", "event_date", "place",
    "n_mentions", "n_articles", "sources", "first_seen", "last_seen",
)  # fmt: skip

# Columns assign_clusters reads; `place` and `cluster_id` are optional.
REQUIRED_COLUMNS = (
    "event_id", "article_id", "article_date", "sentence_index", "source_text", "source_code",
    "target_text", "target_code", "cameo", "root", "mode", "event_date",
)  # fmt: skip

ASSERTED = "asserted"
NO_ACTOR = "-"  # the event has no such participant at all (not an unknown one)


def _missing(value: Any) -> bool:
    if value is None or value is pandas.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return bool(value is pandas.NA)


def _text(value: Any) -> str | None:
    return None if _missing(value) or value == "" else str(value)


def _seen(value: Any) -> pandas.Timestamp | None:
    """A UTC timestamp (first/last seen) from a cell: naive values are taken as UTC."""
    if _missing(value):
        return None
    stamp = pandas.Timestamp(value)
    return stamp.tz_localize(timezone.utc) if stamp.tzinfo is None else stamp.tz_convert(timezone.utc)


def _place(row: Mapping[str, Any]) -> str | None:
    """The place a mention is clustered by: its place name, unless that is a whole country."""
    if _text(row.get("place_kind")) == "country":
        return None
    return _text(row.get("place"))


def _actor_key(code: Any, text: Any) -> str | None:
    """Country-level key of a participant: NO_ACTOR when absent, None when unresolved."""
    code = _text(code)
    if code is not None:
        return code[:3]
    return NO_ACTOR if _text(text) is None else None


def _hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _group_and_date(row: Mapping[str, Any]) -> tuple[tuple[str, ...], str] | None:
    """(group, date key) of a mention that may merge with others, else None."""
    if _text(row.get("mode")) != ASSERTED:
        return None
    source = _actor_key(row.get("source_code"), row.get("source_text"))
    target = _actor_key(row.get("target_code"), row.get("target_text"))
    root = _text(row.get("root")) or (_text(row.get("cameo")) or "")[:2]
    if source is None or target is None or not root:
        return None
    event_date = day(row.get("event_date"))
    if event_date is not None:
        return (source, target, root), event_date.isoformat()
    article_date = day(row.get("article_date"))
    if article_date is not None:
        return (source, target, root, "undated"), "article:" + article_date.isoformat()
    return None


def cluster_key(event_row: Mapping[str, Any]) -> str:
    """The clustering key of one mention (a Mapping with the `events` columns).

    "SRC|TGT|ROOT|DATE|PLACE" for a mention that may merge with others (country-level actor
    codes, "-" for an absent target, DATE the event date or "article:<article date>" when
    undated); "mention|<event_id>" for one that never merges (not asserted, an unresolved
    actor, no date at all). A cluster's id is the 16-hex SHA-1 of its earliest member's key.
    """
    grouped = _group_and_date(event_row)
    if grouped is None:
        return f"mention|{event_row.get('event_id')}"
    group, date_key = grouped
    place = _place(event_row) or ""
    return "|".join([*group[:3], date_key, place])


@dataclass(slots=True)
class _Cluster:
    cluster_id: str
    group: tuple[str, ...]
    anchor: date
    place: str | None
    source_code: str | None
    target_code: str | None
    root: str
    cameo: str | None
    event_date: date | None
    n_mentions: int = 0
    sources: set[str] = field(default_factory=set)
    first_seen: pandas.Timestamp | None = None
    last_seen: pandas.Timestamp | None = None
    touched: bool = False
    stored: bool = False  # read from `existing`: its members so far are already counted

    def accepts(self, group: tuple[str, ...], day: date, place: str | None, window: int) -> bool:
        if group != self.group or abs((day - self.anchor).days) > window:
            return False
        return place is None or self.place is None or place == self.place

    def add(self, row: Mapping[str, Any], place: str | None, counted: bool) -> None:
        if not counted:
            self.n_mentions += 1
        self.sources.add(str(row["article_id"]))
        if self.place is None and place is not None:
            self.place = place
        seen = _seen(row.get("article_date")) or _seen(row.get("event_date"))
        if seen is not None:
            self.first_seen = seen if self.first_seen is None else min(self.first_seen, seen)
            self.last_seen = seen if self.last_seen is None else max(self.last_seen, seen)
        self.touched = True

    def to_row(self) -> dict[str, Any]:
        sources = sorted(self.sources)
        return {
            "cluster_id": self.cluster_id,
            "source_code": self.source_code,
            "target_code": self.target_code,
            "root": self.root,
            "cameo": self.cameo,
            "event_date": self.event_date,
            "place": self.place,
            "n_mentions": self.n_mentions,
            "n_articles": len(sources),
            "sources": sources,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


def _existing_clusters(existing: pandas.DataFrame) -> tuple[dict[tuple[str, ...], list[_Cluster]], dict[str, _Cluster]]:
    """Open clusters rebuilt from `clusters` rows; those whose id is not their key's hash are
    single-mention clusters (unresolved actors) and take no new members."""
    by_group: dict[tuple[str, ...], list[_Cluster]] = {}
    by_id: dict[str, _Cluster] = {}
    for row in existing.to_dict("records"):
        cluster_id = str(row["cluster_id"])
        source = _actor_key(row.get("source_code"), None)
        target = _actor_key(row.get("target_code"), None)
        root = _text(row.get("root")) or ""
        event_date = day(row.get("event_date"))
        first_seen = _seen(row.get("first_seen"))
        place = _text(row.get("place"))
        raw_sources = row.get("sources")
        sources = {str(s) for s in raw_sources} if raw_sources is not None and not _missing(raw_sources) else set()
        if event_date is not None:
            group: tuple[str, ...] = (str(source), str(target), root)
            date_key, anchor = event_date.isoformat(), event_date
        elif first_seen is not None:
            group = (str(source), str(target), root, "undated")
            anchor = first_seen.date()
            date_key = "article:" + anchor.isoformat()
        else:
            group, anchor, date_key = ("mention", cluster_id), date.min, ""
        cluster = _Cluster(
            cluster_id=cluster_id,
            group=group,
            anchor=anchor,
            place=place,
            source_code=_text(row.get("source_code")),
            target_code=_text(row.get("target_code")),
            root=root,
            cameo=_text(row.get("cameo")),
            event_date=event_date,
            n_mentions=int(row.get("n_mentions") or 0),
            sources=sources,
            first_seen=first_seen,
            last_seen=_seen(row.get("last_seen")),
            stored=True,
        )
        by_id[cluster_id] = cluster
        # The anchor member's place is the cluster's place unless it was filled in later;
        # try both so a cluster whose place was learned after its anchor still matches.
        keys = {"|".join([*group[:3], date_key, place or ""]), "|".join([*group[:3], date_key, ""])}
        if any(_hash(key) == cluster_id for key in keys):
            by_group.setdefault(group, []).append(cluster)
    return by_group, by_id


def assign_clusters(
    events: pandas.DataFrame,
    existing: pandas.DataFrame | None = None,
    *,
    window_days: int = 1,
) -> tuple[pandas.Series, pandas.DataFrame]:
    """Assign every mention in `events` to a cluster; return (cluster ids, cluster rows).

    `events` has the `events` table columns (an optional `place` column is used when present;
    an optional `cluster_id` column marks mentions already counted in `existing`).
    `existing` holds rows of the `clusters` table: a new mention joins an existing cluster
    when the rules of this module allow, and that cluster's n_mentions, n_articles, sources
    and first/last seen are updated. Mentions whose `cluster_id` already names the cluster
    they are assigned to are not counted twice, so re-running on the same events and the
    clusters it produced changes nothing.

    Returns a Series indexed by event_id (None for mentions that are not asserted) and a
    DataFrame with CLUSTER_COLUMNS holding every cluster created or updated (not untouched
    existing ones): `sources` is a sorted list of article ids, first/last seen are UTC
    Timestamps of the members' article dates. Empty input gives an empty Series and frame.

    Raises:
        QueryError: a required column is missing, a date cannot be read, or window_days < 0.
    """
    if window_days < 0:
        raise QueryError(f"window_days must be >= 0, got {window_days}")
    missing = [name for name in REQUIRED_COLUMNS if name not in events.columns]
    if missing:
        raise QueryError(f"events lack the column(s) {', '.join(missing)}")
    by_group, by_id = _existing_clusters(existing) if existing is not None and len(existing) else ({}, {})
    used_ids = set(by_id)

    records = events.to_dict("records")
    keyed: list[tuple[tuple[Any, ...], dict[str, Any], tuple[str, ...] | None, str]] = []
    for row in records:
        grouped = _group_and_date(row)
        group = grouped[0] if grouped else None
        date_key = grouped[1] if grouped else ""
        order = (
            0 if group else 1,
            group or (),
            date_key,
            (day(row.get("article_date")) or date.min).isoformat(),
            str(row["article_id"]),
            int(row["sentence_index"]) if not _missing(row.get("sentence_index")) else -1,
            str(row["event_id"]),
        )
        keyed.append((order, row, group, date_key))
    keyed.sort(key=lambda item: item[0])

    assigned: dict[str, str | None] = {}
    for _, row, group, date_key in keyed:
        event_id = str(row["event_id"])
        prior = _text(row.get("cluster_id"))
        if _text(row.get("mode")) != ASSERTED:
            assigned[event_id] = None
            continue
        place = _place(row)
        cluster: _Cluster | None = None
        if group is not None:
            anchor = date.fromisoformat(date_key.removeprefix("article:"))
            # Undated mentions merge only within the same article date (window 0).
            window = 0 if group[-1] == "undated" else window_days
            candidates = by_group.setdefault(group, [])
            cluster = next((c for c in candidates if c.accepts(group, anchor, place, window)), None)
        if cluster is None:
            key = cluster_key(row)
            cluster_id = _hash(key)
            suffix = 1
            while cluster_id in used_ids and cluster_id not in by_id:
                suffix += 1  # two anchors with one key: keep ids unique, deterministically
                cluster_id = _hash(f"{key}#{suffix}")
            if cluster_id in by_id:  # the same singleton seen again
                cluster = by_id[cluster_id]
            else:
                cluster = _Cluster(
                    cluster_id=cluster_id,
                    group=group or ("mention", event_id),
                    anchor=date.fromisoformat(date_key.removeprefix("article:")) if group else date.min,
                    place=place,
                    source_code=_text(row.get("source_code")),
                    target_code=_text(row.get("target_code")),
                    root=_text(row.get("root")) or (_text(row.get("cameo")) or "")[:2],
                    cameo=_text(row.get("cameo")),
                    event_date=day(row.get("event_date")),
                )
                by_id[cluster_id] = cluster
                used_ids.add(cluster_id)
                if group is not None:
                    by_group[group].append(cluster)
        cluster.add(row, place, counted=cluster.stored and prior == cluster.cluster_id)
        assigned[event_id] = cluster.cluster_id

    ids = pandas.Series(
        [assigned[str(event_id)] for event_id in events["event_id"]],
        index=pandas.Index(events["event_id"].astype(str), name="event_id"),
        name="cluster_id",
        dtype=object,
    )
    rows = [cluster.to_row() for cluster in by_id.values() if cluster.touched]
    clusters = pandas.DataFrame(rows, columns=list(CLUSTER_COLUMNS))
    return ids, clusters

