"""Every CAMEO root, coded from a sentence written for this test."""

from __future__ import annotations

import datetime

import pytest

pytestmark = pytest.mark.model

# (sentence, expected root, expected source code, expected target code or None to skip)
CASES = [
    ("The Japanese government declined to comment on the report.", "01", "JPNGOV", None),
    ("Lebanon appealed to the United Nations for humanitarian aid.", "02", "LBN", "IGOUNO"),
    ("Ethiopia pledged to provide economic assistance to Somalia.", "03", "ETH", "SOM"),
    ("The Kenyan president visited Uganda on Monday.", "04", "KENGOV", "UGA"),
    ("Brazil praised Argentina for its handling of the crisis.", "05", "BRA", "ARG"),
    ("Poland shared intelligence with Lithuania about the smuggling network.", "06", "POL", "LTU"),
    ("Germany sent humanitarian aid to Turkey after the earthquake.", "07", "DEU", "TUR"),
    ("Colombian rebels released two hostages on Sunday.", "08", "COLREB", None),
    ("The United Nations launched an investigation into the killings in Myanmar.", "09", "IGOUNO", None),
    ("Protesters demanded the resignation of the Peruvian president.", "10", None, "PERGOV"),
    ("China condemned Japan's decision to release the water.", "11", "CHN", "JPN"),
    ("Israel rejected the proposal from Egypt.", "12", "ISR", "EGY"),
    ("North Korea threatened to attack South Korea.", "13", "PRK", "KOR"),
    ("Thousands of protesters demonstrated against the Thai government in Bangkok.", "14", None, "THAGOV"),
    ("Pakistan mobilized troops along the border with India.", "15", "PAK", None),
    ("Morocco cut diplomatic ties with Algeria.", "16", "MAR", "DZA"),
    ("Turkish police arrested twelve journalists in Istanbul.", "17", "TURCOP", None),
    ("Gunmen abducted a Canadian engineer in Nigeria.", "18", None, "CAN"),
    ("Russian forces shelled the Ukrainian city of Kharkiv.", "19", "RUSMIL", "UKR"),
    ("Syrian government forces used chemical weapons against civilians.", "20", "SYR", None),
]


@pytest.mark.parametrize("text,root,source,target", CASES, ids=[c[1] for c in CASES])
def test_root_coded(coder, text, root, source, target):
    events = coder.code_text(text, published=datetime.date(2021, 6, 1)).events
    hits = [e for e in events if e.root == root and e.is_fact]
    assert hits, f"{root} not coded: {[e.to_dict() for e in events]}"
    event = hits[0]
    if source is not None:
        assert event.source is not None and event.source.code.startswith(source)
    if target is not None:
        assert any(e.target is not None and e.target.code == target for e in hits)


def test_roots_cover_all_twenty():
    assert sorted({c[1] for c in CASES}) == [f"{i:02d}" for i in range(1, 21)]
