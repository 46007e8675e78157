"""Counts in words: "1 person", "2 people", "1 tie", "1,200 ties"."""

from __future__ import annotations

_PLURALS = {"person": "people", "sphere": "spheres", "tie": "ties"}


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is 1; thousands separated."""
    return f"{n:,} {noun if n == 1 else _PLURALS.get(noun, noun + 's')}"
