"""Article dates as inputs give them: "YYYY-MM-DD", "YYYYMMDD" or an ISO 8601 datetime."""

from __future__ import annotations

import datetime
import re

from flashpoint.errors import IngestError

__all__ = ["parse_date"]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_BASIC_DAY = re.compile(r"\d{8}")
# A datetime starts with an extended ISO day, then "T" or a space, then the time.
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*")


def parse_date(value: str, *, source: str = "date") -> datetime.date:
    """The calendar date `value` names.

    For a datetime with a UTC offset the date is the one written (the outlet's local
    date), not the UTC date: "yesterday" in the story is relative to that day.

    Raises:
        IngestError: `value` is not one of the three forms or is not a real date;
            `source` (e.g. "articles.jsonl:12") says where it came from.
    """
    text = value.strip()
    try:
        if _ISO_DAY.fullmatch(text):
            return datetime.date.fromisoformat(text)
        if _BASIC_DAY.fullmatch(text):
            return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if _ISO_DATETIME.fullmatch(text):
            # fromisoformat (3.11) takes "Z" and offsets; .date() keeps the written day.
            return datetime.datetime.fromisoformat(text).date()
    except ValueError as exc:
        raise IngestError(source, f"bad date {value!r}: {exc}") from exc
    raise IngestError(
        source, f"bad date {value!r}: expected YYYY-MM-DD, YYYYMMDD or an ISO 8601 datetime"
    )
