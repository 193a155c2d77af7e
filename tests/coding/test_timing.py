"""Event timing: time expressions -> TimeAnchor relative to the article date; background flags."""

from __future__ import annotations

import datetime

import pytest

from flashpoint.coding.timing import TimeAnchor, anchor, is_background
from flashpoint.model import DatePrecision

D = datetime.date
DAY, WEEK, MONTH, YEAR = DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR
ARTICLE = D(2022, 2, 15)  # a Tuesday


@pytest.mark.parametrize(
    ("expression", "date", "precision"),
    [
        # weekdays: the most recent such day on or before the article date
        ("on Tuesday", D(2022, 2, 15), DAY),
        ("Monday", D(2022, 2, 14), DAY),
        ("on Wednesday", D(2022, 2, 9), DAY),
        ("Sunday", D(2022, 2, 13), DAY),
        ("Tuesday night", D(2022, 2, 15), DAY),
        ("Friday's", D(2022, 2, 11), DAY),
        ("last Tuesday", D(2022, 2, 8), DAY),
        ("next Friday", D(2022, 2, 18), DAY),
        ("next Tuesday", D(2022, 2, 22), DAY),
        ("this Friday", D(2022, 2, 18), DAY),
        # day words
        ("today", D(2022, 2, 15), DAY),
        ("this morning", D(2022, 2, 15), DAY),
        ("yesterday", D(2022, 2, 14), DAY),
        ("yesterday afternoon", D(2022, 2, 14), DAY),
        ("last night", D(2022, 2, 14), DAY),
        ("the day before yesterday", D(2022, 2, 13), DAY),
        ("tomorrow", D(2022, 2, 16), DAY),
        ("three days ago", D(2022, 2, 12), DAY),
        # weeks: Monday of the week
        ("last week", D(2022, 2, 7), WEEK),
        ("the previous week", D(2022, 2, 7), WEEK),
        ("earlier this week", D(2022, 2, 14), WEEK),
        ("next week", D(2022, 2, 21), WEEK),
        ("a week ago", D(2022, 2, 7), WEEK),
        ("three weeks ago", D(2022, 1, 24), WEEK),
        # months: the first of the month
        ("last month", D(2022, 1, 1), MONTH),
        ("earlier this month", D(2022, 2, 1), MONTH),
        ("next month", D(2022, 3, 1), MONTH),
        ("two months ago", D(2021, 12, 1), MONTH),
        ("in March", D(2021, 3, 1), MONTH),
        ("in February", D(2022, 2, 1), MONTH),
        ("January", D(2022, 1, 1), MONTH),
        ("last February", D(2021, 2, 1), MONTH),
        ("next March", D(2022, 3, 1), MONTH),
        ("in March 2014", D(2014, 3, 1), MONTH),
        ("September, 2019", D(2019, 9, 1), MONTH),
        # years: January 1
        ("2014", D(2014, 1, 1), YEAR),
        ("in 2014", D(2014, 1, 1), YEAR),
        ("since 2014", D(2014, 1, 1), YEAR),
        ("early 2014", D(2014, 1, 1), YEAR),
        ("mid-2014", D(2014, 1, 1), YEAR),
        ("2014-15", D(2014, 1, 1), YEAR),
        ("in the 1990s", D(1990, 1, 1), YEAR),
        ("two years ago", D(2020, 1, 1), YEAR),
        ("nearly two years ago", D(2020, 1, 1), YEAR),
        ("last year", D(2021, 1, 1), YEAR),
        ("late last year", D(2021, 1, 1), YEAR),
        ("this year", D(2022, 1, 1), YEAR),
        # full dates
        ("March 3, 2014", D(2014, 3, 3), DAY),
        ("on Jan. 5, 2014", D(2014, 1, 5), DAY),
        ("3 March 2014", D(2014, 3, 3), DAY),
        ("2014-03-03", D(2014, 3, 3), DAY),
        ("Feb. 3", D(2022, 2, 3), DAY),
        ("Feb. 20", D(2021, 2, 20), DAY),  # the latest Feb. 20 not after the article
        ("March 3, 2023", D(2023, 3, 3), DAY),  # explicit absolute future date is kept
    ],
)
def test_anchor_resolves_expression(expression: str, date: datetime.date, precision: DatePrecision) -> None:
    assert anchor([expression], ARTICLE) == TimeAnchor(date, precision, expression)


@pytest.mark.parametrize(
    "expression",
    ["on Tuesday", "last week", "yesterday", "in March", "two years ago", "last month", "Feb. 3", "this year"],
)
def test_anchor_relative_without_article_date_is_unknown(expression: str) -> None:
    assert anchor([expression], None) == TimeAnchor(None, None, None)


@pytest.mark.parametrize(
    ("expression", "date", "precision"),
    [
        ("in 2014", D(2014, 1, 1), YEAR),
        ("March 3, 2014", D(2014, 3, 3), DAY),
        ("March 2014", D(2014, 3, 1), MONTH),
        ("the 1990s", D(1990, 1, 1), YEAR),
    ],
)
def test_anchor_absolute_without_article_date(expression: str, date: datetime.date, precision: DatePrecision) -> None:
    assert anchor([expression], None) == TimeAnchor(date, precision, expression)


def test_anchor_no_expression_is_article_day() -> None:
    assert anchor([], ARTICLE) == TimeAnchor(ARTICLE, DAY, None)


def test_anchor_no_expression_no_article_date_is_unknown() -> None:
    assert anchor([], None) == TimeAnchor(None, None, None)


def test_anchor_first_resolving_expression_wins() -> None:
    result = anchor(["in recent weeks", "on Monday", "in 2014"], ARTICLE)
    assert result == TimeAnchor(D(2022, 2, 14), DAY, "on Monday")


@pytest.mark.parametrize("expression", ["45-year-old", "daily", "for two weeks", "four-day", "annual", "two years", "decades"])
def test_anchor_non_time_expression_counts_as_none(expression: str) -> None:
    assert anchor([expression], ARTICLE) == TimeAnchor(ARTICLE, DAY, None)


@pytest.mark.parametrize("expression", ["in recent weeks", "over the weekend", "years ago", "15"])
def test_anchor_unresolvable_time_expression_is_unknown(expression: str) -> None:
    assert anchor([expression], ARTICLE) == TimeAnchor(None, None, None)


def test_anchor_never_uses_todays_date() -> None:
    # A date-less run must not drift to the day the tests run.
    assert anchor(["today", "this week", "Feb. 3"], None) == TimeAnchor(None, None, None)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (TimeAnchor(D(2022, 1, 15), DAY, "x"), True),  # 31 days before
        (TimeAnchor(D(2022, 1, 16), DAY, "x"), False),  # exactly 30 days
        (TimeAnchor(D(2022, 2, 14), DAY, "x"), False),
        (TimeAnchor(D(2022, 3, 3), DAY, "x"), False),  # after the article
        (TimeAnchor(D(2022, 1, 1), MONTH, "x"), False),  # January ends 15 days before
        (TimeAnchor(D(2021, 12, 1), MONTH, "x"), True),  # December ends 46 days before
        (TimeAnchor(D(2022, 1, 10), WEEK, "x"), False),  # week ends Jan 16: 30 days
        (TimeAnchor(D(2022, 1, 3), WEEK, "x"), True),  # week ends Jan 9: 37 days
        (TimeAnchor(D(2021, 1, 1), YEAR, "x"), True),
        (TimeAnchor(D(2022, 1, 1), YEAR, "x"), False),
        (TimeAnchor(D(2014, 1, 1), YEAR, "since 2014"), True),
        (TimeAnchor(None, None, None), False),
    ],
)
def test_is_background_by_precision(when: TimeAnchor, expected: bool) -> None:
    assert is_background(when, ARTICLE) is expected


def test_is_background_respects_days() -> None:
    when = TimeAnchor(D(2022, 2, 1), DAY, "x")
    assert is_background(when, ARTICLE, days=13) is True
    assert is_background(when, ARTICLE, days=14) is False


def test_is_background_without_article_date_is_false() -> None:
    assert is_background(TimeAnchor(D(2014, 1, 1), YEAR, "in 2014"), None) is False


def test_is_background_of_anchor_chain() -> None:
    assert is_background(anchor(["two years ago"], ARTICLE), ARTICLE) is True
    assert is_background(anchor(["last week"], ARTICLE), ARTICLE) is False
    assert is_background(anchor([], ARTICLE), ARTICLE) is False
