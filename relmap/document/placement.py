"""From a network to layout arrays and back: places people who have no position yet."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from relmap.core.edits import Position
from relmap.core.ids import PersonId
from relmap.core.model import Person
from relmap.core.network import Network
from relmap.render.style import node_radius


@dataclass(frozen=True)
class LayoutInput:
    """A frozen snapshot of what the layout engine needs, in array form."""

    ids: list[PersonId]
    edges: np.ndarray  # (m, 2) rows into ids
    weights: np.ndarray  # (m,) larger pulls closer
    pos: np.ndarray  # (n, 2), NaN where a person has no position
    fixed: np.ndarray  # (n,) bool
    sizes: np.ndarray  # (n,) radius in scene units


def tie_weight(strength: int, trust: int | None) -> float:
    """Stronger ties and higher trust pull closer."""
    return strength * (1.0 + 0.15 * ((trust or 3) - 3))


def layout_input(network: Network, *, keep_positions: bool = True) -> LayoutInput:
    ids = list(network.people)
    row = {pid: i for i, pid in enumerate(ids)}
    people: list[Person] = [network.people[p] for p in ids]
    ties = list(network.ties.values())
    edges = np.array([(row[t.a], row[t.b]) for t in ties], dtype=np.int64).reshape(-1, 2)
    trust = {p.id: p.assessment.trust_given for p in people}
    weights = np.array(
        [tie_weight(t.strength, max(trust[t.a] or 0, trust[t.b] or 0) or None) for t in ties],
        dtype=float,
    )
    pos = np.full((len(ids), 2), np.nan)
    fixed = np.array([p.is_me or (p.pinned and keep_positions) for p in people], dtype=bool)
    for i, p in enumerate(people):
        if p.is_me and not p.placed:
            pos[i] = (0.0, 0.0)
        elif p.placed and (keep_positions or p.is_me or p.pinned):
            pos[i] = (p.x, p.y)
    sizes = np.array([node_radius(p) for p in people], dtype=float)
    return LayoutInput(ids, edges, weights, pos, fixed, sizes)


def compute_layout(data: LayoutInput, *, seed: int = 0) -> np.ndarray:
    graph = nx.Graph()
    graph.add_nodes_from(range(len(data.ids)))
    graph.add_weighted_edges_from(
        (int(a), int(b), float(w)) for (a, b), w in zip(data.edges, data.weights, strict=True)
    )
    result = nx.spring_layout(graph, seed=seed)
    out = np.array([result[i] for i in range(len(data.ids))], dtype=float).reshape(-1, 2) * 600
    anchor = np.flatnonzero(data.fixed)
    if len(anchor):
        out += data.pos[anchor[0]] - out[anchor[0]]
    return out


def placements(
    network: Network, *, seed: int = 0, only_unplaced: bool = True
) -> dict[PersonId, Position]:
    """New positions for the unplaced people (or everyone not pinned)."""
    data = layout_input(network, keep_positions=only_unplaced)
    out = compute_layout(data, seed=seed)
    people = network.people
    return {
        pid: Position(float(out[i, 0]), float(out[i, 1]), people[pid].pinned or people[pid].is_me)
        for i, pid in enumerate(data.ids)
        if not data.fixed[i] and (not only_unplaced or not people[pid].placed)
    }
