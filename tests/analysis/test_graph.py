"""The graph view: rows, adjacency, weights, neighbourhoods, CSR and networkx, one per revision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import networkx as nx
import numpy as np
import pytest

from relmap.analysis.closeness import UNKNOWN, closeness, closeness_to_me
from relmap.analysis.graph import graph_view, tie_weight
from relmap.analysis.importance import label_importance
from relmap.analysis.upkeep import overdue_count, reciprocity
from relmap.core.demo import demo_network
from relmap.core.edits import AddTies, SetAssessment
from relmap.core.ids import ExchangeId, InteractionId, PersonId, TieId
from relmap.core.model import (
    Assessment,
    AssessmentField,
    Exchange,
    ExchangeKind,
    Interaction,
    InteractionKind,
    Person,
    Tie,
    TieKind,
)
from relmap.core.network import Network


def _person(pid: int, **fields: object) -> Person:
    return Person(id=PersonId(pid), display_name=f"P{pid}", **fields)  # type: ignore[arg-type]


@pytest.fixture
def net() -> Network:
    """me(1) - 2 - 3 - 4, with 2 = 3 tied twice, and 5 alone."""
    people = [_person(1, is_me=True), *(_person(i) for i in range(2, 6))]
    ties = [Tie(TieId(1), PersonId(1), PersonId(2), strength=4),
            Tie(TieId(2), PersonId(2), PersonId(3)),
            Tie(TieId(3), PersonId(3), PersonId(2), kind=TieKind.INTRODUCED, strength=1),
            Tie(TieId(4), PersonId(3), PersonId(4), strength=5)]
    return Network(people={p.id: p for p in people}, ties={t.id: t for t in ties})


def test_rows_follow_the_people_and_adjacency_goes_both_ways(net: Network) -> None:
    view = graph_view(net)
    assert view.ids == (1, 2, 3, 4, 5) and view.me == 0 and len(view) == 5
    assert view.degree.tolist() == [1, 3, 3, 1, 0]
    assert view.neighbours(PersonId(3)) == [2, 4]
    assert view.neighbours(PersonId(5)) == []



def test_ids_in_compact_ranges_or_far_apart_give_the_same_view(net: Network) -> None:
    """A map's ids are looked up through one array, ids far apart by a sorted search."""
    far = {pid: PersonId(pid * 10**9) for pid in net.people}
    spread = Network(
        people={far[p.id]: replace(p, id=far[p.id]) for p in net.people.values()},
        ties={t.id: t._replace(a=far[t.a], b=far[t.b]) for t in net.ties.values()})
    near, apart = graph_view(net), graph_view(spread)
    assert apart.ids == tuple(far.values())
    assert near.edges.tolist() == apart.edges.tolist() == [[0, 1], [1, 2], [2, 1], [2, 3]]
    assert near.weights.tolist() == apart.weights.tolist()

def test_within_counts_steps_out_from_the_centre(net: Network) -> None:
    view = graph_view(net)
    assert view.within(PersonId(1), 0) == {1}
    assert view.within(PersonId(1), 2) == {1, 2, 3}
    assert view.within(PersonId(4), 9) == {1, 2, 3, 4}
    assert view.within(PersonId(5), 3) == {5}


def test_weights_come_from_strength_trust_and_kind() -> None:
    friend = TieKind.FRIEND
    assert tie_weight(3, None, friend) == 3.0
    assert tie_weight(5, 5, friend) == pytest.approx(6.5)
    assert tie_weight(1, 1, friend) == pytest.approx(0.7)
    assert tie_weight(3, None, TieKind.INTRODUCED) < tie_weight(3, None, friend)


def test_every_edge_joins_the_rows_of_its_people_and_weighs_what_tie_weight_says() -> None:
    demo = demo_network(people=200, seed=4)
    # People in an order of their own, not of their ids: rows follow the order of the map.
    network = Network(people=dict(sorted(demo.people.items(), key=lambda p: -p[0] % 7)),
                      ties=demo.ties, spheres=demo.spheres)
    view = graph_view(network)
    assert view.ids == tuple(network.people) != tuple(sorted(network.people))
    kinds = set()
    for (a, b), weight, tid in zip(view.edges.tolist(), view.weights, view.tie_ids, strict=True):
        tie = network.ties[tid]
        assert (view.ids[a], view.ids[b]) == (tie.a, tie.b)
        trust = [network.people[p].assessment.trust_given or 0 for p in (tie.a, tie.b)]
        assert weight == tie_weight(tie.strength, max(trust) or None, tie.kind)
        kinds.add((tie.kind, max(trust) > 0))
    assert len(kinds) > 4  # rated and unrated ends, several kinds of tie


def test_csr_and_networkx_sum_parallel_ties(net: Network) -> None:
    view = graph_view(net)
    matrix = view.csr()
    assert (matrix != matrix.T).nnz == 0
    both = tie_weight(3, None, TieKind.OTHER) + tie_weight(1, None, TieKind.INTRODUCED)
    assert matrix[1, 2] == pytest.approx(both)
    graph = view.to_networkx()
    assert graph.number_of_nodes() == 5 and graph.number_of_edges() == 3
    assert graph[PersonId(2)][PersonId(3)]["weight"] == pytest.approx(both)
    assert view.to_networkx() is graph


def test_one_view_per_revision(net: Network) -> None:
    view = graph_view(net)
    assert graph_view(net) is view
    net.apply(AddTies((Tie(TieId(9), PersonId(4), PersonId(5)),)))
    fresh = graph_view(net)
    assert fresh is not view and fresh.neighbours(PersonId(5)) == [4]
    net.apply(SetAssessment(PersonId(3), AssessmentField.TRUST_GIVEN, 5))
    assert graph_view(net).weights[3] > fresh.weights[3]  # 3 - 4 now weighs more


def test_the_view_matches_networkx_on_the_demo_map() -> None:
    network = demo_network(people=120, seed=5)
    view = graph_view(network)
    graph = nx.Graph()
    graph.add_nodes_from(network.people)
    graph.add_edges_from((t.a, t.b) for t in network.ties.values())
    me = network.me
    assert me is not None
    for depth in (1, 2, 3):
        expected = nx.single_source_shortest_path_length(graph, me.id, cutoff=depth)
        assert view.within(me.id, depth) == set(expected)
    assert {frozenset(e) for e in view.to_networkx().edges} == {frozenset(e) for e in graph.edges}


def test_closeness_from_trust_both_ways_and_our_tie(net: Network) -> None:
    rated = _person(7, assessment=Assessment(trust_given=5, trust_received=3))
    assert closeness(rated, None) == pytest.approx(0.75)
    assert closeness(rated, 1) == pytest.approx(0.5)
    assert closeness(_person(8), None) == UNKNOWN
    values = closeness_to_me(net, graph_view(net))
    assert values.tolist() == pytest.approx([1.0, 0.75, UNKNOWN, UNKNOWN, UNKNOWN])


def test_closeness_of_everyone_at_once_is_each_one_s_closeness() -> None:
    demo = demo_network(people=300, seed=4)
    view = graph_view(demo)
    me = view.ids[view.me] if view.me is not None else None
    strongest: dict[PersonId, int] = {}
    for tie in demo.ties.values():
        if me in (tie.a, tie.b):
            other = tie.b if tie.a == me else tie.a
            strongest[other] = max(strongest.get(other, 0), tie.strength)
    expected = [closeness(demo.people[pid], strongest.get(pid)) for pid in view.ids]
    assert closeness_to_me(demo, view).tolist() == expected


def test_closeness_takes_the_strongest_of_our_ties_whichever_end_i_am(net: Network) -> None:
    net.apply(AddTies((Tie(TieId(8), PersonId(4), PersonId(1), strength=5),
                       Tie(TieId(9), PersonId(1), PersonId(4), strength=2))))
    assert closeness_to_me(net, graph_view(net))[3] == pytest.approx(1.0)  # 5 of 5


def test_labels_of_better_rated_and_better_connected_people_come_first() -> None:
    plain, rated = _person(2), _person(3, assessment=Assessment(quality=5))
    assert label_importance(rated, 0) > label_importance(plain, 0)
    assert label_importance(plain, 16) > label_importance(plain, 1)
    assert label_importance(_person(1, is_me=True), 0) > label_importance(rated, 10_000)


def test_overdue_and_reciprocity_need_something_logged(net: Network) -> None:
    everyone = list(net.people)
    assert overdue_count(net, everyone, today=date(2026, 5, 1)) is None
    assert reciprocity(net, everyone) is None
    net.people[PersonId(2)] = _person(2, cadence_days=30)
    net.people[PersonId(3)] = _person(3, cadence_days=30)
    net.people[PersonId(4)] = _person(4, cadence_days=90, created=datetime(2025, 1, 1))
    for iid, on, pid in ((1, date(2026, 4, 20), 2), (2, date(2026, 1, 2), 3)):
        net.interactions[InteractionId(iid)] = Interaction(
            InteractionId(iid), on=on, kind=InteractionKind.CALL,
            participants=frozenset({PersonId(pid)}))
    assert overdue_count(net, everyone, today=date(2026, 5, 1)) == 2  # 3 late, 4 never met
    for eid, pid, gave in ((1, 2, True), (2, 2, False), (3, 4, True)):
        net.exchanges[ExchangeId(eid)] = Exchange(
            ExchangeId(eid), PersonId(pid), gave=gave, kind=ExchangeKind.ADVICE,
            on=date(2026, 3, 1))
    assert reciprocity(net, everyone) == (2, 1)
    assert reciprocity(net, [PersonId(2)]) == (1, 1)
    assert np.isfinite(graph_view(net).weights).all()
