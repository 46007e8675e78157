"""Counts in words."""

from __future__ import annotations

from relmap.core.words import counted


def test_one_is_singular_and_thousands_are_separated() -> None:
    assert counted(1, "person") == "1 person"
    assert counted(0, "person") == "0 people"
    assert counted(1200, "tie") == "1,200 ties"
    assert counted(1, "sphere") == "1 sphere" and counted(2, "group") == "2 groups"
