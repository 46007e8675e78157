"""The public force-directed layout: validation and the fresh / incremental strategies."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from relmap.layout.communities import community_pull, with_communities
from relmap.layout.control import Control
from relmap.layout.fresh import layout_connected, small_mask
from relmap.layout.graph import BoolArray, FloatArray, Graph, IntArray, build_graph, components
from relmap.layout.groups import with_hubs
from relmap.layout.overlap import remove_overlaps
from relmap.layout.packing import pack_components
from relmap.layout.placement import existing_scale, mobility_around, place_new
from relmap.layout.relax import Schedule, node_pull, relax
from relmap.layout.repulsion import Repulsion
from relmap.layout.small import layout_small

EDGE_LENGTH = 80.0  # natural edge length in scene units
DEFAULT_RADIUS = 8.0  # node radius assumed when no sizes are given
GAP = 2.0  # clearance kept between node discs


def force_layout(
    n: int,
    edges: npt.ArrayLike,
    *,
    weights: npt.ArrayLike | None = None,
    pos: npt.ArrayLike | None = None,
    fixed: npt.ArrayLike | None = None,
    sizes: npt.ArrayLike | None = None,
    seed: int = 0,
    dissuade_hubs: bool = False,
    groups: Sequence[IntArray] = (),
    group_weight: float = 1.0,
    communities: float | None = None,
    incremental: bool | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FloatArray:
    """Lay out a graph with forces: multilevel Fruchterman-Reingold, FFT-accelerated repulsion.

    The graph is coarsened by heavy-edge matching; the coarsest level starts from pivot
    MDS; each finer level starts from the coarser layout and relaxes with springs and a
    particle-mesh (FFT) plus exact near-pair repulsion, about O(n log n) per iteration.
    On large graphs the ties inside a community pull harder, so that communities
    read as clusters instead of one even disc. Components are laid out one by one (tiny
    ones together) and packed around the largest or the pinned ones; a last pass removes
    any disc overlap.

    Parameters
    ----------
    n : int
        Number of nodes.
    edges : array_like of int, shape (m, 2)
        Node index pairs. Duplicates and both directions are merged, self loops ignored.
    weights : array_like of float, shape (m,), optional
        Tie strengths > 0; a stronger tie pulls its ends closer.
    pos : array_like of float, shape (n, 2), optional
        Start positions; rows with NaN are new, unplaced nodes.
    fixed : array_like of bool, shape (n,), optional
        Pinned nodes: they keep their exact ``pos`` (which must be finite).
    sizes : array_like of float, shape (n,), optional
        Node radii; no two discs overlap in the result (pinned pairs excepted). Defaults to
        8 units for every node.
    seed : int
        Seed of every random choice: same inputs and seed give the same bits.
    dissuade_hubs : bool
        A node feels its springs in inverse proportion to its degree (ForceAtlas2's
        "dissuade hubs"), so hubs drift to the borders of their groups while the people
        around them keep their places.
    groups : sequence of int arrays, optional
        Nodes that belong together (an organisation, a sphere): each group's members are
        tied to a hub of their own, with ``group_weight`` next to an average tie's 1, so that
        they gather even when no tie joins them.
    group_weight : float
        How hard a group holds its members together.
    communities : float, optional
        How much harder a tie inside one of the graph's communities (Leiden) pulls than a
        tie between them, so that communities read as clusters (1 turns it off). By default
        1 up to 300 nodes, where forces alone show the groups, growing to 20 at 10,000.
    incremental : bool, optional
        Keep placed nodes nearly still and place new nodes near their placed neighbours.
        Default: True when ``pos`` has at least one finite row.
    progress : callable, optional
        Called with a growing fraction in 0..1, a few dozen times at most.
    cancelled : callable, optional
        Polled regularly; once it returns True the call raises :class:`LayoutCancelled`.

    Returns
    -------
    ndarray, shape (n, 2)
        Positions in scene units: the natural edge length is 80 units (graphs with many
        long-range ties stretch theirs), discs of ``sizes`` never overlap. Laid out from
        scratch without pinned nodes, the result is centred on the origin.

    Raises
    ------
    ValueError
        On malformed arrays, or a pinned node without a finite position.
    LayoutCancelled
        When ``cancelled`` returned True.
    """
    graph = build_graph(n, edges, weights)
    start, pinned, radii = _validate(n, pos, fixed, sizes)
    pull = community_pull(n) if communities is None else communities
    graph = with_communities(graph, pull, pinned, seed)
    every_pinned = bool(n) and bool(pinned.all())
    if groups:
        graph, start, pinned, radii = with_hubs(graph, start, pinned, radii, groups,
                                                group_weight)
    control = Control(progress, cancelled)
    control.check()
    placed: BoolArray = np.asarray(np.isfinite(start).all(axis=1), dtype=bool)
    if incremental is None:
        incremental = bool(placed.any())
    rng = np.random.default_rng(seed)
    work = control.stage(0.0, 0.92)
    fresh = not (incremental and placed.any())
    if every_pinned:
        out = start.copy()
    elif fresh:
        out = _fresh(graph, start, pinned, radii, rng, dissuade_hubs, work)
    else:
        out = _incremental(graph, start, placed, pinned, radii, rng, dissuade_hubs, work)
    out, start, pinned, radii = out[:n], start[:n], pinned[:n], radii[:n]  # the hubs go
    out = remove_overlaps(out, radii, movable=~pinned, gap=GAP, control=control.stage(0.92, 1.0))
    out[pinned] = start[pinned]
    if fresh and n and not pinned.any():
        out -= out.mean(axis=0)
    control.report(1.0)
    return out


def _validate(
    n: int, pos: npt.ArrayLike | None, fixed: npt.ArrayLike | None, sizes: npt.ArrayLike | None
) -> tuple[FloatArray, BoolArray, FloatArray]:
    start = np.full((n, 2), np.nan) if pos is None else np.array(pos, dtype=np.float64)
    if start.shape != (n, 2):
        raise ValueError(f"pos must have shape ({n}, 2), got {start.shape}")
    start[~np.isfinite(start).all(axis=1)] = np.nan
    pinned = np.zeros(n, dtype=bool) if fixed is None else np.asarray(fixed, dtype=bool)
    if pinned.shape != (n,):
        raise ValueError(f"fixed must have shape ({n},), got {pinned.shape}")
    if np.isnan(start[pinned]).any():
        raise ValueError("fixed nodes need finite positions in pos")
    radii = np.full(n, DEFAULT_RADIUS) if sizes is None else np.asarray(sizes, dtype=np.float64)
    if radii.shape != (n,) or not np.all(np.isfinite(radii) & (radii >= 0)):
        raise ValueError(f"sizes must be {n} finite radii >= 0")
    return start, pinned, radii


def _fresh(
    graph: Graph, start: FloatArray, pinned: BoolArray, radii: FloatArray,
    rng: np.random.Generator, dissuade_hubs: bool, control: Control,
) -> FloatArray:
    """Lay out every component from scratch and pack them around the pinned ones."""
    parts = components(graph)
    out = _lay_parts(
        graph, parts, start, pinned, radii, EDGE_LENGTH, rng, dissuade_hubs, control
    )
    anchored = [p for p in parts if pinned[p].any()]
    if anchored:
        anchor = np.concatenate(anchored)
        loose = [p for p in parts if not pinned[p].any()]
    else:
        anchor, loose = (parts[0], parts[1:]) if parts else (np.zeros(0, np.int64), [])
    return pack_components(out, anchor, loose, radii, 0.5 * EDGE_LENGTH)


def _lay_parts(
    graph: Graph, parts: list[IntArray], start: FloatArray, pinned: BoolArray,
    radii: FloatArray, k: float, rng: np.random.Generator, dissuade_hubs: bool,
    control: Control,
) -> FloatArray:
    """Positions for the nodes of ``parts``, each component laid out on its own."""
    out = np.zeros((graph.n, 2))
    small = small_mask(parts, pinned)
    total = max(sum(p.size for p in parts), 1)
    done = 0
    for part, is_small in zip(parts, small, strict=True):
        if is_small:
            continue
        sub = graph.subgraph(part)
        local = np.flatnonzero(pinned[part])
        anchors = (local, start[part][local]) if local.size else None
        stage = control.stage(done / total, (done + part.size) / total)
        out[part] = layout_connected(
            sub, k=k, rng=rng, dissuade_hubs=dissuade_hubs, anchors=anchors,
            radii=radii[part] + GAP / 2, control=stage,
        )
        done += part.size
    smalls = [p for p, s in zip(parts, small, strict=True) if s]
    if smalls:
        nodes = np.sort(np.concatenate(smalls))
        local_index = np.full(graph.n, -1, dtype=np.int64)
        local_index[nodes] = np.arange(nodes.size)
        sub = graph.subgraph(nodes)
        stage = control.stage(done / total, 1.0)
        local_parts = [local_index[p] for p in smalls]
        out[nodes] = layout_small(sub, local_parts, k=k, rng=rng, control=stage)
    return out


def _incremental(
    graph: Graph, start: FloatArray, placed: BoolArray, pinned: BoolArray, radii: FloatArray,
    rng: np.random.Generator, dissuade_hubs: bool, control: Control,
) -> FloatArray:
    """Keep placed nodes, add new ones near their neighbours and relax locally."""
    k = existing_scale(graph, start, placed, EDGE_LENGTH)
    parts = components(graph)
    out = start.copy()
    held = placed | pinned
    # Components mostly new are laid out afresh around their placed nodes, held still.
    for part in (p for p in parts if 0 < placed[p].sum() < (~placed[p]).sum()):
        local = np.flatnonzero(placed[part])
        out[part] = layout_connected(
            graph.subgraph(part), k=k, rng=rng, dissuade_hubs=dissuade_hubs,
            anchors=(local, start[part][local]), radii=radii[part] + GAP / 2,
            control=control.stage(0.0, 0.4),
        )
        held[part] = True
    out, now = place_new(graph, out, held, k=k, rng=rng)
    if (now & ~held).any():
        active = np.flatnonzero(now)
        out[active] = _settle(
            graph.subgraph(active), out[active], now[active] & ~held[active], pinned[active],
            radii[active], k, dissuade_hubs, control.stage(0.4, 0.8),
        )
    unplaced = [p for p in parts if not placed[p].any()]
    if unplaced:
        fresh = _lay_parts(
            graph, unplaced, start, pinned, radii, k, rng, dissuade_hubs, control.stage(0.8, 1.0)
        )
        nodes = np.concatenate(unplaced)
        out[nodes] = fresh[nodes]
        out = pack_components(out, np.flatnonzero(now), unplaced, radii, 0.5 * k)
    return out


def _settle(
    graph: Graph, pos: FloatArray, new: BoolArray, pinned: BoolArray, radii: FloatArray,
    k: float, dissuade_hubs: bool, control: Control,
) -> FloatArray:
    """Relax newcomers into place while old nodes near them give way a little.

    Repulsion is local (one edge length): a new person settles next to their friends
    instead of being squeezed out by the pressure of a whole map that holds still.
    """
    repulsion = Repulsion(
        strength=k * k, cutoff=k, mass=np.ones(graph.n), radii=radii + GAP / 2, local=True
    )
    return relax(
        pos, graph, repulsion, k=k, schedule=Schedule(40, 0.6 * k, 0.02 * k),
        mobility=mobility_around(graph, new, pinned), pull=node_pull(graph, dissuade_hubs),
        control=control,
    )
