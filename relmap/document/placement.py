"""From a network to layout arrays and back: places people who have no position yet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from relmap.analysis.closeness import closeness_to_me
from relmap.analysis.graph import graph_view
from relmap.core.edits import Batch, Edit, MoveNodes, Position
from relmap.core.ids import PersonId
from relmap.core.network import Network
from relmap.io.pipeline.similar import organisation_key
from relmap.layout import ego_layout, force_layout
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
    )


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
        incremental=data.incremental,
        progress=progress,
        cancelled=cancelled,
    )


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
    they know, and near the people they share an organisation or a sphere with."""
    data = layout_input(network)
    if not np.isnan(data.pos).any():
        return {}
    data = _with_shared(network, data)
    out = compute_layout(data, seed=seed, progress=progress, cancelled=cancelled)
    unplaced = np.isnan(data.pos).any(axis=1) & ~data.fixed
    return {
        data.ids[i]: Position(float(out[i, 0]), float(out[i, 1]), False)
        for i in np.flatnonzero(unplaced)
    }


SHARED_PULLS = 3  # people of the same organisation or sphere a newcomer is drawn towards
SHARED_WEIGHT = 1.0  # how hard, next to a tie's pull


def _with_shared(network: Network, data: LayoutInput) -> LayoutInput:
    """``data`` with a pull between each person without a place and a few of the people on
    the map who share their organisation (else a sphere): a LinkedIn import, tied only to
    me, then lands by its colleagues instead of in a ring around me. (A first import has
    nobody to land by: it is laid out as it is.)"""
    placed = ~np.isnan(data.pos).any(axis=1)
    unplaced = np.flatnonzero(~placed & ~data.fixed)
    if not len(unplaced):
        return data
    anchors: dict[object, list[int]] = {}  # the placed people of each organisation and sphere
    for row in np.flatnonzero(placed).tolist():
        person = network.people[data.ids[row]]
        if person.is_me:
            continue
        if org := organisation_key(person.organisation):
            anchors.setdefault(("org", org), []).append(row)
        for sid in person.spheres:
            anchors.setdefault(("sphere", sid), []).append(row)
    extra: list[tuple[int, int]] = []
    for row in unplaced.tolist():
        person = network.people[data.ids[row]]
        keys = [("org", organisation_key(person.organisation)),
                *(("sphere", s) for s in sorted(person.spheres))]
        mates = next((anchors[k] for k in keys if k in anchors), [])
        extra += [(row, r) for r in mates[:SHARED_PULLS]]
    if not extra:
        return data
    edges = np.vstack([data.edges.reshape(-1, 2), np.array(extra, dtype=data.edges.dtype)])
    weights = np.concatenate([data.weights, np.full(len(extra), SHARED_WEIGHT)])
    return replace(data, edges=edges, weights=weights)


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
