"""Coding: parsed documents -> events (extraction, modality, time, quotes)."""

from __future__ import annotations
