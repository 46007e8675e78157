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
    people = [network.people[pid] for pid in view.ids]
    given, received = (np.array([getattr(p.assessment, field) for p in people], dtype=float)
                       for field in ("trust_given", "trust_received"))
    return closeness_of(view, given, received)


def closeness_of(view: GraphView, given: np.ndarray, received: np.ndarray) -> np.ndarray:
    """:func:`closeness` of every row of ``view``, from my trust in each (``given``) and
    theirs in me (``received``), NaN where unrated."""
    strongest = np.zeros(len(view), dtype=np.int8)  # of each one's ties to me; 0: none
    if view.me is not None:
        a, b = view.edges[:, 0], view.edges[:, 1]
        mine = (a == view.me) | (b == view.me)
        np.maximum.at(strongest, np.where(a == view.me, b, a)[mine], view.strengths[mine])
    values = np.column_stack([given, received, np.where(strongest > 0, strongest, np.nan)])
    known = ~np.isnan(values)
    count = known.sum(axis=1)
    out = np.full(len(view), UNKNOWN)
    rated = count > 0
    out[rated] = (np.where(known, values, 0.0).sum(axis=1)[rated] / count[rated] - 1) / 4
    if view.me is not None:
        out[view.me] = 1.0
    return out
