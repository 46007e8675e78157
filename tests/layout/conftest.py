"""Small graphs shared by the layout tests."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest


def edges_of(graph: nx.Graph) -> np.ndarray:
    """Integer edge array of a networkx graph relabelled 0..n-1."""
    g = nx.convert_node_labels_to_integers(graph)
    return np.array(list(g.edges()), dtype=np.int64).reshape(-1, 2)


@pytest.fixture
def karate() -> tuple[int, np.ndarray]:
    g = nx.karate_club_graph()
    return g.number_of_nodes(), edges_of(g)


@pytest.fixture
def sbm() -> tuple[int, np.ndarray, np.ndarray]:
    """Four communities of 60 people, 90 % of ties inside a community."""
    sizes = [60, 60, 60, 60]
    p = [[0.12 if a == b else 0.004 for b in range(4)] for a in range(4)]
    g = nx.stochastic_block_model(sizes, p, seed=7)
    block = np.repeat(np.arange(4), 60)
    return g.number_of_nodes(), edges_of(g), block
