"""Scope: the whole map, one sphere, a selection, or a focus person and N steps out."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from relmap.analysis.lookup import find_person, find_sphere
from relmap.core.errors import KnownError
from relmap.core.ids import PersonId
from relmap.core.network import Network
from relmap.render.options import MapOptions, PageSpec
from relmap.render.plan import prepare_map
from relmap.render.scope import Scope, people_in_scope

PAGE = PageSpec.pixels(800, 600, dpi=96)


def _drawn(net: Network, scope: Scope) -> set[PersonId]:
    plan = prepare_map(net, MapOptions(scope=scope, today=date(2026, 5, 12)), PAGE)
    return set(plan.scene.ids)


def _graph(net: Network) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(net.people)
    graph.add_edges_from((t.a, t.b) for t in net.ties.values())
    return graph


def test_the_whole_map(gui: object, network: Network) -> None:
    assert _drawn(network, Scope()) == set(network.people)


def test_one_sphere_draws_exactly_its_members(gui: object, network: Network) -> None:
    sid = find_sphere(network, "fintech")  # case does not matter
    expected = {p.id for p in network.people.values() if sid in p.spheres}
    assert 0 < len(expected) < len(network.people)
    assert _drawn(network, Scope.of_sphere(sid)) == expected
    plan = prepare_map(network, MapOptions(scope=Scope.of_sphere(sid)), PAGE)
    rows = {pid: i for i, pid in enumerate(plan.scene.ids)}
    for a, b in plan.scene.edges.tolist():  # only ties between drawn people
        assert plan.scene.ids[a] in expected and plan.scene.ids[b] in expected
    inside = [t for t in network.ties.values() if t.a in rows and t.b in rows]
    assert len(plan.scene.edges) == len(inside)


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_focus_and_depth_draw_the_neighbourhood(
    gui: object, network: Network, depth: int
) -> None:
    centre = next(p.id for p in network.people.values() if not p.is_me)
    expected = set(nx.ego_graph(_graph(network), centre, radius=depth))
    assert _drawn(network, Scope.around(centre, depth)) == expected
    if depth == 0:
        assert expected == {centre}


def test_a_selection_draws_exactly_those_people(gui: object, network: Network) -> None:
    chosen = frozenset(list(network.people)[3:11])
    assert _drawn(network, Scope.of_people(chosen | {PersonId(99_999)})) == set(chosen)


def test_names_are_found_or_refused(network: Network) -> None:
    person = next(p for p in network.people.values() if not p.is_me)
    assert find_person(network, person.display_name.upper()) == person.id
    with pytest.raises(KnownError, match="nobody"):
        find_person(network, "Zzyzx Nobody")
    with pytest.raises(KnownError, match="unknown sphere 'Moon'"):
        find_sphere(network, "Moon")
    with pytest.raises(KnownError, match="not on the map"):
        people_in_scope(network, Scope.around(PersonId(99_999)))


def test_around_a_person_puts_them_in_the_middle_and_each_step_on_its_ring(
    gui: object, network: Network
) -> None:
    import numpy as np

    from relmap import style

    me = network.me
    assert me is not None
    person = next(p.id for p in network.people.values() if not p.is_me)
    plan = prepare_map(network, MapOptions(scope=Scope.around(person, 2),
                                           today=date(2026, 5, 12)), PAGE)
    scene = plan.scene
    row = scene.ids.index(person)
    assert scene.radius[row] == style.ME_RADIUS and scene.radius[scene.me_row] < style.ME_RADIUS
    steps = nx.single_source_shortest_path_length(_graph(network), person)
    distance = np.linalg.norm(scene.pos - scene.pos[row], axis=1)
    by_step = {s: distance[[scene.ids.index(p) for p, k in steps.items() if k == s]]
               for s in (1, 2)}
    assert distance[row] == 0 and by_step[1].max() < by_step[2].min()  # rings, nearest inside
    assert row in plan.geometry.labels.rows  # their name is printed
    me_row = scene.me_row
    assert me_row is not None and scene.bold(row) and scene.bold(me_row)  # bold, as mine is
    assert not any(scene.bold(r) for r in range(len(scene)) if r not in (row, me_row))
