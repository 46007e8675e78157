"""Influence with its explanation, the network summary and warm introductions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import networkx as nx
import pytest

from relmap.analysis.influence import (
    WEIGHTS,
    brokers,
    influence,
    influence_scores,
    nobody_stands_out,
)
from relmap.analysis.lookup import names_apart
from relmap.analysis.summary import summary
from relmap.analysis.warm_paths import targets, tie_chance, warm_paths, willingness
from relmap.core.demo import demo_network
from relmap.core.errors import KnownError
from relmap.core.ids import InteractionId, PersonId, SphereId, TieId
from relmap.core.model import Assessment, Interaction, InteractionKind, Person, Sphere, Tie
from relmap.core.network import Network

from .conftest import ME, network_of


def _rate(net: Network, pid: int, **ratings: int) -> None:
    person = net.people[PersonId(pid)]
    net.people[person.id] = replace(person, assessment=Assessment(**ratings))  # type: ignore[arg-type]


def test_influence_adds_up_and_explains_itself() -> None:
    net = demo_network(people=120, seed=3)
    ranked = influence(net)
    assert len(ranked) == len(net.people) - 1 and ranked[0].score >= ranked[-1].score
    for entry in ranked:
        assert entry.score == pytest.approx(sum(f.points for f in entry.factors))
        assert [f.name for f in entry.factors] == list(WEIGHTS)
        assert 0 <= entry.score <= 100
    top = ranked[0]
    assert "of the map in two steps" in top.explanation
    assert any(w in top.explanation for w in ("trusted both ways", "you trust them", "trust not"))
    # What many people share is one object: the same trust, the same words.
    for values in ([e.factors[0] for e in ranked], [e.factors[2].words for e in ranked]):
        assert len({id(v) for v in values}) == len(set(values)) < len(values)


def test_the_most_trusted_with_the_broadest_base_is_the_most_influential() -> None:
    star = nx.star_graph(6)  # node 0 knows everyone else
    net = network_of(star)
    _rate(net, 1, trust_given=5, trust_received=5, quality=5)
    _rate(net, 2, trust_given=5, trust_received=5, quality=5)  # as trusted, but a leaf
    ranked = influence(net)
    assert ranked[0].person == PersonId(1)
    words = ranked[0].explanation
    assert "trusted both ways 5/5" in words and "quality 5/5" in words
    assert "reaches 100% of the map in two steps" in words
    assert ranked[1].person == PersonId(2)
    assert [b[0] for b in brokers(net)] == [PersonId(1)]


def test_the_top_brokers_are_the_first_of_them_all() -> None:
    net = demo_network(people=300, seed=4)
    everyone = brokers(net)
    assert len(everyone) > 10
    assert brokers(net, top=10) == everyone[:10]


def test_the_top_influencers_and_the_scores_are_those_of_the_whole_ranking() -> None:
    net = demo_network(people=300, seed=4)
    everyone = influence(net)
    assert influence(net, top=10) == everyone[:10]
    assert influence_scores(net) == {i.person: i.score for i in everyone}
    # Equal scores are in order of name, then of the map: the leaves of a star.
    star = network_of(nx.star_graph(5), names={1: "Eve", 2: "Ann", 3: "Cy", 4: "Ann", 5: "Bo"})
    ranked = influence(star)
    assert [star.people[i.person].display_name for i in ranked] == [
        "P0", "Ann", "Ann", "Bo", "Cy", "Eve"]
    assert [i.person for i in ranked][1:3] == [PersonId(3), PersonId(5)]


def test_where_everyone_scores_the_same_nobody_stands_out() -> None:
    assert nobody_stands_out(network_of(nx.empty_graph(5)))  # tied to me alone, unrated
    rated = network_of(nx.empty_graph(5))
    _rate(rated, 1, quality=5)
    assert not nobody_stands_out(rated)
    assert not nobody_stands_out(network_of(nx.path_graph(5)))  # the middle reaches further
    assert not nobody_stands_out(network_of(nx.empty_graph(1)))  # one is no ranking


def test_two_of_one_name_in_a_list_are_told_apart_by_organisation() -> None:
    net = network_of(nx.empty_graph(3), names={0: "Ann Lee", 1: "Ann Lee", 2: "Bo Yu"})
    for pid, org in ((1, "Initech"), (3, "Globex")):
        net.people[PersonId(pid)] = replace(net.people[PersonId(pid)], organisation=org)
    listed = [PersonId(1), PersonId(2), PersonId(3), PersonId(1)]  # one listed twice
    assert names_apart(net, listed) == {PersonId(1): "Ann Lee (Initech)",
                                        PersonId(2): "Ann Lee",  # no organisation to add
                                        PersonId(3): "Bo Yu"}  # a name of its own


def test_ties_within_and_across_spheres_leave_me_and_people_in_none_out() -> None:
    net = network_of(nx.path_graph(5))  # 1 - 2 - 3 - 4 - 5, everyone also tied to me
    fintech, design = SphereId(1), SphereId(2)
    net.spheres.update({fintech: Sphere(fintech, "Fintech"), design: Sphere(design, "Design")})
    for pid, spheres in ((1, {fintech}), (2, {fintech, design}), (3, {design}), (4, {fintech})):
        person = net.people[PersonId(pid)]
        net.people[person.id] = replace(person, spheres=frozenset(spheres))
    me = net.people[ME]
    net.people[ME] = replace(me, spheres=frozenset({fintech}))  # my ties still count for none
    figures = summary(net)
    # 1-2 and 2-3 share a sphere, 3-4 does not, 4-5 has someone in none.
    assert (figures.ties_within_spheres, figures.ties_across_spheres) == (2, 1)


def test_summary_of_the_contacts() -> None:
    net = network_of(nx.disjoint_union(nx.path_graph(4), nx.complete_graph(3)))
    figures = summary(net)
    assert (figures.people, figures.ties, figures.ties_to_me) == (7, 6, 7)
    assert figures.density == pytest.approx(6 / 21)
    assert (figures.components, figures.largest_component) == (2, 4)
    assert figures.average_distance == pytest.approx(nx.average_shortest_path_length(
        nx.path_graph(4)))
    assert figures.internal + figures.external == 7


def _chain_map() -> Network:
    """Me - 1 - 2 - 9 (the target), strong and trusted; me - 3 - 9, short but weak."""
    people = [Person(ME, "Me", is_me=True), *(Person(PersonId(i), f"P{i}") for i in (1, 2, 3, 9))]
    ties = [(ME, 1, 5), (1, 2, 5), (2, 9, 5), (ME, 3, 1), (3, 9, 1)]
    net = Network(people={p.id: p for p in people}, ties={
        TieId(i): Tie(TieId(i), PersonId(a), PersonId(b), strength=s)
        for i, (a, b, s) in enumerate(ties, start=1)})
    _rate(net, 1, trust_received=5)
    _rate(net, 3, trust_received=1)
    return net


def test_a_strong_trusted_chain_beats_a_short_weak_one() -> None:
    net = _chain_map()
    paths = warm_paths(net, targets(net, person="P9"), k=3)
    assert [p.people for p in paths] == [(ME, 1, 2, 9), (ME, 3, 9)]
    best = paths[0]
    assert best.chance == pytest.approx(willingness(5) * tie_chance(5) ** 3)
    assert best.words.startswith("ask P1 (trusts you 5/5, tie 5/5), who knows P2 (tie 5/5)")
    assert paths[1].chance == pytest.approx(willingness(1) * tie_chance(1) ** 2)


def test_a_chain_takes_the_strongest_of_parallel_ties_and_never_passes_me() -> None:
    net = _chain_map()
    for i in (2, 3):  # P1 now reaches P9 only through me; P3 and P9 share a second, strong tie
        del net.ties[TieId(i)]
    net.ties[TieId(6)] = Tie(TieId(6), PersonId(9), PersonId(3), strength=5)
    paths = warm_paths(net, targets(net, person="P9"), k=3)
    assert [p.people for p in paths] == [(ME, 3, 9)]
    assert paths[0].chance == pytest.approx(willingness(1) * tie_chance(1) * tie_chance(5))
    assert paths[0].words.startswith("ask P3 (trusts you 1/5, tie 1/5), who knows P9 (tie 5/5)")


def test_recent_contact_makes_the_first_person_easier_to_ask() -> None:
    net = _chain_map()
    goal = targets(net, person="P9")
    net.interactions[InteractionId(1)] = Interaction(
        InteractionId(1), date(2026, 11, 1), InteractionKind.CALL,
        participants=frozenset({PersonId(3)}))
    paths = warm_paths(net, goal, today=date(2026, 12, 1))
    by_first = {p.people[1]: p.chance for p in paths}
    assert by_first[PersonId(3)] == pytest.approx(willingness(1) * tie_chance(1) ** 2)
    assert by_first[PersonId(1)] == pytest.approx(0.8 * willingness(5) * tie_chance(5) ** 3)


def test_targets_by_person_organisation_and_sphere() -> None:
    net = demo_network(people=80, seed=2)
    org = next(p.organisation for p in net.people.values() if p.organisation and not p.is_me)
    at_org = targets(net, org=org.upper())
    assert at_org and all(net.people[p].organisation == org for p in at_org)
    sphere = next(iter(net.spheres.values()))
    assert targets(net, sphere=sphere.name) == net.members(sphere.id) - {net.me.id}  # type: ignore[union-attr]
    for path in warm_paths(net, at_org, k=5):
        assert path.people[-1] in at_org and len(set(path.people)) == len(path.people)
        assert not set(path.people[1:-1]) & at_org  # the chain stops at the first target
    with pytest.raises(KnownError, match="nobody on the map works at"):
        targets(net, org="No Such Company")
    with pytest.raises(KnownError, match="name one target"):
        targets(net, org=org, sphere=sphere.name)


def test_no_chain_is_an_empty_answer() -> None:
    net = _chain_map()
    net.people[PersonId(7)] = Person(PersonId(7), "Alone")
    assert warm_paths(net, targets(net, person="Alone")) == []
