"""One decoding policy for text, HTML and JSONL input (ingest/encoding.py, issue 13): a byte-order
mark, else UTF-8, else the detected encoding (Windows-1252 among equals); the encoding is logged."""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

import pytest

from flashpoint.errors import IngestError
from flashpoint.ingest import read
from flashpoint.ingest.encoding import decode_bytes

pytestmark = pytest.mark.issue(13)

TEXT = "Talks in Genève\n\nThe président of Côte d'Ivoire met envoys from São Tomé in Genève on Monday."


@pytest.mark.parametrize(
    ("codec", "encoding"),
    [("utf-8-sig", "utf-8"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("utf-32", "utf-32-le")],
)
def test_decode_bytes_byte_order_mark_decides(codec: str, encoding: str) -> None:
    data = TEXT.encode(codec) if codec != "utf-16-be" else b"\xfe\xff" + TEXT.encode(codec)
    assert decode_bytes(data, "x") == (decoded := decode_bytes(data, "x"))
    assert (decoded.text, decoded.encoding) == (TEXT, encoding)


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_decode_bytes_not_utf8_is_detected_and_logged(codec: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="flashpoint.ingest.encoding"):
        decoded = decode_bytes(TEXT.encode(codec), "old.txt")
    assert (decoded.text, decoded.encoding) == (TEXT, "cp1252")
    assert caplog.messages == ["old.txt: not UTF-8; read as cp1252 (detected)"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Caf\xc3\xa9 and caf\xe9", "not UTF-8 text: undecodable byte 0xe9 at byte offset 13"),  # UTF-8 with damage
        (b"\xff\xfeA\x00\x00", "not utf-16-le text although it starts with its byte-order mark: undecodable byte 0x00 at byte offset 4"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (NUL bytes in the first 8 KB), not text"),
    ],
    ids=["mixed", "bad-after-mark", "binary"],
)
def test_decode_bytes_refuses_what_no_encoding_reads(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        decode_bytes(data, "in.txt")
    assert (info.value.source, info.value.reason) == ("in.txt", reason)


def _twins(tmp_path: Path, name: str, content: str) -> dict[str, Path]:
    """The same content written as UTF-8, UTF-16 (with its mark) and Latin-1, one folder each."""
    paths = {}
    for codec in ("utf-8", "utf-16", "latin-1"):
        folder = tmp_path / codec
        folder.mkdir()
        paths[codec] = folder / name
        paths[codec].write_bytes(content.encode(codec))
    return paths


def _read_one_each(paths: dict[str, Path]) -> dict[str, tuple[str, str | None]]:
    found = {}
    for codec, path in paths.items():
        [article] = list(read(path))
        found[codec] = (article.text, article.title)
    return found


def test_read_text_file_in_utf16_or_latin1_reads_as_its_utf8_twin(tmp_path: Path) -> None:
    found = _read_one_each(_twins(tmp_path, "2022-02-15-talks.txt", TEXT))
    assert found["utf-16"] == found["latin-1"] == found["utf-8"] == (TEXT.split("\n\n")[1], "Talks in Genève")


def test_read_jsonl_file_in_utf16_or_latin1_reads_as_its_utf8_twin(tmp_path: Path) -> None:
    line = json.dumps({"id": "g1", "title": "Talks in Genève", "text": TEXT.split("\n\n")[1]}, ensure_ascii=False)
    found = _read_one_each(_twins(tmp_path, "wire.jsonl", line + "\r\n\n"))
    assert found["utf-16"] == found["latin-1"] == found["utf-8"] == (TEXT.split("\n\n")[1], "Talks in Genève")


def test_read_html_file_in_utf16_reads_as_its_utf8_twin(tmp_path: Path) -> None:
    page = (f"<html><head><title>Talks in Genève</title></head><body><article><p>{TEXT.split(chr(10))[2]} "
            "Both sides agreed to reopen the crossing near the river before the harvest.</p></article></body></html>")  # fmt: skip
    found = _read_one_each(_twins(tmp_path, "talks.html", page))
    assert found["utf-16"] == found["latin-1"] == found["utf-8"]
    assert found["utf-8"][0].startswith("The président of Côte d'Ivoire")


def test_read_jsonl_utf16_gzip_and_latin1_lines_after_utf8_ones(tmp_path: Path) -> None:
    gz = tmp_path / "wire.jsonl.gz"
    gz.write_bytes(gzip.compress((json.dumps({"id": "z", "text": "Zürich hosted the talks."}, ensure_ascii=False) + "\n").encode("utf-16")))
    assert [a.text for a in read(gz)] == ["Zürich hosted the talks."]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(b'{"id": "u", "text": "Plain talks."}\n' + '{"id": "l", "text": "Talks in Malmö."}\n'.encode("latin-1"))
    assert [a.text for a in read(mixed)] == ["Plain talks.", "Talks in Malmö."]
