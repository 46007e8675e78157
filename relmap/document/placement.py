"""From a network to layout arrays and back: places people who have no position yet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from relmap.analysis.closeness import closeness_to_me
from relmap.analysis.graph import graph_view
from relmap.core.edits import Batch, Edit, MoveNodes, Position
from relmap.core.ids import PersonId
from relmap.core.model import Person
from relmap.core.network import Network
from relmap.io.pipeline.similar import organisation_key
from relmap.layout import ego_layout, force_layout
from relmap.layout.ego import ring_of, widest_gap
from relmap.style import node_radius


@dataclass(frozen=True)
class LayoutInput:
    """A frozen snapshot of what the layout engine needs, in array form."""

    ids: list[PersonId]
    edges: np.ndarray  # (m, 2) rows into ids
    weights: np.ndarray  # (m,) larger pulls closer
    pos: np.ndarray  # (n, 2), NaN where the engine is free to choose
    fixed: np.ndarray  # (n,) bool: me and pinned people never move
    sizes: np.ndarray  # (n,) radius in scene units
    closeness: np.ndarray  # (n,) 0..1, how close my relationship is (for the ego layout)
    me: int  # row of me
    incremental: bool  # keep the current map and place the rest around it
    groups: tuple[np.ndarray, ...] = ()  # rows sharing an organisation or a sphere, 2 or more


def layout_input(network: Network, *, fresh: bool = False) -> LayoutInput:
    """Arrays for the engine. ``fresh`` lays out everyone not pinned from scratch."""
    view = graph_view(network)
    people = [network.people[pid] for pid in view.ids]
    fixed = np.array([p.is_me or p.pinned for p in people], dtype=bool)
    pos = np.full((len(people), 2), np.nan)
    for i, p in enumerate(people):
        if p.placed and (fixed[i] or not fresh):
            pos[i] = (p.x, p.y)
    me = view.me or 0
    if people and np.isnan(pos[me]).any():
        pos[me] = (0.0, 0.0)
    return LayoutInput(
        ids=list(view.ids),
        edges=view.edges,
        weights=view.weights,
        pos=pos,
        fixed=fixed,
        sizes=np.array([node_radius(p) for p in people], dtype=float),
        closeness=closeness_to_me(network, view),
        me=me,
        incremental=not fresh,
        groups=_groups(people, me),
    )


# A shared organisation or sphere pulls as hard as an average tie: a LinkedIn import, tied
# to me alone, then gathers in visible clusters instead of one disc around me, while real
# ties, which add up, still decide where a person has several.
GROUP_WEIGHT = 1.0


def _groups(people: list[Person], me: int) -> tuple[np.ndarray, ...]:
    """The rows of each organisation (legal forms aside) and each sphere of two or more
    people, me left out: the layout draws each group together."""
    members: dict[object, list[int]] = {}
    for row, person in enumerate(people):
        if row == me:
            continue
        if org := organisation_key(person.organisation):
            members.setdefault(("org", org), []).append(row)
        for sid in person.spheres:
            members.setdefault(("sphere", sid), []).append(row)
    return tuple(np.array(rows, dtype=np.int64) for rows in members.values() if len(rows) > 1)


def compute_layout(
    data: LayoutInput,
    *,
    seed: int = 0,
    ego: bool = False,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> np.ndarray:
    """Positions for every row of ``data``; fixed rows keep theirs."""
    if ego:
        out = ego_layout(
            len(data.ids),
            data.edges,
            center=data.me,
            closeness=data.closeness,
            sizes=data.sizes,
            weights=data.weights,
            groups=data.groups,
            group_weight=GROUP_WEIGHT,
            seed=seed,
            progress=progress,
            cancelled=cancelled,
        )
        centred: np.ndarray = out + (data.pos[data.me] - out[data.me])
        return centred
    return force_layout(
        len(data.ids),
        data.edges,
        weights=data.weights,
        pos=data.pos,
        fixed=data.fixed,
        sizes=data.sizes,
        seed=seed,
        groups=data.groups,
        group_weight=GROUP_WEIGHT,
        incremental=data.incremental,
        progress=progress,
        cancelled=cancelled,
    )


def ego_rings(
    data: LayoutInput, out: np.ndarray, rings: int = 5
) -> list[tuple[float, int, float]]:
    """The rings an ego layout ``out`` of ``data`` put people on, innermost first: (radius
    around me, band, the angle of the widest gap between its people, where to name it); a
    band nobody is in has no ring."""
    band = ring_of(data.closeness, rings)
    offset = out - out[data.me]
    dist = np.hypot(offset[:, 0], offset[:, 1])
    angle = np.arctan2(offset[:, 1], offset[:, 0])
    on = [(b, (np.arange(len(out)) != data.me) & (band == b)) for b in range(rings)]
    return [(float(np.median(dist[these])), b, widest_gap(angle[these]))
            for b, these in on if these.any()]


def moves_from(network: Network, data: LayoutInput, out: np.ndarray) -> dict[PersonId, Position]:
    """The positions that changed, as MoveNodes entries (pins are kept as they are)."""
    people = network.people
    return {
        pid: Position(float(out[i, 0]), float(out[i, 1]), people[pid].pinned)
        for i, pid in enumerate(data.ids)
        if not data.fixed[i] and (people[pid].x, people[pid].y) != (out[i, 0], out[i, 1])
    }


def placements(
    network: Network,
    *,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[PersonId, Position]:
    """Positions for the people who have none, around the map as it is: near the people
    they know, and near the people they share an organisation or a sphere with (a LinkedIn
    import, tied to me alone, lands by its colleagues instead of in a ring around me)."""
    data = layout_input(network)
    if not np.isnan(data.pos).any():
        return {}
    out = compute_layout(data, seed=seed, progress=progress, cancelled=cancelled)
    unplaced = np.isnan(data.pos).any(axis=1) & ~data.fixed
    return {
        data.ids[i]: Position(float(out[i, 0]), float(out[i, 1]), False)
        for i in np.flatnonzero(unplaced)
    }


def with_placements(
    edit: Edit,
    network: Network,
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Edit:
    """``edit`` and positions for the people it leaves without one, as one edit.

    The places are found on a copy of ``network`` with ``edit`` applied, around the map as
    it is; an import is then one undo step whose redo brings its people back where they
    were put. ``network`` is not changed.
    """
    scratch = network.copy()
    scratch.apply(edit)
    moves = placements(scratch, progress=progress, cancelled=cancelled)
    return Batch((edit, MoveNodes(moves))) if moves else edit
