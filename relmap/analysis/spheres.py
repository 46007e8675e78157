"""Spheres of influence as counted on the map and in the export alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from relmap.core.ids import PersonId, SphereId
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


class SphereCount:
    """``sphere_counts`` of a map and how many are in no sphere (me never counted), kept up
    to date from the people an edit changed: counting the whole of a 100,000-person map
    again took 66 ms of a 170 ms rename, profiled."""

    def __init__(self, people: Iterable[Person]) -> None:
        self._spheres = {p.id: p.spheres for p in people if not p.is_me}
        self._counts = Counter(s for spheres in self._spheres.values() for s in spheres)
        self._alone = sum(1 for spheres in self._spheres.values() if not spheres)

    def update(self, people: Mapping[PersonId, Person], changed: Iterable[PersonId]) -> None:
        """Count again those ``changed`` (added, removed or updated) among ``people``."""
        for pid in changed:
            was = self._spheres.pop(pid, None)
            if was is not None:
                self._counts.subtract(was)
                self._alone -= not was
            person = people.get(pid)
            if person is not None and not person.is_me:
                self._spheres[pid] = person.spheres
                self._counts.update(person.spheres)
                self._alone += not person.spheres

    @property
    def counts(self) -> Counter[SphereId]:
        """Members by sphere; a sphere nobody is in is absent."""
        return +self._counts

    @property
    def alone(self) -> int:
        """How many are in no sphere."""
        return self._alone
