"""Keeping relationships alive: who is overdue for contact, what was given and received."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from relmap.core.ids import PersonId
from relmap.core.network import Network


def last_contact(network: Network) -> dict[PersonId, date]:
    """The date of the latest interaction with each person who has one.

    Parameters
    ----------
    network
        The map, with its interactions.

    Returns
    -------
    dict[PersonId, date]
        Only people who took part in at least one interaction.
    """
    last: dict[PersonId, date] = {}
    for interaction in network.interactions.values():
        for pid in interaction.participants:
            if pid not in last or interaction.on > last[pid]:
                last[pid] = interaction.on
    return last


def overdue_count(network: Network, people: Collection[PersonId], *, today: date) -> int | None:
    """How many of ``people`` with a cadence were last met longer ago than it, or never.

    Parameters
    ----------
    network
        The map.
    people
        The people counted (others are ignored).
    today
        The day to measure from.

    Returns
    -------
    int or None
        None when the network logs no interaction at all: the count would mean nothing yet.
    """
    if not network.interactions:
        return None
    last = last_contact(network)
    count = 0
    for pid in people:
        cadence = network.people[pid].cadence_days
        if cadence is None:
            continue
        seen = last.get(pid)
        if seen is None or (today - seen).days > cadence:
            count += 1
    return count


def reciprocity(network: Network, people: Collection[PersonId]) -> tuple[int, int] | None:
    """How many exchanges I gave to and received from ``people``.

    Parameters
    ----------
    network
        The map, with its exchanges.
    people
        The people counted.

    Returns
    -------
    tuple[int, int] or None
        (given, received), or None when the network logs no exchange at all.
    """
    if not network.exchanges:
        return None
    wanted = frozenset(people)
    mine = [e for e in network.exchanges.values() if e.person in wanted]
    gave = sum(1 for e in mine if e.gave)
    return gave, len(mine) - gave
