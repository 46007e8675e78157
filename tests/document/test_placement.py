"""Where people are put: near those they know, and those they work or share a sphere with."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from scipy.spatial import cKDTree

from relmap.core.ids import PersonId, SphereId, TieId
from relmap.core.model import Person, Sphere, Tie
from relmap.core.network import Network
from relmap.document.placement import (
    RING_NAMES_APART,
    RINGS,
    compute_layout,
    ego_rings,
    layout_input,
    placements,
    rings_laid_out,
)
from relmap.layout.ego import ring_of, rows_for
from relmap.layout.quality import group_cohesion
from relmap.store.repository import Repository
from relmap.style import node_radius


def test_newcomers_tied_only_to_me_land_by_their_colleagues() -> None:
    """A LinkedIn import: each new person is tied to me alone; their organisation (even
    written "Acme Inc") draws them to the Acme people already on the map."""
    me = Person(PersonId(1), "Me", is_me=True, x=0.0, y=0.0, pinned=True)
    people, ties = [me], []
    centres = {"Acme": (400.0, 300.0), "Globex": (-400.0, -300.0)}
    for org, (cx, cy) in centres.items():
        for k in range(6):
            pid = PersonId(len(people) + 1)
            people.append(Person(pid, f"{org} {k}", organisation=org, x=cx + 20 * k,
                                 y=cy + 15 * (k % 2)))
            ties.append(Tie(TieId(pid), me.id, pid))
    newcomers = []
    for k, org in enumerate(("Acme Inc", "Acme", "Acme", "ACME")):
        pid = PersonId(len(people) + 1)
        people.append(Person(pid, f"Newcomer {k}", organisation=org))
        ties.append(Tie(TieId(pid), me.id, pid))
        newcomers.append(pid)
    network = Network(people={p.id: p for p in people}, ties={t.id: t for t in ties})
    moves = placements(network, seed=1)
    assert set(moves) == set(newcomers)
    acme = np.array([(p.x or 0.0, p.y or 0.0) for p in people[1:7]]).mean(axis=0)
    globex = np.array([(p.x or 0.0, p.y or 0.0) for p in people[7:13]]).mean(axis=0)
    for pid in newcomers:
        at = np.array([moves[pid].x, moves[pid].y])
        assert np.linalg.norm(at - acme) < np.linalg.norm(at - globex), network.people[pid]
        # by them, not halfway back to me: the tie to me says how close, not where
        assert np.linalg.norm(at - acme) < np.linalg.norm(at), network.people[pid]


def test_a_newcomer_lands_by_the_smallest_group_it_shares() -> None:
    """An Acme newcomer in the Fintech sphere lands by the six Acme people, not between them
    and the thirty other Fintech people across the map."""
    me = Person(PersonId(1), "Me", is_me=True, x=0.0, y=0.0, pinned=True)
    fintech = frozenset({SphereId(1)})
    people = [me]
    for k in range(36):
        acme = k < 6
        cx, cy = (400.0, 300.0) if acme else (-400.0, -300.0)
        people.append(Person(PersonId(k + 2), f"P{k}", organisation="Acme" if acme else "",
                             spheres=fintech, x=cx + 25 * (k % 6), y=cy + 25 * (k // 6 % 2)))
    newcomer = Person(PersonId(99), "Newcomer", organisation="Acme", spheres=fintech)
    people.append(newcomer)
    network = Network(people={p.id: p for p in people},
                      ties={TieId(p.id): Tie(TieId(p.id), me.id, p.id) for p in people[1:]},
                      spheres={SphereId(1): Sphere(SphereId(1), "Fintech")})
    placed = placements(network, seed=1)[newcomer.id]
    at = np.array([placed.x, placed.y])
    where = np.array([(p.x or 0.0, p.y or 0.0) for p in people[:-1]])
    assert 1 <= np.linalg.norm(where - at, axis=1).argmin() <= 6  # an Acme person
    acme, others = where[1:7].mean(axis=0), where[7:].mean(axis=0)
    assert np.linalg.norm(at - acme) < 0.3 * np.linalg.norm(at - others)


def test_an_import_into_a_star_map_lands_among_its_colleagues() -> None:
    """A second LinkedIn import into a map laid out from the first: everyone tied to me
    alone, organisations of all sizes. Each newcomer lands among the colleagues already on
    the map, as near them as people on the map are to each other."""
    rng = np.random.default_rng(3)
    me = Person(PersonId(1), "Me", is_me=True, x=0.0, y=0.0, pinned=True)
    people = [me] + [Person(PersonId(i), f"P{i}", organisation=f"Org {rng.zipf(1.6) % 30}")
                     for i in range(2, 302)]
    ties = [Tie(TieId(p.id), me.id, p.id) for p in people[1:]]
    network = Network(people={p.id: p for p in people}, ties={t.id: t for t in ties})
    data = layout_input(network, fresh=True)
    out = compute_layout(data, seed=1)
    placed = {pid: network.people[pid].at(float(x), float(y), network.people[pid].pinned)
              for pid, (x, y) in zip(data.ids, out.tolist(), strict=True)}
    orgs = sorted({p.organisation for p in people[1:]}, key=lambda o: -sum(
        p.organisation == o for p in people))[:10]
    newcomers = [Person(PersonId(302 + k), f"New {k}", organisation=orgs[k % 10])
                 for k in range(20)]
    network = Network(people=placed | {p.id: p for p in newcomers},
                      ties={t.id: t for t in ties}
                      | {TieId(p.id): Tie(TieId(p.id), me.id, p.id) for p in newcomers})
    where = np.array([(p.x, p.y) for p in placed.values()], dtype=float)
    gap = np.median(np.sort(np.linalg.norm(where[:, None] - where[None], axis=2))[:, 1])
    colleague_nearest, to_colleague = [], []
    for seed in range(4):  # one seed's twenty land by chance as often as by their colleagues
        moves = placements(network, seed=seed)
        assert set(moves) == {p.id for p in newcomers}
        for person in newcomers:
            at = np.array([moves[person.id].x, moves[person.id].y])
            mates = np.array([(p.x, p.y) for p in placed.values()
                              if p.organisation == person.organisation], dtype=float)
            nearest_mate = np.linalg.norm(mates - at, axis=1).min()
            colleague_nearest.append(nearest_mate <= np.linalg.norm(where - at, axis=1).min())
            to_colleague.append(nearest_mate)
    assert np.mean(colleague_nearest) >= 0.5  # they were by me, 20 % of them by a colleague
    assert np.median(to_colleague) < 2 * gap  # they were 6 gaps away


def _star(spheres: int, each: int) -> Network:
    """Me and ``spheres * each`` people tied to me alone, ``each`` per sphere."""
    me = Person(PersonId(1), "Me", is_me=True)
    people, ties = [me], []
    for s in range(1, spheres + 1):
        for _ in range(each):
            pid = PersonId(len(people) + 1)
            people.append(Person(pid, f"P{pid}", spheres=frozenset({SphereId(s)})))
            ties.append(Tie(TieId(pid), me.id, pid))
    return Network(people={p.id: p for p in people}, ties={t.id: t for t in ties},
                   spheres={SphereId(s): Sphere(SphereId(s), f"S{s}")
                            for s in range(1, spheres + 1)})


def test_on_a_star_map_sphere_members_gather_and_pinned_people_stay() -> None:
    """Everyone tied to me alone, as after a LinkedIn import: the whole-map layout draws
    each sphere together, nearer its own members than anyone else."""
    network = _star(spheres=6, each=25)
    pinned = PersonId(7)
    network.people[pinned] = replace(network.people[pinned], x=500.0, y=-40.0, pinned=True)
    data = layout_input(network, fresh=True)
    out = compute_layout(data, seed=2)
    assert len(out) == len(data.ids)  # the groups' hubs are not people
    assert tuple(out[data.ids.index(pinned)]) == (500.0, -40.0)
    sphere = np.array([min(network.people[pid].spheres, default=0) for pid in data.ids])
    dist = np.linalg.norm(out[:, None] - out[None], axis=2)
    members = np.flatnonzero(sphere > 0)
    same = sphere[members, None] == sphere[None, members]
    np.fill_diagonal(same, False)
    within = np.nanmean(np.where(same, dist[np.ix_(members, members)], np.nan), axis=1)
    apart = np.nanmean(np.where(~same & (sphere[None, members] > 0) & ~np.eye(
        len(members), dtype=bool), dist[np.ix_(members, members)], np.nan), axis=1)
    assert (within < apart).mean() > 0.95  # nearly everyone is nearer their own sphere
    assert np.median(within / apart) < 0.6
    groups = [frozenset({int(s)}) if s else frozenset() for s in sphere]
    plain = compute_layout(replace(data, groups=()), seed=2)
    assert group_cohesion(out, groups) > group_cohesion(plain, groups) + 0.3


def test_large_spheres_on_a_star_map_each_gather_whole() -> None:
    """Ten spheres of 300 tied to me alone, as a large LinkedIn import with each company a
    sphere: each is one compact cluster, without a cloud of its members around it."""
    network = _star(spheres=10, each=300)
    data = layout_input(network, fresh=True)
    out = compute_layout(data, seed=0)
    rows = np.array([i for i, pid in enumerate(data.ids) if not network.people[pid].is_me])
    sphere = np.array([min(network.people[data.ids[i]].spheres) for i in rows])
    _, nearest = cKDTree(out[rows]).query(out[rows], 6)
    assert (sphere[nearest[:, 1:]] == sphere[:, None]).mean() > 0.99
    for s in np.unique(sphere):
        members = out[rows[sphere == s]]
        away = np.linalg.norm(members - members.mean(axis=0), axis=1)
        assert away.max() < 3 * np.median(away), s  # nobody strays far from the cluster


def test_the_ego_layout_keeps_each_sphere_together_within_its_ring() -> None:
    network = _star(spheres=6, each=25)
    data = layout_input(network, fresh=True)
    sphere = [min(network.people[pid].spheres, default=0) for pid in data.ids]
    groups = [frozenset({s}) if s else frozenset() for s in sphere]
    ringed = compute_layout(data, seed=1, ego=True)
    plain = compute_layout(replace(data, groups=()), seed=1, ego=True)
    assert group_cohesion(ringed, groups) > group_cohesion(plain, groups) + 0.3
    assert group_cohesion(ringed, groups) > 0.6


@pytest.mark.parametrize("ego", [False, True])
def test_a_map_in_a_ring_of_several_circles_is_known_to_be_in_rings(ego: bool) -> None:
    network = _star(spheres=8, each=50)  # 400 people, all as close: one ring
    data = layout_input(network, fresh=True)
    out = compute_layout(data, seed=1, ego=ego)
    for pid, (x, y) in zip(data.ids, out.tolist(), strict=True):
        network.people[pid] = network.people[pid].at(x, y, False)
    if ego:
        me = data.me or 0
        radius = np.linalg.norm(out - out[me], axis=1)
        assert len(np.unique(np.round(np.delete(radius, me), 6))) == rows_for(400) == 3
    assert (rings_laid_out(network) is not None) == ego


@pytest.mark.parametrize("ego", [False, True])
def test_a_layout_afresh_keeps_the_map_turned_as_it_was(ego: bool) -> None:
    """A map turned a quarter, or mirrored, since it was laid out: laid out afresh, it is
    turned to match, so each sphere ends where it was instead of where the forces put it."""
    network = _star(spheres=6, each=25)
    ids = layout_input(network, fresh=True).ids
    first = compute_layout(layout_input(network, fresh=True), seed=1, ego=ego)
    assert first[ids.index(PersonId(1))].tolist() == [0.0, 0.0]  # me, in the middle
    for turn in ([[0.0, 1.0], [-1.0, 0.0]], [[-1.0, 0.0], [0.0, 1.0]]):
        was = first @ np.array(turn)
        for pid, (x, y) in zip(ids, was.tolist(), strict=True):
            network.people[pid] = replace(network.people[pid], x=x, y=y)
        again = compute_layout(layout_input(network, fresh=True), seed=1, ego=ego)
        assert np.allclose(again, was, atol=1e-6)
        assert again[ids.index(PersonId(1))].tolist() == [0.0, 0.0]
    if not ego:  # someone pinned holds the map's orientation: nobody turns it
        pid = ids[5]
        network.people[pid] = replace(network.people[pid], pinned=True)
        held = compute_layout(layout_input(network, fresh=True), seed=2)
        assert held[5].tolist() == was[5].tolist()


def test_the_layout_sizes_each_person_as_the_map_draws_them(demo_db: Path) -> None:
    with Repository(demo_db) as repo:
        network = repo.load(log=False)
    data = layout_input(network)
    assert data.sizes.tolist() == [node_radius(network.people[pid]) for pid in data.ids]
    assert len(set(data.sizes.tolist())) > 2  # me, the unrated and several qualities


def test_neighbouring_rings_are_named_apart(demo_db: Path) -> None:
    """Every ring's people sit in four groups and leave the same arc empty: each ring's
    widest gap is there, but neighbouring rings' names, a few pixels apart on a map seen
    whole, would run into each other. Each is named at least RING_NAMES_APART round from the
    ring inside it, still where it covers none of its people."""
    with Repository(demo_db) as repo:
        network = repo.load(log=False)
    data = layout_input(network, fresh=True)
    band = ring_of(data.closeness, RINGS)
    out = np.zeros((len(data.ids), 2))
    for b in range(RINGS):
        rows = np.flatnonzero((band == b) & (np.arange(len(out)) != data.me))
        angle = np.concatenate([centre + np.linspace(-0.25, 0.25, len(group))
                                for centre, group in zip((1.2, 2.5, 3.8, 5.1),
                                                         np.array_split(rows, 4), strict=True)])
        out[rows] = 100.0 * (b + 1) * np.column_stack([np.cos(angle), np.sin(angle)])
    rings = ego_rings(data, out)
    assert len(rings) >= 4
    for (_, _, inside), (_, b, at) in pairwise(rings):
        assert abs((at - inside + np.pi) % (2 * np.pi) - np.pi) >= RING_NAMES_APART - 1e-9
        on = np.arctan2(*out[(band == b) & (np.arange(len(out)) != data.me)].T[::-1])
        spacing = 2 * np.pi / len(on)
        assert np.min(np.abs((on - at + np.pi) % (2 * np.pi) - np.pi)) >= spacing / 2 - 1e-9
