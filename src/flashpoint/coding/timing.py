"""Event timing: the date an event's time expressions name, and whether it is background.

`anchor` turns the time expressions of an event's clause (spaCy DATE entities, as
strings) into a TimeAnchor relative to the article's date; `is_background` says when
that date is too old to be the news of the article. Both are pure functions of
strings and dates, so they are tested without a parser.

Relative expressions ("on Tuesday", "last week", "two years ago") need the article
date; without one they resolve to nothing, never to today. Absolute ones ("in 2014",
"March 3, 2014") resolve either way. Precision is decided from the expression's shape
here; dateparser only does the calendar arithmetic for the forms our rules leave over.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser

from flashpoint.model import DatePrecision

__all__ = ["TimeAnchor", "anchor", "is_background"]

_Hit = tuple[datetime.date, DatePrecision]

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = "|".join(MONTHS)
_WEEKDAY = "|".join(WEEKDAYS)
_MONTH_ABBR = r"jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

# Words around a time expression that do not move its date: prepositions ("since 2014"
# starts in 2014), hedges ("nearly two years ago") and position in a period ("earlier
# this month", "mid-2014", "late last year" keep the period's own date and precision).
_LEADING = re.compile(
    r"^(?:in|on|at|during|since|from|by|until|before|after|as of|of|for|over|within|throughout"
    r"|the|early|earlier|late|later|mid|the (?:end|start|beginning|middle) of"
    r"|nearly|almost|about|around|approximately|roughly|some|just|only|more than|less than)"
    r"\b[\s-]*"
)
# A date cue for dateparser: without one it reads "15" as the 15th of the base month
# and "two weeks" as two weeks ago, which are durations or numbers, not dates.
_DATE_CUE = re.compile(
    rf"\b(?:{_MONTH}|{_MONTH_ABBR})\b|\b\d{{4}}\b|\d{{1,4}}[/.-]\d{{1,2}}|\bago\b|\bfrom now\b"
)
_FOUR_DIGIT_YEAR = re.compile(r"\b\d{4}\b")
# Only an explicit word makes a date after the article's plausible ("next week").
_FUTURE_CUE = re.compile(r"\b(?:next|coming|upcoming|tomorrow|from now)\b")
_PERIODS = {
    "day": DatePrecision.DAY,
    "week": DatePrecision.WEEK,
    "month": DatePrecision.MONTH,
    "year": DatePrecision.YEAR,
}


@dataclass(frozen=True, slots=True)
class TimeAnchor:
    """When an event happened: the first day of the period named, its precision, and
    the expression it was read from (None when it is the article date by default)."""

    date: datetime.date | None
    precision: DatePrecision | None
    text: str | None


def anchor(expressions: list[str], article_date: datetime.date | None) -> TimeAnchor:
    """The TimeAnchor of the first expression that resolves.

    With no expressions the event is taken as news of the day: the article date at
    day precision (all None when the article date is unknown too). Expressions that
    do not name a time ("45-year-old", "daily", "for two weeks") count as no
    expression. When there are time expressions but none resolves (a relative one
    without an article date, "in recent weeks"), date and precision are None.
    """
    timed = False
    for expression in expressions:
        hit = _resolve(expression, article_date)
        if hit is not None:
            return TimeAnchor(hit[0], hit[1], expression)
        timed = timed or not _NOT_A_TIME.fullmatch(_normalise(expression))
    if not timed and article_date is not None:
        return TimeAnchor(article_date, DatePrecision.DAY, None)
    return TimeAnchor(None, None, None)


def is_background(anchor: TimeAnchor, article_date: datetime.date | None, days: int = 30) -> bool:
    """Whether the anchored period ended more than `days` days before the article date.

    A year counts as background when it is before the article's year. False when
    either date is unknown.
    """
    if anchor.date is None or article_date is None:
        return False
    if anchor.precision is DatePrecision.YEAR:
        return anchor.date.year < article_date.year
    return (article_date - _period_end(anchor.date, anchor.precision)).days > days


def _period_end(start: datetime.date, precision: DatePrecision | None) -> datetime.date:
    if precision is DatePrecision.MONTH:
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision is DatePrecision.WEEK:
        return start + datetime.timedelta(days=6)
    return start


@lru_cache(maxsize=4096)
def _resolve(expression: str, article_date: datetime.date | None) -> _Hit | None:
    # Cached per (expression, article date): the same few expressions recur across the
    # events of an article and across articles of a day.
    text = _normalise(expression)
    for pattern, rule in _RULES:
        match = pattern.fullmatch(text)
        if match:
            return rule(match, article_date)
    return _parse(text, article_date)


def _normalise(expression: str) -> str:
    text = " ".join(expression.lower().replace("\u2019", "'").split()).rstrip(".,;:")
    text = text.removesuffix("'s")  # "Tuesday's vote"
    while True:
        stripped = _LEADING.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


# --- rules: one regex per expression shape, each deciding its own precision ---------


def _year(match: re.Match[str], _article: datetime.date | None) -> _Hit | None:
    return datetime.date(int(match[1]), 1, 1), DatePrecision.YEAR


def _decade(match: re.Match[str], _article: datetime.date | None) -> _Hit | None:
    # "the 1990s": the decade's first year, as "since 2014" gives its first year.
    return datetime.date(int(match[1]), 1, 1), DatePrecision.YEAR


def _month_year(match: re.Match[str], _article: datetime.date | None) -> _Hit | None:
    return datetime.date(int(match[2]), MONTHS.index(match[1]) + 1, 1), DatePrecision.MONTH


def _month(match: re.Match[str], article: datetime.date | None) -> _Hit | None:
    if article is None:
        return None
    qualifier, month = match[1], MONTHS.index(match[2]) + 1
    year = article.year
    if qualifier in ("next", "coming"):
        if month <= article.month:  # the first such month after the article's
            year += 1
    elif qualifier in ("last", "past", "previous"):
        if month >= article.month:  # the latest one before the article's month
            year -= 1
    elif qualifier != "this" and month > article.month:
        year -= 1  # the latest one not after the article's month
    return datetime.date(year, month, 1), DatePrecision.MONTH


def _weekday(match: re.Match[str], article: datetime.date | None) -> _Hit | None:
    if article is None:
        return None
    qualifier, weekday = match[1], WEEKDAYS.index(match[2])
    back = (article.weekday() - weekday) % 7  # 0: "on Tuesday" in a Tuesday article
    if qualifier in ("next", "coming"):
        day = article + datetime.timedelta(days=(weekday - article.weekday() - 1) % 7 + 1)
    elif qualifier in ("last", "past", "previous"):
        day = article - datetime.timedelta(days=back or 7)
    elif qualifier == "this":
        day = _monday(article) + datetime.timedelta(days=weekday)  # in the article's week
    else:
        day = article - datetime.timedelta(days=back)
    return day, DatePrecision.DAY


_DAY_OFFSETS = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last night": -1, "tomorrow": 1}


def _day_word(match: re.Match[str], article: datetime.date | None) -> _Hit | None:
    if article is None:
        return None
    word = match[1]
    offset = -2 if word.startswith("day before") else _DAY_OFFSETS[word]
    return article + datetime.timedelta(days=offset), DatePrecision.DAY


_STEPS = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}


def _relative_period(match: re.Match[str], article: datetime.date | None) -> _Hit | None:
    if article is None:
        return None
    step, unit = _STEPS[match[1]], match[2]
    if unit == "week":
        return _monday(article) + datetime.timedelta(weeks=step), DatePrecision.WEEK
    if unit == "month":
        months = article.year * 12 + article.month - 1 + step
        return datetime.date(months // 12, months % 12 + 1, 1), DatePrecision.MONTH
    return datetime.date(article.year + step, 1, 1), DatePrecision.YEAR


_Rule = Callable[[re.Match[str], datetime.date | None], _Hit | None]
_RULES: tuple[tuple[re.Pattern[str], _Rule], ...] = (
    (re.compile(r"(1\d{3}|20\d{2})"), _year),
    # "2014-15", "2014/2015": a season or range starts in its first year.
    (re.compile(r"(1\d{3}|20\d{2})\s*[-\u2013/]\s*(?:\d{2}|\d{4})"), _year),
    (re.compile(r"(1\d{2}0|20\d0)'?s"), _decade),
    (re.compile(rf"({_MONTH}),?\s+(\d{{4}})"), _month_year),
    (re.compile(rf"(?:(last|this|next|coming|past|previous)\s+)?({_MONTH})"), _month),
    (re.compile(rf"(?:(last|this|next|coming|past|previous)\s+)?({_WEEKDAY}){_PART_OF_DAY}"), _weekday),
    (
        re.compile(
            r"(today|tonight|yesterday|tomorrow|last night|day before yesterday"
            r"|this(?=\s+(?:morning|afternoon|evening)$))" + _PART_OF_DAY
        ),
        _day_word,
    ),
    (re.compile(r"(last|previous|this|next|coming)\s+(week|month|year)"), _relative_period),
)

# Expressions spaCy tags DATE that place nothing in time: ages, durations, frequencies.
_NUMBER = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a few|few|several|many)"
)
_UNIT = r"(?:hour|day|week|month|year|decade|century)"
_UNITS = r"(?:hours?|days?|weeks?|months?|years?|decades?|century|centuries)"
_NOT_A_TIME = re.compile(
    rf"(?:{_NUMBER}[\s-]+)?{_UNITS}(?:[\s-]+long|[\s-]+old)?"
    rf"|[\w-]+-{_UNIT}(?:-long|-old)?"
    r"|daily|weekly|monthly|annual|annually|yearly|nightly|hourly"
)


def _parse(text: str, article: datetime.date | None) -> _Hit | None:
    """Whatever the rules leave ("March 3, 2014", "Feb. 3", "two years ago"), by dateparser."""
    has_year = _FOUR_DIGIT_YEAR.search(text) is not None
    if not _DATE_CUE.search(text) or (article is None and not has_year):
        return None
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if article is not None:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(article, datetime.time())
    else:
        # No base to fill from: the year must come from the text, never from today.
        settings["REQUIRE_PARTS"] = ["year"]
    parsed = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    precision = _PERIODS.get(parsed.period or "")
    if parsed.date_obj is None or precision is None:
        return None
    day = parsed.date_obj.date()
    if (
        article is not None
        and day > article + datetime.timedelta(days=1)
        and not has_year
        and not _FUTURE_CUE.search(text)
    ):
        return None  # a past-tense clause with a future date: a misreading, not a date
    if precision is DatePrecision.WEEK:
        day = _monday(day)
    elif precision is DatePrecision.MONTH:
        day = day.replace(day=1)
    elif precision is DatePrecision.YEAR:
        day = datetime.date(day.year, 1, 1)
    return day, precision


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())
