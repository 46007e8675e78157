"""Force-directed relaxation: Fruchterman-Reingold steps with a cooling schedule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from relmap.layout.control import Control
from relmap.layout.graph import FloatArray, Graph


class RepulsionModel(Protocol):
    """Anything that returns repulsive forces for positions (see ``repulsion.py``)."""

    def forces(self, pos: FloatArray) -> FloatArray:
        """Return the (n, 2) repulsive forces at ``pos``."""
        ...


@dataclass(frozen=True)
class Schedule:
    """How long and how hot a relaxation runs.

    ``t_start`` and ``t_end`` are the largest step a node may take, in layout units, on the
    first and last iteration; the step limit decays geometrically in between.
    """

    iterations: int
    t_start: float
    t_end: float


def attraction(pos: FloatArray, graph: Graph, k: float, scale: FloatArray) -> FloatArray:
    """Spring forces ``w d² / K`` along every edge (``scale`` multiplies each edge's pull)."""
    d = pos[graph.dst] - pos[graph.src]
    length = np.sqrt(np.sum(d * d, axis=1))
    f = d * (graph.weight * scale * length / k)[:, None]
    out = np.empty_like(pos)
    n = graph.n
    for axis in (0, 1):
        out[:, axis] = np.bincount(graph.src, f[:, axis], n) - np.bincount(
            graph.dst, f[:, axis], n
        )
    return out


def edge_scale(graph: Graph, dissuade_hubs: bool) -> FloatArray:
    """Per-edge attraction multipliers; with hub dissuasion an edge pulls 1/degree as hard.

    As in ForceAtlas2's "dissuade hubs", a hub's many edges each pull weakly, so hubs drift
    to the borders of their groups while the people around them stay in place.
    """
    if not dissuade_hubs or graph.m == 0:
        return np.ones(graph.m)
    heavier = np.maximum(graph.degree[graph.src], graph.degree[graph.dst])
    scale = 1.0 / heavier
    return scale / scale.mean()


def relax(
    pos: FloatArray,
    graph: Graph,
    repulsion: RepulsionModel,
    *,
    k: float,
    schedule: Schedule,
    mobility: FloatArray,
    scale: FloatArray,
    control: Control,
) -> FloatArray:
    """Run the force iterations and return new positions.

    Parameters
    ----------
    pos : ndarray, shape (n, 2)
        Start positions (not modified).
    graph : Graph
        The graph whose edges attract.
    repulsion : RepulsionModel
        Node-node repulsion.
    k : float
        Natural edge length.
    schedule : Schedule
        Iteration count and step limits.
    mobility : ndarray, shape (n,)
        Per-node multiplier of the step limit: 0 pins a node, small values let it move
        little (old nodes in incremental layouts).
    scale : ndarray, shape (m,)
        Per-edge attraction multipliers (see :func:`edge_scale`).
    control : Control
        Progress and cancellation.

    Returns
    -------
    ndarray, shape (n, 2)
        Relaxed positions.
    """
    pos = pos.copy()
    steps = max(schedule.iterations, 1)
    ratio = (schedule.t_end / schedule.t_start) ** (1.0 / max(steps - 1, 1))
    moving = mobility > 0
    for it in range(schedule.iterations):
        control.report(it / steps)
        force = attraction(pos, graph, k, scale) + repulsion.forces(pos)
        limit = schedule.t_start * ratio**it * mobility
        norm = np.sqrt(np.sum(force * force, axis=1))
        factor = np.minimum(norm, limit) / np.maximum(norm, 1e-12)
        pos[moving] += force[moving] * factor[moving, None]
    control.report(1.0)
    return pos
