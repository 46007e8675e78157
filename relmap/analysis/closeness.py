"""How close my relationship with each person is, from trust both ways and our tie."""

from __future__ import annotations

import numpy as np

from relmap.analysis.graph import GraphView
from relmap.core.model import Person
from relmap.core.network import Network

UNKNOWN = 0.4  # a person with no rating and no tie to me: a little below the middle


def closeness(person: Person, strength_to_me: int | None) -> float:
    """0..1 from my trust in them, theirs in me and the strength of our tie.

    Parameters
    ----------
    person
        Anyone on the map; me is 1.
    strength_to_me
        The strength (1–5) of our strongest tie, or None when we have none.

    Returns
    -------
    float
        The mean of the known values scaled from 1–5 to 0–1, or ``UNKNOWN`` when none is.
    """
    a = person.assessment
    values = [v for v in (a.trust_given, a.trust_received, strength_to_me) if v is not None]
    if person.is_me:
        return 1.0
    return (sum(values) / len(values) - 1) / 4 if values else UNKNOWN


def closeness_to_me(network: Network, view: GraphView) -> np.ndarray:
    """:func:`closeness` of every row of ``view``.

    Parameters
    ----------
    network
        The network ``view`` was built from.
    view
        Its graph view.

    Returns
    -------
    numpy.ndarray
        (n,) floats in 0..1; all ``UNKNOWN`` but me when the map has no me.
    """
    to_me: dict[int, int] = {}
    if view.me is not None:
        for tid, (a, b) in zip(view.tie_ids, view.edges.tolist(), strict=True):
            if view.me in (a, b):
                other = b if a == view.me else a
                to_me[other] = max(to_me.get(other, 0), network.ties[tid].strength)
    people = network.people
    return np.array(
        [closeness(people[pid], to_me.get(i)) for i, pid in enumerate(view.ids)], dtype=float
    )
