"""Sphere hulls for the canvas, recomputed only for the spheres whose members moved or changed."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np

from relmap.core.ids import PersonId, SphereId
from relmap.core.network import Network
from relmap.render.hulls import Grouping, median_gap, sphere_hulls
from relmap.style import NODE_RADIUS

HULL_LINK = 4.0  # members closer than this many median neighbour gaps share a hull
HULL_PAD = 2.2 * NODE_RADIUS
HULL_MIN = 3  # a pair is shown by its colours; a hull starts at three people

Polygon = tuple[str, np.ndarray]


class HullCache:
    """Polygons by sphere; ``forget`` the spheres whose members moved, joined or left."""

    def __init__(self) -> None:
        self._polygons: dict[SphereId, list[Polygon]] = {}
        # Each sphere's last hulls by their group's points: the groups nobody left, joined or
        # moved in keep their polygons (and the layer keeps their cached rendering).
        self._outlines: dict[SphereId, dict[bytes, np.ndarray]] = {}
        self._link: float | None = None
        self._spheres_of: dict[PersonId, frozenset[SphereId]] = {}
        self._rows: dict[SphereId, np.ndarray] = {}  # each sphere's members' rows
        self._groupings: dict[SphereId, Grouping] = {}  # each sphere's groups as they stood

    def forget(self, spheres: Collection[SphereId] | None = None, *,
               members: bool = True) -> None:
        """Recompute these spheres next time (all of them, and the link distance, if None),
        their members too unless not ``members`` (only where they are changed)."""
        if spheres is None:
            self._polygons.clear()
            self._rows.clear()
            self._groupings.clear()
            self._link = None
            return
        for sid in spheres:
            self._polygons.pop(sid, None)
            if members:
                self._rows.pop(sid, None)

    def renumber(self, new_row: np.ndarray) -> None:
        """Members' rows renumbered as ``new_row[old]`` after people went (-1 for theirs)."""
        for sid, rows in self._rows.items():
            rows = new_row[rows]
            self._rows[sid] = rows[rows >= 0]

    def forget_people(self, network: Network, people: Collection[PersonId]) -> None:
        """Forget the spheres these people are in, or were in before this change."""
        kept: set[SphereId] = set()  # the same members, some of them moved
        changed: set[SphereId] = set()  # people joined or left
        for pid in people:
            now = network.people[pid].spheres if pid in network.people else frozenset()
            before = self._spheres_of.get(pid, frozenset())
            kept |= now & before
            changed |= now ^ before
            self._spheres_of[pid] = now
        self.forget(kept - changed, members=False)
        self.forget(changed)

    def polygons(
        self,
        network: Network,
        row: Mapping[PersonId, int],
        pos: np.ndarray,
        shown: np.ndarray,
        focus: frozenset[SphereId],
    ) -> list[Polygon]:
        """(colour, polygon) around each sphere's shown members (only ``focus`` if set);
        ``row`` gives each person's row of ``pos`` and ``shown``."""
        if len(row) < 2:
            return []
        if self._link is None:
            self._link = HULL_LINK * median_gap(pos) + 1e-6
        wanted = [s for s in sorted(network.spheres) if not focus or s in focus]
        for sid in wanted:
            if sid not in self._polygons:
                self._polygons[sid] = self._compute(network, row, pos, shown, sid)
        return [polygon for sid in wanted for polygon in self._polygons[sid]]

    def _compute(
        self,
        network: Network,
        row: Mapping[PersonId, int],
        pos: np.ndarray,
        shown: np.ndarray,
        sphere: SphereId,
    ) -> list[Polygon]:
        rows = self._rows.get(sphere)
        if rows is None:
            members, people = network.members(sphere), network.people
            self._spheres_of.update((pid, people[pid].spheres) for pid in members)
            rows = self._rows[sphere] = np.sort(np.fromiter(
                (r for pid in members if (r := row.get(pid)) is not None), dtype=np.intp))
        rows = rows[shown[rows]]
        if len(rows) < HULL_MIN:
            return []
        assert self._link is not None
        colour = network.spheres[sphere].colour
        outlines = self._outlines[sphere] = sphere_hulls(
            pos[rows], pad=HULL_PAD, min_size=HULL_MIN, earlier=self._outlines.get(sphere),
            grouping=self._groupings.setdefault(sphere, Grouping(self._link)))
        return [(colour, polygon) for polygon in outlines.values()]
