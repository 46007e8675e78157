"""Group-aware layout benchmark: a LinkedIn-shaped map (everyone tied to me alone, hundreds of
organisations, a dozen spheres), laid out as the app lays out a whole map, with and without
the pull of shared organisations and spheres, and by igraph's Fruchterman-Reingold.

The measure is group cohesion (relmap.layout.quality.group_cohesion): the share of a
person's five nearest people on the map who share their organisation or a sphere. Times
are wall seconds in this process, best of ``--repeat``.

Then a second import, ``--more`` people of the same map, is placed into the map as laid out
(``placements``, as the app places an import), and the same measure is taken of them alone,
next to placing them by all their ties and groups, the tie to me included (as before).

    python benchmarks/bench_groups.py [--people 5000] [--orgs 400] [--spheres 12] [--more 250]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

import igraph as ig
import numpy as np

from relmap.core.ids import PersonId, SphereId, TieId
from relmap.core.model import Person, Sphere, Tie
from relmap.core.network import Network
from relmap.document.placement import compute_layout, layout_input, placements
from relmap.layout.quality import group_cohesion


def linkedin_map(people: int, orgs: int, spheres: int, seed: int) -> Network:
    """Me and ``people - 1`` contacts tied to me alone; organisations of Zipf-like sizes,
    each mostly in one sphere (an industry), a third of the people in a second sphere."""
    rng = np.random.default_rng(seed)
    size = 1.0 / np.arange(1, orgs + 1) ** 0.9
    org_of = rng.choice(orgs, size=people - 1, p=size / size.sum())
    sphere_of_org = rng.integers(spheres, size=orgs)
    net = Network()
    for s in range(spheres):
        net.spheres[SphereId(s + 1)] = Sphere(SphereId(s + 1), f"Sphere {s + 1}")
    net.people[PersonId(1)] = Person(PersonId(1), "Me", is_me=True)
    for i, org in enumerate(org_of.tolist(), start=2):
        mine = {int(sphere_of_org[org]) + 1}
        if rng.random() < 0.33:
            mine.add(int(rng.integers(spheres)) + 1)
        net.people[PersonId(i)] = Person(
            PersonId(i), f"Person {i}", organisation=f"Company {org} Ltd",
            spheres=frozenset(SphereId(s) for s in mine),
        )
        net.ties[TieId(i)] = Tie(TieId(i), PersonId(1), PersonId(i))
    return net


def memberships(n: int, groups: tuple[np.ndarray, ...]) -> list[frozenset[int]]:
    """Each row's groups, by index into ``groups`` (the layout's own: organisations, legal
    forms aside, and spheres of two or more people)."""
    found: list[set[int]] = [set() for _ in range(n)]
    for g, rows in enumerate(groups):
        for row in rows.tolist():
            found[row].add(g)
    return [frozenset(f) for f in found]


def timed(run, repeat: int):  # type: ignore[no-untyped-def]
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - start)
    return out, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--orgs", type=int, default=400)
    parser.add_argument("--spheres", type=int, default=12)
    parser.add_argument("--more", type=int, default=250)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    everyone = linkedin_map(args.people + args.more, args.orgs, args.spheres, args.seed)
    later = [pid for pid in everyone.people if pid > args.people]  # the second import
    net = Network(people={pid: p for pid, p in everyone.people.items() if pid not in later},
                  ties={tid: t for tid, t in everyone.ties.items() if t.b not in later},
                  spheres=dict(everyone.spheres))
    data = layout_input(net, fresh=True)
    groups = memberships(len(data.ids), data.groups)
    grouped, t_grouped = timed(lambda: compute_layout(data, seed=args.seed), args.repeat)
    plain, t_plain = timed(lambda: compute_layout(replace(data, groups=()), seed=args.seed),
                           args.repeat)
    ego, t_ego = timed(lambda: compute_layout(data, seed=args.seed, ego=True), args.repeat)
    ego_plain, t_ego_plain = timed(
        lambda: compute_layout(replace(data, groups=()), seed=args.seed, ego=True), args.repeat)
    graph = ig.Graph(n=len(data.ids), edges=data.edges.tolist())
    fr, t_fr = timed(lambda: np.array(graph.layout_fruchterman_reingold(seed=None).coords),
                     args.repeat)
    print(f"{args.people:,} people tied to me alone, {args.orgs} organisations, "
          f"{args.spheres} spheres; {len(data.groups)} groups of two or more")
    print(f"{'layout':<38}{'time s':>8}{'cohesion':>10}")
    for name, pos, t in (("relmap, organisations and spheres", grouped, t_grouped),
                         ("relmap, ties only (before)", plain, t_plain),
                         ("ego rings, organisations and spheres", ego, t_ego),
                         ("ego rings, ties only (before)", ego_plain, t_ego_plain),
                         ("igraph Fruchterman-Reingold", fr, t_fr)):
        print(f"{name:<38}{t:>8.2f}{group_cohesion(pos, groups):>10.3f}")
    second_import(everyone, later, data.ids, grouped, args)


def second_import(everyone: Network, later: list[PersonId], ids: list[PersonId],
                  pos: np.ndarray, args: argparse.Namespace) -> None:
    """Place ``later`` into the map laid out at ``pos`` and print their cohesion."""
    people = dict(everyone.people)
    for pid, (x, y) in zip(ids, pos.tolist(), strict=True):
        people[pid] = people[pid].at(x, y, people[pid].pinned)
    joined = Network(people=people, ties=dict(everyone.ties), spheres=dict(everyone.spheres))
    data = layout_input(joined)
    groups = memberships(len(data.ids), data.groups)
    rows = [data.ids.index(pid) for pid in later]
    moves, t_now = timed(lambda: placements(joined, seed=args.seed), args.repeat)
    now = np.array([(moves[p].x, moves[p].y) if p in moves else (people[p].x, people[p].y)
                    for p in data.ids], dtype=float)
    before, t_before = timed(lambda: compute_layout(data, seed=args.seed), args.repeat)
    print(f"\n{len(later)} more people placed into that map (cohesion of them alone)")
    for name, placed, t in (("as an import is placed", now, t_now),
                            ("by all ties and groups (before)", before, t_before)):
        print(f"{name:<38}{t:>8.2f}{group_cohesion(placed, groups, of=rows):>10.3f}")


if __name__ == "__main__":
    main()
