"""Counts in words: "1 person", "2 people", "1 tie", "1,200 ties", in the installed language."""

from __future__ import annotations

from collections.abc import Callable

from relmap.core.i18n import ntr, number

# Each noun's forms, spelled out so that the translation catalogue holds them.
_FORMS: dict[str, Callable[[int], str]] = {
    "person": lambda n: ntr("{n} person", "{n} people", n),
    "tie": lambda n: ntr("{n} tie", "{n} ties", n),
    "sphere": lambda n: ntr("{n} sphere", "{n} spheres", n),
    "rating": lambda n: ntr("{n} rating", "{n} ratings", n),
    "interaction": lambda n: ntr("{n} interaction", "{n} interactions", n),
    "group": lambda n: ntr("{n} group", "{n} groups", n),
    "row": lambda n: ntr("{n} row", "{n} rows", n),
}


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun`` (a key of _FORMS), in the form that goes with ``n``; thousands
    separated."""
    return _FORMS[noun](n).format(n=number(n))


def capital(text: str) -> str:
    """``text`` with its first letter in capitals, the rest as it is."""
    return text[:1].upper() + text[1:]
