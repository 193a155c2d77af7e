"""Version numbers of the package and of its data formats."""

from __future__ import annotations

__version__ = "0.1.0"
# Bumped when the JSON shape of an event line changes (docs/event-schema.md).
EVENT_SCHEMA_VERSION = "1"
