"""Keeping relationships alive: who is overdue for contact, what was given and received."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from relmap.core.dates import short_date
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


@dataclass(frozen=True, slots=True)
class Drift:
    """Someone I meant to stay in touch with and have not."""

    person: PersonId
    last: date | None  # the last interaction, None if never
    cadence: int  # days
    overdue: int  # days past the cadence (since they were added, if never met)
    value: float  # their influence score: who matters most comes first
    words: str


def drifting(network: Network, *, today: date, seed: int = 0) -> list[Drift]:
    """The people with a stay-in-touch cadence whom I have not met within it.

    Parameters
    ----------
    network
        The map, with its interactions.
    today
        The day to measure from.
    seed
        Passed to the influence measures.

    Returns
    -------
    list[Drift]
        The most valuable relationships first (by influence score), then the most overdue.
    """
    from relmap.analysis.influence import influence

    last = last_contact(network)
    due = []
    for person in network.people.values():
        if person.is_me or person.cadence_days is None:
            continue
        seen = last.get(person.id)
        cadence = person.cadence_days
        overdue = (today - (seen or person.created.date())).days - cadence
        if overdue > 0:
            due.append((person, seen, cadence, overdue))
    if not due:
        return []
    score = {i.person: i for i in influence(network, seed=seed)}
    found = []
    for person, seen, cadence, overdue in due:
        met = f"last met {short_date(seen)}, {(today - seen).days} days ago" if seen else (
            "never met since you added them")
        why = score[person.id].factors[0].words  # trust, the heart of the relationship
        words = f"{met}; you meant every {cadence} days; {why}"
        found.append(Drift(person.id, seen, cadence, overdue, score[person.id].score, words))
    return sorted(found, key=lambda d: (-d.value, -d.overdue))
