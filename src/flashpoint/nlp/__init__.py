"""The spaCy boundary: the one place a pipeline is loaded."""

from __future__ import annotations
