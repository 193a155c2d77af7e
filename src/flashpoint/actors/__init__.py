"""Actors: noun phrases and mentions -> CAMEO actor codes as of the article date."""

from __future__ import annotations

from flashpoint.actors.resolve import ActorResolver

__all__ = ["ActorResolver"]
