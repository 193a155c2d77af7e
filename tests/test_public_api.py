"""The public surface: __all__ complete, sorted and importable; import is cheap."""

from __future__ import annotations

import subprocess
import sys

import flashpoint


def test_public_api_all_sorted_and_importable():
    assert flashpoint.__all__ == sorted(flashpoint.__all__)
    for name in flashpoint.__all__:
        assert getattr(flashpoint, name) is not None


def test_public_api_import_loads_no_spacy():
    code = "import sys, flashpoint; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
