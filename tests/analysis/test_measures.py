"""Centrality, brokerage and communities against networkx and the published facts."""

from __future__ import annotations

import logging

import networkx as nx
import numpy as np
import pytest

from relmap.analysis import measures as m
from relmap.analysis.graph import graph_view
from relmap.core.ids import PersonId

from .conftest import ME, network_of, relabelled


def _rows(result: m.Measures, graph: nx.Graph) -> list[int]:
    """The rows of the graph's nodes 0..n-1, in node order."""
    return [result.row(PersonId(i + 1)) for i in range(graph.number_of_nodes())]


def test_karate_club_brokers_and_factions() -> None:
    karate = nx.karate_club_graph()
    result = m.measures(network_of(karate))
    rows = _rows(result, karate)
    top_two = {int(i) for i in np.argsort(-result.betweenness[rows])[:2]}
    assert top_two == {0, 33}  # the instructor and the president
    expected = nx.betweenness_centrality(karate)
    assert np.allclose(result.betweenness[rows], [expected[i] for i in range(34)])
    assert result.betweenness_error == 0.0 and result.betweenness[result.row(ME)] == 0
    labels = result.community[rows]
    factions = [karate.nodes[i]["club"] == "Mr. Hi" for i in range(34)]
    # Leiden splits further; merged by majority, its communities recover the two factions.
    majority = {c: np.mean([factions[i] for i in range(34) if labels[i] == c]) >= 0.5
                for c in set(labels.tolist())}
    agree = sum(majority[c] == factions[j] for j, c in enumerate(labels.tolist()))
    assert agree >= 31 and result.community[result.row(ME)] == -1



def test_communities_found_in_a_process_of_their_own_are_the_same(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """On a large map Leiden runs apart from the window's process: the same seeded result."""
    graph, _ = relabelled(nx.les_miserables_graph())
    view = graph_view(network_of(graph))
    _, weighted = m.contact_graph(view)
    here = m.communities(view, weighted, seed=3)
    with caplog.at_level(logging.INFO, logger=m.__name__):
        apart = m.communities(view, weighted, seed=3, apart_from=0)
    assert not caplog.records  # it did run apart
    assert here.tolist() == apart.tolist() and here.max() >= 3 and here[view.me] == -1

def test_the_medici_are_the_florentine_brokers() -> None:
    families, names = relabelled(nx.florentine_families_graph())
    result = m.measures(network_of(families, names=names))
    rows = _rows(result, families)
    assert names[int(np.argmax(result.betweenness[rows]))] == "Medici"
    assert names[int(np.argmin(np.nan_to_num(result.constraint[rows], nan=9)))] == "Medici"


@pytest.mark.parametrize("block", [10_000, 7])  # rows worked out at a time: all, or a few
def test_brokerage_and_pagerank_equal_networkx(block: int, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    monkeypatch.setattr(m, "_REACH_ROWS", block)
    graph = nx.les_miserables_graph()
    graph, names = relabelled(graph)
    nx.set_edge_attributes(graph, 1.0, "unit")
    network = network_of(graph, names=names)
    result = m.measures(network)
    rows = _rows(result, graph)
    n = graph.number_of_nodes()
    effective = nx.effective_size(graph)
    assert np.allclose(result.effective_size[rows], [effective[i] for i in range(n)])
    view = graph_view(network)
    weights = {(min(a, b), max(a, b)): 0.0 for a, b in graph.edges}
    for (a, b), w in zip(view.edges.tolist(), view.weights.tolist(), strict=True):
        pa, pb = view.ids[a] - 1, view.ids[b] - 1
        if view.ids[a] != ME and view.ids[b] != ME:
            weights[(min(pa, pb), max(pa, pb))] += w
    nx.set_edge_attributes(graph, {e: w for e, w in weights.items()}, "weight")
    constraint = nx.constraint(graph, weight="weight")
    assert np.allclose(result.constraint[rows], [constraint[i] for i in range(n)])
    rank = nx.pagerank(graph, weight="weight", tol=1e-12)
    assert np.allclose(result.pagerank[rows], [rank[i] for i in range(n)], atol=1e-6)
    assert result.pagerank[result.row(ME)] == 0
    assert result.degree[rows].tolist() == [graph.degree(i) for i in range(n)]


def test_reach_in_two_steps_leaves_me_out() -> None:
    path = nx.path_graph(5)
    result = m.measures(network_of(path))
    rows = _rows(result, path)
    assert result.reach2[rows].tolist() == pytest.approx([2 / 4, 3 / 4, 4 / 4, 3 / 4, 2 / 4])
    assert result.reach2[result.row(ME)] == 0


def test_large_maps_sample_betweenness_with_a_stated_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph = nx.powerlaw_cluster_graph(600, 3, 0.3, seed=4)
    network = network_of(graph)
    exact = m.measures(network)
    monkeypatch.setattr(m, "EXACT_BETWEENNESS_UP_TO", 100)
    monkeypatch.setattr(m, "SAMPLED_SOURCES", 150)
    sampled = m.measures(network, seed=1)
    rows = _rows(exact, graph)
    assert sampled.betweenness_error > 0
    top = int(np.argmax(exact.betweenness[rows]))
    assert abs(sampled.betweenness[rows][top] - exact.betweenness[rows][top]) < (
        4 * sampled.betweenness_error)
    assert set(np.argsort(-sampled.betweenness[rows])[:5]) & set(
        np.argsort(-exact.betweenness[rows])[:5])
