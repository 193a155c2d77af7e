"""Boilerplate rules (resources/boilerplate.py, text/boilerplate.tsv): what they mark, and
validation errors that name path:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.errors import DataError
from flashpoint.resources._tables import data_path
from flashpoint.resources.boilerplate import load_boilerplate


@pytest.fixture(scope="module")
def boilerplate():
    return load_boilerplate(data_path("text/boilerplate.tsv"))


@pytest.mark.parametrize(
    ("line", "marked"),
    [
        ("Image copyright Getty Images", "Image copyright Getty Images"),
        ("Image caption Soldiers patrol the empty market", "Image caption Soldiers patrol the empty market"),
        ("Enlarge this image toggle caption Jane Roe/Wire", "Enlarge this image toggle caption Jane Roe/Wire"),
        ("Smoke rises over the harbour. (AP Photo/Jane Roe)", "Smoke rises over the harbour. (AP Photo/Jane Roe)"),
        ("Smoke rises over the harbour (Photo: Jane Roe)", "Smoke rises over the harbour (Photo: Jane Roe)"),
        ("By Jane Doe", "By Jane Doe"),
        ("By Jane Doe and John Roe, CNN Senior Correspondent", "By Jane Doe and John Roe, CNN Senior Correspondent"),
        ("Jane Doe, Reuters", "Jane Doe, Reuters"),
        ("Jane Doe Staff Writer", "Jane Doe Staff Writer"),
        ("The Associated Press contributed to this report.", "The Associated Press contributed to this report."),
        ("Reuters", "Reuters"),
        ("MOSCOW (Reuters) - Russia said on Monday it would respond.", "MOSCOW (Reuters) -"),
        ("BEIRUT — Israeli jets struck the city overnight.", "BEIRUT —"),
        ("[Passage omitted] The minister then turned to the budget.", "[Passage omitted]"),
        ("The talks will resume next week. (Editing by John Roe)", "(Editing by John Roe)"),
        ("Read more: How the ceasefire collapsed", "Read more: How the ceasefire collapsed"),
        ("Sign up for our daily briefing", "Sign up for our daily briefing"),
        ("Follow Jane Doe on Twitter", "Follow Jane Doe on Twitter"),
        ("Text of report by the state news agency", "Text of report by the state news agency"),
        ("Source: state radio, in English 0900 gmt 3 Jun 04", "Source: state radio, in English 0900 gmt 3 Jun 04"),
        ("© 2020 Wire Service. All rights reserved.", "© 2020 Wire Service. All rights reserved."),
        (
            "The Associated Press Climate Desk receives support from a private foundation.",
            "The Associated Press Climate Desk receives support from a private foundation.",
        ),
        ("The candidate receives support from young voters.", None),
        # news text that looks close but is not boilerplate
        ("Source: the minister said the talks would resume.", None),
        ("By Monday, Russia had withdrawn its troops.", None),
        ("By the same token, the talks could fail.", None),
        ("Reuters reported that the talks had failed.", None),
        ("Share prices fell sharply in Moscow.", None),
        ("Rebels attacked the convoy near the border.", None),
    ],
)
def test_boilerplate_spans_mark_lines(boilerplate, line: str, marked: str | None) -> None:
    text = f"Rebels shelled the port.\n{line}\nThe army withdrew."
    spans = boilerplate.spans(text)
    assert [text[s:e] for s, e in spans] == ([marked] if marked else [])


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("footer\tline\tAbout us\tnot a kind", "unknown kind 'footer'"),
        ("promo\tpage\tAbout us\tnot a scope", "unknown scope 'page'"),
        ("promo\tline\tRead (more\tunbalanced", "bad pattern"),
        ("promo\tline\t(?:x)?\tmatches nothing at all", "matches the empty string"),
    ],
)
def test_load_boilerplate_error_names_path_and_line(tmp_path: Path, row: str, reason: str) -> None:
    path = tmp_path / "boilerplate.tsv"
    path.write_text("# rules\nkind\tscope\tpattern\tnote\npromo\tline\tRead more\tfine\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=reason) as caught:
        load_boilerplate(path)
    assert str(caught.value).startswith(f"{path}:4: ")
