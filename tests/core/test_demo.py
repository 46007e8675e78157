"""The demo network is realistic, valid and reproducible."""

from __future__ import annotations

import networkx as nx

from relmap.core.demo import demo_history, demo_network
from relmap.core.ids import PersonId


def test_demo_is_valid_and_seeded() -> None:
    net = demo_network(people=150, seed=7)
    net.validate()
    assert len(net.people) == 151
    assert net.me is not None and net.me.x == 0.0 and net.me.pinned
    assert 6 <= len(net.spheres) <= 10
    assert demo_network(people=150, seed=7) == net
    assert demo_network(people=150, seed=8) != net


def test_demo_has_communities_bridges_and_spread_ratings() -> None:
    net = demo_network(people=300, seed=2)
    graph = nx.Graph((t.a, t.b) for t in net.ties.values() if net.me.id not in (t.a, t.b))  # type: ignore[union-attr]
    degree = 2 * graph.number_of_edges() / graph.number_of_nodes()
    assert 4 <= degree <= 14
    communities = nx.community.louvain_communities(graph, seed=1)
    assert nx.community.modularity(graph, communities) > 0.4
    assert sum(len(p.spheres) > 1 for p in net.people.values()) > 10  # bridges
    qualities = [p.assessment.quality for p in net.people.values()]
    assert None in qualities and {1, 2, 3, 4, 5} <= set(qualities)
    assert any(p.internal for p in net.people.values()) and not all(
        p.internal for p in net.people.values()
    )


def test_demo_scales_to_ten_thousand() -> None:
    net = demo_network(people=10_000, seed=1)
    net.validate()
    assert len(net.people) == 10_001
    assert len(net.ties) > 30_000


def test_demo_history_ends_at_the_current_ratings() -> None:
    net = demo_network(people=150, seed=7)
    history = demo_history(net, seed=7)
    assert len(history) > 10
    latest: dict[tuple[PersonId, str], int | None] = {}
    for change in sorted(history, key=lambda h: h.at):
        latest[(change.person, change.field.value)] = change.new
    for (pid, field), value in latest.items():
        assert getattr(net.people[pid].assessment, field) == value
