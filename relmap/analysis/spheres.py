"""Spheres of influence as counted on the map and in the export alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from relmap.core.ids import SphereId
from relmap.core.model import Person


def sphere_counts(people: Iterable[Person]) -> Counter[SphereId]:
    """How many of ``people`` are in each sphere; me is never counted.

    Parameters
    ----------
    people
        The people counted, for example those drawn.

    Returns
    -------
    collections.Counter
        Members by sphere id; a sphere nobody is in is absent (reads as 0).
    """
    return Counter(s for p in people if not p.is_me for s in p.spheres)
