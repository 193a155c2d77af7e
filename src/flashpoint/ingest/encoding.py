"""Input bytes -> text, one policy for every reader: a byte-order mark, else UTF-8, else the
encoding charset-normalizer finds (issue 13: UTF-16 and Windows-1252 files were refused).

A file that mixes valid UTF-8 with other bytes is refused rather than guessed at: read as
Windows-1252 its UTF-8 would turn into mojibake ("CafÃ©"). Among the detector's least chaotic
readings Windows-1252 wins, as it does for browsers reading undeclared Western text.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass

from flashpoint.errors import IngestError

__all__ = ["BINARY_SNIFF_BYTES", "Decoded", "bom_encoding", "decode_bytes", "detect_encoding", "holds_utf8"]

log = logging.getLogger(__name__)

# Where we look for NUL bytes, the same window git and grep use to call a file binary.
BINARY_SNIFF_BYTES = 8192
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PREFERRED = "cp1252"


@dataclass(frozen=True, slots=True)
class Decoded:
    """A text and the encoding it was read in ("utf-8", "utf-16-le", "cp1252", ...)."""

    text: str
    encoding: str


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, length of its mark) when `data` starts with a byte-order mark, else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def decode_bytes(data: bytes, label: str, *, what: str = "text") -> Decoded:
    """`data` decoded by the module's policy; a guessed encoding is logged, naming `label`.

    Raises:
        IngestError: binary data (NUL bytes in the first 8 KB and no UTF-16/32 mark), bytes
            that do not decode in the encoding their mark names, UTF-8 mixed with other
            bytes, or no encoding fits. `what` names the expected content ("text", "HTML").
    """
    bom = bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        return Decoded(_strict(data, skip, encoding, label), encoding)
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise IngestError(label, f"binary file (NUL bytes in the first 8 KB), not {what}")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    guessed = None if holds_utf8(data) else detect_encoding(data)
    if guessed is None:
        raise IngestError(label, f"not UTF-8 text: undecodable byte 0x{data[first_bad]:02x} at byte offset {first_bad}")
    log.warning("%s: not UTF-8; read as %s (detected)", label, guessed)
    return Decoded(data.decode(guessed), guessed)


def detect_encoding(data: bytes) -> str | None:
    """The encoding charset-normalizer finds for `data` (Windows-1252 among the least chaotic
    readings), else None."""
    from charset_normalizer import from_bytes  # noqa: PLC0415  (only for input that is not UTF-8)

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # Coherence (letter frequencies by language) means little on a few accented names in
    # English ("café", "Zürich" read best as DOS Baltic): among the least chaotic, 1252 wins.
    tied = [m for m in matches if m.chaos == best.chaos]
    if any(_PREFERRED in m.could_be_from_charset for m in tied):
        return _PREFERRED
    return str(best.encoding)


def _strict(data: bytes, skip: int, encoding: str, label: str) -> str:
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        raise IngestError(
            label, f"not {encoding} text although it starts with its byte-order mark: "
            f"undecodable byte 0x{data[offset]:02x} at byte offset {offset}",
        ) from exc


def holds_utf8(data: bytes) -> bool:
    """Whether `data` holds a valid multi-byte UTF-8 character (so, not UTF-8 as a whole, it is
    UTF-8 with damage rather than another encoding)."""
    return any(ord(c) > 0x7F for c in data.decode("utf-8", errors="ignore"))
