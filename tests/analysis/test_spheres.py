"""Sphere counts kept up to date through edits of a few people."""

from __future__ import annotations

import random
from dataclasses import replace

from relmap.analysis.spheres import SphereCount, sphere_counts
from relmap.core.ids import PersonId, SphereId
from relmap.core.model import Person


def test_counts_kept_through_edits_of_a_few_people_are_those_counted_afresh() -> None:
    """People join and leave spheres, come and go, and one of them becomes me."""
    rng = random.Random(4)
    spheres = [SphereId(s) for s in range(1, 6)]

    def someone(pid: int) -> Person:
        joined = frozenset(rng.sample(spheres, rng.randint(0, 2)))
        return Person(PersonId(pid), f"P{pid}", spheres=joined, is_me=pid == 1)

    people = {PersonId(i): someone(i) for i in range(1, 200)}
    count = SphereCount(people.values())
    for step in range(300):
        changed = rng.sample(sorted(people), 3)
        for pid in changed:
            if step % 7 == 0:
                del people[pid]  # gone
            else:
                people[pid] = replace(someone(pid), is_me=False)  # in other spheres now
        added = PersonId(1000 + step)
        people[added] = someone(added)
        if step == 150:  # someone new is me now
            for me in [p for p in people.values() if p.is_me]:
                people[me.id] = replace(me, is_me=False)
                changed.append(me.id)
            people[added] = replace(people[added], is_me=True)
        count.update(people, [*changed, added])
        assert count.counts == sphere_counts(people.values())
        assert count.alone == sum(1 for p in people.values() if not p.spheres and not p.is_me)
