"""Layout from scratch of one connected component: multilevel, pivot MDS at the top."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from relmap.layout.control import Control
from relmap.layout.graph import BoolArray, FloatArray, Graph, IntArray
from relmap.layout.multilevel import Level, hierarchy, prolong
from relmap.layout.overlap import spread_for_sizes
from relmap.layout.pivot_mds import pivot_mds
from relmap.layout.relax import RepulsionModel, Schedule, natural_scale, node_pull, relax
from relmap.layout.repulsion import ExactRepulsion, Repulsion

SMALL = 24  # smaller components without pinned nodes go to small.py, all at once
PIVOTS = 50
EXACT_BELOW = 150  # levels this small use exact all-pairs repulsion
CUTOFF = 1.5  # initial near-field radius at the top level, in node spacings
AREA_PER_NODE = 1.0  # start-layout area per node, in squared edge lengths
PROLONG_JITTER = 0.3  # spread of children around their group, in coarse spacings
SHORT_ABOVE = 2_000  # bigger graphs relax half as long (see schedule_for)
JUMP_FROM = 4.0  # a level this many times the size of the one above it steps further
SATELLITES_ABOVE = 300  # bigger graphs draw a person of one tie beside its other end
SATELLITES_UP_TO = 5  # ... if that end has at most this many: each nearer it than to the others


def schedule_for(level: int, n: int, spacing: float, finest: int, jump: float = 1.0
                 ) -> Schedule:
    """Iterations and step limits at one level (0 = finest) of ``n`` nodes, ``jump`` times
    as many as the level above it.

    Small graphs get a long, cool finish: with exact repulsion it costs a few tens of
    milliseconds and measurably improves how well neighbours end up next to each other.
    Coarse levels far smaller than the finest (``finest`` nodes) are cheap and settle the
    global shape, so they get long runs; the big ones just below the finest stay short.
    Graphs of more than SHORT_ABOVE nodes relax half as long at every level: their many
    levels have settled them, and the time saved is most of the layout's.

    A level more than JUMP_FROM times the size of the one above it was not settled by it:
    the leaves of a star fold into their hub in one step (a LinkedIn import, each person
    tied to me and to their organisation's hub), so each coarse node's children start
    stacked where it was and have to spread over ``jump`` times its area. Such a level
    relaxes the full length, its first steps sqrt(jump / JUMP_FROM) times as long. Without
    that, 10,000 people in ten organisations each ended as a dense core in a cloud of
    its members a hundred spacings wide.
    """
    share = 0.5 if finest > SHORT_ABOVE and jump <= JUMP_FROM else 1.0
    reach = math.sqrt(max(jump / JUMP_FROM, 1.0)) * spacing
    if level == 0:
        if n <= EXACT_BELOW:
            return Schedule(300, reach, 0.002 * spacing)
        return Schedule(round(80 * share), reach, 0.02 * spacing)
    iterations = 100 if n <= 100 or 8 * n <= finest else 40
    return Schedule(round(iterations * share), 1.5 * reach, 0.05 * spacing)


@dataclass(frozen=True)
class _Job:
    """What every level of one component's layout needs to know."""

    n: int
    k: float
    rng: np.random.Generator
    dissuade_hubs: bool
    anchors: tuple[IntArray, FloatArray] | None
    radii: FloatArray


def layout_connected(
    graph: Graph,
    *,
    k: float,
    rng: np.random.Generator,
    dissuade_hubs: bool,
    anchors: tuple[IntArray, FloatArray] | None,
    radii: FloatArray,
    control: Control,
) -> FloatArray:
    """Lay out one connected graph: coarsen, lay out the top, refine level by level.

    ``anchors`` (node indices, their fixed positions) pins those nodes: before the finest
    relaxation the layout is rotated and moved to fit them best, so the rest arranges
    around them. ``radii`` (node radius plus half the wanted gap) set the final zoom that
    makes room for the discs.
    """
    job = _Job(graph.n, k, rng, dissuade_hubs, anchors, radii)
    levels = hierarchy(graph, rng)
    jumps = [lv.graph.n / up.graph.n for lv, up in pairwise(levels)] + [1.0]
    pos = _top_layout(levels[-1].graph, job, control.stage(0.0, 0.05))
    work = np.array([lv.graph.n * schedule_for(i, lv.graph.n, 1.0, job.n, jumps[i]).iterations
                     for i, lv in enumerate(levels)], dtype=np.float64)
    ends = 0.05 + 0.95 * np.cumsum(work[::-1]) / work.sum()
    cutoff = CUTOFF * _spacing(job, levels[-1])
    for step, depth in enumerate(range(len(levels) - 1, -1, -1)):
        if depth < len(levels) - 1:
            coarse = _spacing(job, levels[depth + 1])
            pos = prolong(pos, levels[depth], PROLONG_JITTER * coarse, rng)
            cutoff *= _spacing(job, levels[depth]) / coarse
        stage = control.stage(0.05 if step == 0 else ends[step - 1], ends[step])
        pos, cutoff = _refine(pos, levels[depth], depth, jumps[depth], job, cutoff, stage)
    # Make room for the discs by zooming about the centroid or the pinned nodes, which stay.
    centre: FloatArray = pos.mean(axis=0) if anchors is None else anchors[1].mean(axis=0)
    pos = centre + (pos - centre) * spread_for_sizes(pos, radii, 0.0)
    still = np.zeros(graph.n, dtype=bool)
    if anchors is not None:
        pos[anchors[0]] = anchors[1]
        still[anchors[0]] = True
    if graph.n > SATELLITES_ABOVE:
        pos = beside_their_tie(pos, graph, radii, still)
    return pos


def beside_their_tie(pos: FloatArray, graph: Graph, radii: FloatArray, still: BoolArray
                     ) -> FloatArray:
    """``pos`` with each node of one tie moved beside the node at its other end, just clear
    of its disc (``radii``: radius and half the gap); several of one node go round it evenly,
    the first on the side where it was.

    Forces fling the people who know one person on a large map out to its rim: at 10,000
    people (the SBM of benchmarks/bench_layout.py), 55 times the typical gap between
    neighbours away from that person. Nodes ``still`` stay, and so do the ones of a node with
    more than SATELLITES_UP_TO of them: thousands tied only to me stay spread around me as
    the forces put them.
    """
    one = np.flatnonzero((graph.degree == 1) & ~still)
    other = graph.adjacency[one].indices  # one neighbour each, in the order of ``one``
    order = np.argsort(other, kind="stable")
    one, other = one[order], other[order]
    _, first, count = np.unique(other, return_index=True, return_counts=True)
    first, count = np.repeat(first, count), np.repeat(count, count)  # each one's, by its end
    away = pos[one[first]] - pos[other]  # where the first of its end's was
    angle = np.arctan2(away[:, 1], away[:, 0]) + 2 * np.pi * (np.arange(one.size) - first) / count
    keep = count <= SATELLITES_UP_TO
    one, other, angle = one[keep], other[keep], angle[keep]
    out = pos.copy()
    out[one] = pos[other] + (1.05 * (radii[one] + radii[other]))[:, None] * np.column_stack(
        [np.cos(angle), np.sin(angle)])
    return out


def _spacing(job: _Job, level: Level) -> float:
    """Typical distance between the nodes of a level (each holds n / size originals)."""
    return job.k * math.sqrt(job.n / level.graph.n)


def _refine(
    pos: FloatArray, level: Level, depth: int, jump: float, job: _Job, cutoff: float,
    control: Control,
) -> tuple[FloatArray, float]:
    """Relax one level (``jump`` times the size of the one above it); return its positions
    and the near-field cutoff it settled on."""
    spacing = _spacing(job, level)
    mobility = np.ones(level.graph.n)
    mass = level.mass / level.mass.mean()
    pull = node_pull(level.graph, job.dissuade_hubs)
    if depth == 0 and job.anchors is not None:
        idx, target = job.anchors
        pos = align(balanced(pos, level.graph, idx), idx, target)
        pos[idx] = target
        mobility[idx] = 0.0
    else:
        centre = pos.mean(axis=0)
        pos = centre + (pos - centre) * natural_scale(
            pos, level.graph, spacing, pull, mass, spacing**2
        )
    # Disc rims only shape small layouts; big ones are zoomed apart afterwards, which
    # keeps their shape (and stress) instead of bending it around the discs.
    rims = job.radii if depth == 0 and level.graph.n <= EXACT_BELOW else None
    repulsion = _repulsion(spacing, cutoff, mass, rims)
    pos = relax(
        pos, level.graph, repulsion, k=spacing,
        schedule=schedule_for(depth, level.graph.n, spacing, job.n, jump), mobility=mobility,
        pull=pull, control=control,
    )
    return pos, repulsion.cutoff if isinstance(repulsion, Repulsion) else cutoff


def _repulsion(
    spacing: float, cutoff: float, mass: FloatArray, radii: FloatArray | None
) -> RepulsionModel:
    """Exact all-pairs repulsion for tiny levels, P3M otherwise."""
    if mass.size <= EXACT_BELOW:
        a, b = np.triu_indices(mass.size, 1)
        pairs = np.stack([a, b], axis=1).astype(np.int64)
        return ExactRepulsion(
            strength=spacing**2, pairs=pairs, mass=mass, min_dist=0.01 * spacing, radii=radii
        )
    return Repulsion(strength=spacing**2, cutoff=cutoff, mass=mass, radii=radii)


def _top_layout(top: Graph, job: _Job, control: Control) -> FloatArray:
    """Pivot MDS of the coarsest graph, scaled to the area the full graph will take."""
    pos = pivot_mds(top, pivots=PIVOTS, rng=job.rng, control=control)
    rms = math.sqrt(float(np.mean(np.sum(pos**2, axis=1)))) if top.n > 1 else 0.0
    # A disc of AREA_PER_NODE·k² per original node has RMS radius R/√2.
    target = job.k * math.sqrt(AREA_PER_NODE * job.n / (2.0 * math.pi))
    pos *= target / rms if rms > 0 else 1.0
    pos += job.rng.normal(scale=0.05 * target, size=pos.shape)
    return pos


def balanced(pos: FloatArray, graph: Graph, idx: IntArray) -> FloatArray:
    """``pos`` with the nodes ``idx`` moved to the mean of their neighbours.

    The free coarse levels can leave a hub off the middle of its own neighbours (a star of
    thousands of new contacts around me drifted one spread away); pinned from here on, it
    would stay there. At the mean of its neighbours it is where the springs balance.
    """
    out = pos.copy()
    linked = idx[graph.degree[idx] > 0]
    out[linked] = (graph.adjacency[linked] @ pos) / graph.degree[linked, None]
    return out


def align(pos: FloatArray, idx: IntArray, target: FloatArray) -> FloatArray:
    """Rotate (or reflect) and translate ``pos`` so that ``pos[idx]`` best fits ``target``."""
    src = pos[idx]
    mu_s, mu_t = src.mean(axis=0), target.mean(axis=0)
    rot = np.eye(2)
    if idx.size >= 2:
        u, _, vt = np.linalg.svd((src - mu_s).T @ (target - mu_t))
        rot = u @ vt
    out: FloatArray = (pos - mu_s) @ rot + mu_t
    return out


def small_mask(parts: list[IntArray], fixed: BoolArray) -> list[bool]:
    """Which components go through :func:`layout_small` (small and without pinned nodes)."""
    return [p.size < SMALL and not bool(fixed[p].any()) for p in parts]
