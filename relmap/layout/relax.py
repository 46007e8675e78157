"""Force-directed relaxation: Fruchterman-Reingold steps with a cooling schedule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from relmap.layout.control import Control
from relmap.layout.graph import FloatArray, Graph
from relmap.layout.repulsion import pair_sum


class RepulsionModel(Protocol):
    """Anything that returns repulsive forces for positions (see ``repulsion.py``)."""

    def forces(self, xy: FloatArray) -> FloatArray:
        """Return the (2, n) repulsive forces at positions ``xy`` (2, n)."""
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


def attraction(xy: FloatArray, graph: Graph, k: float, scale: FloatArray) -> FloatArray:
    """Spring forces ``w d² / K`` along every edge (``scale`` multiplies each edge's pull).

    Positions and forces are (2, n): numpy gathers and reductions are several times faster
    on two contiguous rows than on an (n, 2) array.
    """
    d = xy.take(graph.dst, axis=1) - xy.take(graph.src, axis=1)
    length = np.sqrt(d[0] * d[0] + d[1] * d[1])
    return pair_sum(d * (graph.weight * scale * length / k), graph.src, graph.dst, graph.n)


def natural_scale(
    pos: FloatArray, graph: Graph, k: float, scale: FloatArray, mass: FloatArray, strength: float
) -> float:
    """The uniform zoom factor at which the layout's forces balance overall (the virial).

    Zooming a layout by ``s`` multiplies the springs' radial work ``Σ w d³ / K`` by ``s³``
    and leaves the 2-D Coulomb repulsion's ``K² Σ mi mj`` unchanged, so the two balance
    at ``s = (repulsion / springs)^(1/3)``. Applied before relaxing a level, it saves the
    many iterations a layout would otherwise spend swelling or shrinking as a whole.
    """
    if graph.m == 0 or graph.n < 2:
        return 1.0
    d = pos[graph.dst] - pos[graph.src]
    springs = float(np.sum(graph.weight * scale * np.sum(d * d, axis=1) ** 1.5)) / k
    total = float(mass.sum())
    pushes = strength * 0.5 * (total * total - float(np.sum(mass * mass)))
    return (pushes / springs) ** (1.0 / 3.0) if springs > 0 else 1.0


def edge_scale(graph: Graph, dissuade_hubs: bool) -> FloatArray:
    """Per-edge attraction multipliers; with hub dissuasion an edge pulls 1/degree as hard.

    As in ForceAtlas2's "dissuade hubs", a hub's many edges each pull weakly, so hubs drift
    to the borders of their groups while the people around them stay in place.
    """
    if not dissuade_hubs or graph.m == 0:
        return np.ones(graph.m)
    heavier = np.maximum(graph.degree[graph.src], graph.degree[graph.dst])
    scale: FloatArray = 1.0 / heavier
    result: FloatArray = scale / float(scale.mean())
    return result


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
    xy = np.array(pos.T, order="C")
    steps = max(schedule.iterations, 1)
    ratio = (schedule.t_end / schedule.t_start) ** (1.0 / max(steps - 1, 1))
    for it in range(schedule.iterations):
        control.report(it / steps)
        force = attraction(xy, graph, k, scale)
        force += repulsion.forces(xy)
        limit = schedule.t_start * ratio**it * mobility
        norm = np.sqrt(force[0] * force[0] + force[1] * force[1])
        force *= np.minimum(norm, limit) / np.maximum(norm, 1e-12)
        xy += force
    control.report(1.0)
    return np.array(xy.T, order="C")
