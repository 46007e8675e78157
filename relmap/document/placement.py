"""From a network to layout arrays and back: places people who have no position yet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from relmap.analysis.closeness import closeness_to_me
from relmap.analysis.graph import graph_view
from relmap.core.edits import Batch, Edit, MoveNodes, Position
from relmap.core.ids import PersonId
from relmap.core.model import Person
from relmap.core.network import Network
from relmap.io.pipeline.similar import organisation_key
from relmap.layout import ego_layout, force_layout
from relmap.layout.ego import ring_of
from relmap.layout.groups import hub_edges
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


GROUP_WEIGHT = 1.0  # a shared organisation or sphere pulls as hard as an average tie


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


def _with_group_hubs(data: LayoutInput) -> tuple[LayoutInput, int]:
    """``data`` with one weightless hub per group, tied to its members by a pull weaker than
    a tie's; and the number of real rows, which come first.

    A LinkedIn import ties thousands of people to me alone: without the hubs they lay out
    as one disc around me; with them, colleagues and sphere members gather in visible
    clusters, while real ties, stronger, still decide where there are any.
    """
    n, hubs = len(data.ids), len(data.groups)
    if not hubs:
        return data, n
    mean = float(data.weights.mean()) if len(data.weights) else 1.0
    pulls, weights = hub_edges(n, data.groups, GROUP_WEIGHT * mean)
    return replace(
        data,
        edges=np.vstack([data.edges.reshape(-1, 2), pulls.astype(data.edges.dtype)]),
        weights=np.concatenate([data.weights, weights]),
        pos=np.vstack([data.pos, np.full((hubs, 2), np.nan)]),
        fixed=np.concatenate([data.fixed, np.zeros(hubs, dtype=bool)]),
        sizes=np.concatenate([data.sizes, np.zeros(hubs)]),
    ), n


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
    grouped, n = _with_group_hubs(data)
    out = force_layout(
        len(grouped.pos),
        grouped.edges,
        weights=grouped.weights,
        pos=grouped.pos,
        fixed=grouped.fixed,
        sizes=grouped.sizes,
        seed=seed,
        incremental=data.incremental,
        progress=progress,
        cancelled=cancelled,
    )
    return out[:n]


def ego_rings(data: LayoutInput, out: np.ndarray, rings: int = 5) -> list[tuple[float, int]]:
    """The rings an ego layout ``out`` of ``data`` put people on: (radius around me, band),
    innermost first; a band nobody is in has no ring."""
    band = ring_of(data.closeness, rings)
    dist = np.linalg.norm(out - out[data.me], axis=1)
    others = np.arange(len(out)) != data.me
    return [(float(np.median(dist[others & (band == b)])), b)
            for b in range(rings) if (others & (band == b)).any()]


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
