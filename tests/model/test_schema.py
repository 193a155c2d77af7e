"""Output records match the packaged JSON Schema (src/flashpoint/model/records.schema.json)."""

from __future__ import annotations

import datetime
import json
from importlib.resources import files

import jsonschema
import pytest

SCHEMA = json.loads(files("flashpoint.model").joinpath("records.schema.json").read_text(encoding="utf-8"))
TEXT = (
    "The Kenyan foreign minister met his Somali counterpart in Nairobi on Monday. "
    '"We will not accept any attack on our border," she said. '
    "Al-Shabaab fighters attacked a police post in 2019, officials said. Some group nobody knows protested."
)


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.model
def test_schema_accepts_every_event_and_quote(coder):
    coded = coder.code_text(TEXT, published=datetime.date(2023, 3, 8), article_id="schema-test")
    records = [e.to_dict() for e in coded.events] + [q.to_dict() for q in coded.quotes]
    assert any(r["type"] == "event" for r in records) and any(r["type"] == "quote" for r in records)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for record in records:
        errors = sorted(validator.iter_errors(json.loads(json.dumps(record))), key=str)
        assert not errors, f"{record}: {errors[0].message}"


def test_schema_rejects_a_bad_mode():
    event = {"type": "event", "mode": "probable"}
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(event)
