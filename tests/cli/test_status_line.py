"""cli._util.StatusLine: the progress line `ingest` and `batch` redraw on a terminal."""

from __future__ import annotations

import io
import sys

from flashpoint.cli._util import StatusLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_status_line_draws_throttles_and_clears(monkeypatch):
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    line = StatusLine(every=60.0)
    assert line.due()
    line.draw("3 articles")
    assert not line.due()  # within the interval
    assert line.due(force=True)
    line.clear()
    line.clear()  # a second clear writes nothing
    assert err.getvalue() == "\r3 articles\r\033[K"


def test_status_line_silent_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert StatusLine().due(force=True) is False
