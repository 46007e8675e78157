"""Force-directed relaxation: Fruchterman-Reingold steps with a cooling schedule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from relmap.layout.control import Control
from relmap.layout.graph import FloatArray, Graph


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


class Springs:
    """Spring forces ``w d² / K`` along every edge; node i feels its springs ``pull[i]``-fold.

    Each end's coefficient ``w pull / K`` is worked out once for a whole relaxation, and
    only once when no node's pull differs from another's. Positions and forces are (2, n):
    numpy gathers and reductions are several times faster on two contiguous rows than on an
    (n, 2) array.
    """

    def __init__(self, graph: Graph, k: float, pull: FloatArray) -> None:
        self.graph = graph
        self.at_src = graph.weight * pull.take(graph.src) / k
        self.at_dst = (self.at_src if pull.size == 0 or np.all(pull == pull[0])
                       else graph.weight * pull.take(graph.dst) / k)

    def forces(self, xy: FloatArray) -> FloatArray:
        """Return the (2, n) spring forces at positions ``xy`` (2, n)."""
        graph = self.graph
        d = xy.take(graph.dst, axis=1) - xy.take(graph.src, axis=1)
        d *= np.sqrt(d[0] * d[0] + d[1] * d[1])
        out = np.empty((2, graph.n))
        for axis in (0, 1):
            out[axis] = np.bincount(graph.src, d[axis] * self.at_src, graph.n) - np.bincount(
                graph.dst, d[axis] * self.at_dst, graph.n
            )
        return out


def natural_scale(
    pos: FloatArray, graph: Graph, k: float, pull: FloatArray, mass: FloatArray, strength: float
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
    felt = 0.5 * (pull[graph.src] + pull[graph.dst])
    springs = float(np.sum(graph.weight * felt * np.sum(d * d, axis=1) ** 1.5)) / k
    total = float(mass.sum())
    pushes = strength * 0.5 * (total * total - float(np.sum(mass * mass)))
    return (pushes / springs) ** (1.0 / 3.0) if springs > 0 else 1.0


def node_pull(graph: Graph, dissuade_hubs: bool) -> FloatArray:
    """How strongly each node feels its springs: 1, or with hub dissuasion 1/(degree + 1).

    As in ForceAtlas2's "dissuade hubs", a hub then feels its many springs as one, so
    the general repulsion floats it to the border of its group while its neighbours, who
    still feel their spring to it fully, keep their places. The pulls are scaled so that
    an average spring end pulls as hard as without dissuasion.
    """
    if not dissuade_hubs or graph.m == 0:
        return np.ones(graph.n)
    ends = np.concatenate([graph.src, graph.dst])
    strength = np.bincount(ends, np.tile(graph.weight, 2), graph.n).astype(np.float64)
    pull: FloatArray = 1.0 / (strength + 1.0)
    mean_end = float(np.sum(strength * pull)) / float(np.sum(strength))
    result: FloatArray = pull / mean_end
    return result


def relax(
    pos: FloatArray,
    graph: Graph,
    repulsion: RepulsionModel,
    *,
    k: float,
    schedule: Schedule,
    mobility: FloatArray,
    pull: FloatArray,
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
    pull : ndarray, shape (n,)
        Per-node spring multipliers (see :func:`node_pull`).
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
    springs = Springs(graph, k, pull)
    for it in range(schedule.iterations):
        control.report(it / steps)
        force = springs.forces(xy)
        force += repulsion.forces(xy)
        limit = schedule.t_start * ratio**it * mobility
        norm = np.sqrt(force[0] * force[0] + force[1] * force[1])
        force *= np.minimum(norm, limit) / np.maximum(norm, 1e-12)
        xy += force
    control.report(1.0)
    return np.array(xy.T, order="C")
